import type { ModalView } from '@slack/types';
import type { Interview, Stakeholder } from '../../domain/interview.js';
import { esc, LIMITS, plain, section, truncate } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK } from '../ids.js';
import { fallbackDate } from '../format.js';
import type { ForInterviewMetadata } from './state.js';

const person = (s: Stakeholder) => esc(s.role ? `${s.name} (${s.role})` : s.name);

function joinList(items: string[], t: Translator): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${t('script.and')} ${items.at(-1)}`;
}

/**
 * The playbook's context-conversation template ("Het gesprek heeft 3 onderdelen … Je spreekt met
 * [naam + functie]. Hij/zij is vooral geïnteresseerd in [specifieke focus].") filled in from the
 * stakeholder profiles. Gaps keep the playbook's [placeholders] so the consultant sees what to add.
 * Plain text, meant to be copied into a message to the candidate (hence no Slack date token); shown
 * in mrkdwn, so user text is escaped (Slack shows `&lt;` as `<`, also when copied).
 */
export function contextConversationScript(interview: Interview, tz: string, t: Translator): string {
  const l = interview.logistics;
  const people = interview.stakeholders;
  const lines = [
    t('script.context.structure'),
    t('script.context.logistics', {
      when: fallbackDate(l.start, tz, t.language),
      location: esc(l.location),
      format: t(`format.${l.format}`),
      minutes: l.durationMin,
    }),
    t('script.context.with', {
      people: people.length > 0 ? joinList(people.map(person), t) : t('script.placeholder.person'),
    }),
  ];
  if (people.length <= 1) {
    lines.push(t('script.context.focusOne', { focus: people[0]?.keyInterests !== undefined ? esc(people[0].keyInterests) : t('script.placeholder.focus') }));
  } else {
    for (const s of people) {
      lines.push(t('script.context.focusNamed', { name: esc(s.name), focus: s.keyInterests !== undefined ? esc(s.keyInterests) : t('script.placeholder.focus') }));
    }
  }
  const culture = [interview.culture.formality, interview.culture.directness]
    .filter((c): c is NonNullable<typeof c> => c !== undefined)
    .map((c) => t(`culture.${c}`));
  if (culture.length > 0) lines.push(t('script.context.culture', { client: esc(l.clientCompany), culture: joinList(culture, t) }));
  return lines.join(' ');
}

/** A copyable block: a code block keeps the text intact when it is selected and copied. */
export function copyableText(text: string): string {
  // Backticks would end the code block early.
  return `\`\`\`${truncate(text.replace(/`/g, "'"), LIMITS.sectionText - 6)}\`\`\``;
}

export function buildBriefingModal(interview: Interview, tz: string, t: Translator): ModalView {
  const metadata: ForInterviewMetadata = { interviewId: interview.id };
  return {
    type: 'modal',
    callback_id: CALLBACK.briefingModal,
    title: plain(t('modal.briefing.title'), LIMITS.modalTitle),
    close: plain(t('button.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: [section(t('briefing.intro')), section(copyableText(contextConversationScript(interview, tz, t)))],
  };
}
