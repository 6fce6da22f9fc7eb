import type { KnownBlock } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { actions, confirmButton, context, esc, plainText, section } from '../blocks.js';
import { slackDate } from '../format.js';
import type { Translator } from '../i18n/index.js';
import { ACTION, BLOCK, METADATA_EVENT } from '../ids.js';
import type { ReminderMessage } from './reminders.js';

/**
 * The answer to a coaching check, in the playbook's words: a short confirmation when little
 * guidance is needed; otherwise the targeted-coaching principles aimed at the warning signals that
 * were ticked, the five gunfactor points and the pointer to Addendum E (a link with PLAYBOOK_URL).
 */
export function buildCoachingAdvice(i: Interview, t: Translator, tz: string, playbookUrl?: string): ReminderMessage {
  const c = i.coaching;
  const candidate = esc(i.logistics.candidateName);
  const metadata = { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: i.id, kind: 'coaching_advice' } };
  if (!c || c.coachingNeed === 'minimal') {
    return { text: plainText(t, 'advice.minimal', { id: i.id, candidate: i.logistics.candidateName }), blocks: [section(t('advice.minimal', { id: i.id, candidate }))], metadata };
  }
  const blocks: KnownBlock[] = [section(t('advice.head', { id: i.id, candidate, need: t(`need.${c.coachingNeed}`) }))];
  if (c.warningSignals.length > 0) {
    blocks.push(section(t('advice.focus', { signals: c.warningSignals.map((w) => `_${t(`signal.${w}`)}_`).join('; ') })));
  }
  blocks.push(section(t('advice.principles')), section(t('advice.gunfactor')));
  blocks.push(context(playbookUrl ? t('advice.addendumLink', { url: playbookUrl }) : t('advice.addendum')));
  if (c.coachingNeed === 'intensive') blocks.push(section(t('advice.intensive')));
  // The checklist's "Gerichte coaching gegeven" waits for the consultant, not for this message.
  const given = i.done.coaching;
  if (given) {
    blocks.push(context(t('advice.confirmed', { user: given.by, when: slackDate(given.at, tz, t.language) })));
  } else {
    blocks.push(
      section(t('advice.confirmPrompt')),
      actions(BLOCK.adviceActions, [
        confirmButton(t('button.coachingGiven'), ACTION.coachingGiven, String(i.id), {
          title: t('confirm.coaching.title'),
          text: t('confirm.coaching.text', { id: i.id }),
          yes: t('confirm.coaching.yes'),
          no: t('confirm.back'),
        }),
      ]),
    );
  }
  return { text: plainText(t, 'advice.head', { id: i.id, candidate: i.logistics.candidateName, need: t(`need.${c.coachingNeed}`) }), blocks, metadata };
}

