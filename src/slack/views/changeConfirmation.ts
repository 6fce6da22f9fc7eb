import type { KnownBlock } from '@slack/types';
import type { ChangeDecision, ChangeReason, Interview, LastMinuteChange, Stakeholder } from '../../domain/interview.js';
import { localParts } from '../../domain/localTime.js';
import { context, esc, LIMITS, plainText, section } from '../blocks.js';
import { fallbackDate, slackDate } from '../format.js';
import type { Language, MessageKey, Translator } from '../i18n/index.js';
import { CHANGE_CONFIRMATION_KIND, METADATA_EVENT } from '../ids.js';
import { copyableText } from './briefing.js';
import type { ReminderMessage } from './reminders.js';

/**
 * The answer to a `Last-minute wijziging`: what was recorded, and the two messages the playbook's
 * promise asks for next ("laat het me weten dan informeer ik [kandidaat] direct"), filled in and
 * ready to copy — one to the candidate, one to the client contact.
 *
 * Privacy: the client's message never carries health facts. A candidate who is ill is "verhinderd"
 * to the client; the reason the consultant picked stays in this DM.
 */
export function buildChangeConfirmation(
  interview: Interview,
  change: LastMinuteChange,
  tz: string,
  t: Translator,
  now: Date,
): ReminderMessage {
  const i = interview;
  const metadata = { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: i.id, kind: CHANGE_CONFIRMATION_KIND } };
  if (i.erased) {
    return { text: plainText(t, 'erased.message', { id: i.id }), blocks: [section(t('erased.message', { id: i.id }))], metadata };
  }
  const l = i.logistics;
  const decision = change.decision;
  // The moment the message is about: the new start, or the start that was called off / stands.
  const moment = decision === 'reschedule' ? (change.newStart ?? l.start) : decision === 'cancel' ? change.previousStart : l.start;

  const summary = (candidate: string, client: string, when: string) =>
    t(`changeConfirm.summary.${decision}`, { id: i.id, candidate, client, when });
  const plainWhen = fallbackDate(moment, tz, t.language);

  const details = [t('changeConfirm.what', { what: t(`changeWhat.${change.what}` as MessageKey) })];
  if (change.note) details.push(t('changeConfirm.note', { note: esc(change.note) }));

  const contact = clientContact(i.stakeholders);
  const blocks: KnownBlock[] = [
    section(t('changeConfirm.head', { summary: summary(esc(l.candidateName), esc(l.clientCompany), dmDate(moment, tz, t.language)) })),
    context(...details),
    section(`${t(`changeConfirm.effect.${decision}`)} ${t('changeConfirm.informNow')}`),
    section(t('changeConfirm.toCandidate', { candidate: esc(l.candidateName) })),
    section(copyableText(candidateScript(i, change, moment, tz, t, now))),
    section(
      contact
        ? t('changeConfirm.toClient', { contact: esc(contact.name), client: esc(l.clientCompany) })
        : t('changeConfirm.toClientCompany', { client: esc(l.clientCompany) }),
    ),
    section(copyableText(clientScript(i, change, contact, moment, tz, t, now))),
  ];
  return {
    // The notification text: plain, but user text stays escaped (no `<!channel>` from a name).
    text: plainText(t, 'changeConfirm.text', { summary: summary(l.candidateName, l.clientCompany, plainWhen) }),
    blocks: blocks.slice(0, LIMITS.messageBlocks),
    metadata,
  };
}

/** Who hears about it at the client: the decision maker, else the first interviewer, else the company. */
export function clientContact(stakeholders: readonly Stakeholder[]): Stakeholder | undefined {
  return stakeholders.find((s) => s.decisionPower === 'decision_maker') ?? stakeholders[0];
}

/**
 * A date in the consultant's DM. Slack renders date tokens in the reader's Slack language, which
 * has no Dutch (SPEC "Times"): in Dutch the bot writes the date itself.
 */
function dmDate(instant: Date, tz: string, language: Language): string {
  return language === 'nl' ? fallbackDate(instant, tz, language) : slackDate(instant, tz, language);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "donderdag 3 december om 14:00" / "Thursday 3 December at 14:00" (with the year if not this year). */
export function spokenDate(instant: Date, tz: string, t: Translator, now: Date): string {
  const withYear = localParts(instant, tz).year !== localParts(now, tz).year;
  const key = `${t.language}|${tz}|${withYear}`;
  let f = dayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(t.language === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: tz,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' as const } : {}),
    });
    dayFormatters.set(key, f);
  }
  const { hour, minute } = localParts(instant, tz);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return t('changeScript.at', { day: f.format(instant).replace(/,/g, ''), time });
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** Reasons with a sentence of their own; `other` says nothing the consultant did not write. */
const REASONS_WITH_SENTENCE: ReadonlySet<ChangeReason> = new Set<ChangeReason>(['candidate_ill', 'client_emergency', 'technical']);

/**
 * Why, in one sentence, for the side being told. Not for `gaat door`: that message is about
 * nothing changing ("het gaat gewoon door"), whatever the scare was.
 */
function reasonSentence(side: 'candidate' | 'client', what: ChangeReason, decision: ChangeDecision, params: Record<string, string>, t: Translator): string[] {
  if (decision === 'go_ahead' || !REASONS_WITH_SENTENCE.has(what)) return [];
  return [t(`changeScript.${side}Reason.${what}` as MessageKey, params)];
}

function candidateScript(i: Interview, change: LastMinuteChange, moment: Date, tz: string, t: Translator, now: Date): string {
  const l = i.logistics;
  const client = esc(l.clientCompany);
  const body = [
    ...reasonSentence('candidate', change.what, change.decision, { client }, t),
    t(`changeScript.candidate.${change.decision}`, { client, when: spokenDate(moment, tz, t, now), location: esc(l.location) }),
  ];
  return `${t('changeScript.greet.informal', { name: esc(firstName(l.candidateName)) })}\n${body.join(' ')}`;
}

function clientScript(
  i: Interview,
  change: LastMinuteChange,
  contact: Stakeholder | undefined,
  moment: Date,
  tz: string,
  t: Translator,
  now: Date,
): string {
  const l = i.logistics;
  const candidateFirst = esc(firstName(l.candidateName));
  const greeting = contact
    ? t(i.culture.formality === 'formal' ? 'changeScript.greet.formal' : 'changeScript.greet.informal', { name: esc(firstName(contact.name)) })
    : t('changeScript.greet.anonymous');
  const body = [
    ...reasonSentence('client', change.what, change.decision, { candidateFirst }, t),
    t(`changeScript.client.${change.decision}`, {
      candidate: esc(l.candidateName),
      candidateFirst,
      when: spokenDate(moment, tz, t, now),
      location: esc(l.location),
    }),
  ];
  return `${greeting}\n${body.join(' ')}`;
}
