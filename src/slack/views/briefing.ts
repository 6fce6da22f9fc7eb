import type { ModalView } from '@slack/types';
import { agendaParts, playbookMinutes } from '../../domain/briefing.js';
import type { Interview, Stakeholder } from '../../domain/interview.js';
import { esc, LIMITS, section, truncate } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK } from '../ids.js';
import { interviewModal } from './formModal.js';
import { fallbackDate } from '../format.js';

const person = (s: Stakeholder) => esc(s.role ? `${s.name} (${s.role})` : s.name);

function joinList(items: string[], t: Translator): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${t('script.and')} ${items.at(-1)}`;
}

/**
 * The playbook's context-conversation template filled in from the record, so the consultant can send
 * it as it is: the agenda's own parts (or the playbook's three, scaled to the real duration), when
 * and where, each interviewer by name with role and what they care about, what the client will look
 * at (evaluation criteria) and what to be ready for (the client's concerns), and the culture. Only a
 * missing interviewer keeps the playbook's [placeholder]: that is something to ask the client first.
 * Plain text, meant to be copied into a message to the candidate; shown in mrkdwn, so user text is
 * escaped (Slack shows `&lt;` as `<`, also when copied).
 */
export function contextConversationScript(interview: Interview, tz: string, t: Translator): string {
  const l = interview.logistics;
  const people = interview.stakeholders;
  const parts = agendaParts(l.agenda);
  const lines: string[] = [];
  if (parts.length >= 2) {
    lines.push(t('script.context.agenda', { count: parts.length, parts: joinList(parts.map(esc), t) }));
  } else {
    lines.push(t('script.context.structure', playbookMinutes(l.durationMin)));
    if (parts.length === 1) lines.push(t('script.context.agendaNote', { agenda: esc(parts[0] as string) }));
  }
  lines.push(
    t('script.context.logistics', {
      when: fallbackDate(l.start, tz, t.language),
      location: esc(l.location),
      format: t(`format.${l.format}`),
      minutes: l.durationMin,
    }),
    t('script.context.with', {
      people: people.length > 0 ? joinList(people.map(person), t) : t('script.placeholder.person'),
    }),
  );
  for (const s of people) {
    if (s.keyInterests !== undefined && s.keyInterests.trim() !== '') lines.push(t('script.context.focusNamed', { name: esc(s.name), focus: esc(s.keyInterests) }));
  }
  const criteria = interview.clientExpectations?.evaluationCriteria?.trim();
  if (criteria) lines.push(t('script.context.criteria', { criteria: esc(criteria) }));
  const concerns = interview.context?.clientConcerns?.trim();
  if (concerns) lines.push(t('script.context.concerns', { concerns: esc(concerns) }));
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
  const blocks = [section(t('briefing.intro')), section(copyableText(contextConversationScript(interview, tz, t)))];
  return interviewModal(CALLBACK.briefingModal, t('modal.briefing.title'), interview, blocks, t, { submit: false });
}
