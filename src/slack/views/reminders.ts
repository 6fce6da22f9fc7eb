import type { KnownBlock, MessageMetadata, ModalView } from '@slack/types';
import { localDate, localParts } from '../../domain/localTime.js';
import { CHECKLIST_GROUPS, deriveChecklist } from '../../domain/checklist.js';
import { interviewEnd, type Interview, type TimelineKind } from '../../domain/interview.js';
import { snoozeUntil, SNOOZE_OPTIONS_MIN } from '../../domain/timeline.js';
import type { TimelineItem } from '../../domain/timelineRepository.js';
import { actions, button, context, esc, LIMITS, plain, section } from '../blocks.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { ACTION, BLOCK, CALLBACK, METADATA_EVENT } from '../ids.js';
import { slackDate } from '../format.js';
import { contextConversationScript, copyableText } from './briefing.js';
import { buildInterviewCard, checklistLabel, progressLine } from './interviewCard.js';
import type { ForInterviewMetadata } from './state.js';

const MINUTE = 60_000;

/** "5 min", "2 u 10 min", "1 d 3 u": how late something is. */
export function formatDuration(ms: number, t: Translator): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return t('duration.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('duration.hours', { h: hours, m: minutes % 60 });
  return t('duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** "vandaag", "morgen" or the weekday, seen from `now` in the consultant's zone. */
export function relativeDay(target: Date, now: Date, tz: string, t: Translator): string {
  const day = (d: Date) => localDate(d, tz);
  if (day(target) === day(now)) return t('day.today');
  if (day(target) === day(new Date(now.getTime() + 24 * 3_600_000))) return t('day.tomorrow');
  const weekday = new Intl.DateTimeFormat(t.language === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'long', timeZone: tz }).format(target);
  return t('day.on', { weekday });
}

export function daypart(target: Date, tz: string, t: Translator): string {
  const hour = localParts(target, tz).hour;
  return t(hour < 12 ? 'daypart.morning' : hour < 18 ? 'daypart.afternoon' : 'daypart.evening');
}

export type ReminderStatus =
  | { type: 'open' }
  | { type: 'done'; by: string; at: Date }
  | { type: 'snoozed'; until: Date }
  | { type: 'cancelled' }
  | { type: 'superseded' };

export interface ReminderMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: MessageMetadata;
}

const hhmm = (d: Date, tz: string) => {
  const p = localParts(d, tz);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** The playbook's script for the moment, filled in from the record (the part worth copying). */
function body(kind: TimelineKind, i: Interview, tz: string, t: Translator, now: Date): KnownBlock[] {
  const l = i.logistics;
  const candidate = esc(l.candidateName);
  const day = relativeDay(l.start, now, tz, t);
  const deadline = (hours: number) => slackDate(new Date(interviewEnd(i).getTime() + hours * 3_600_000), tz, t.language);
  const late = (hours: number) => formatDuration(now.getTime() - (interviewEnd(i).getTime() + hours * 3_600_000), t);
  switch (kind) {
    case 'prep_candidate':
      return [
        section(t('reminder.prep_candidate.intro', { candidate })),
        section(t('reminder.prep_candidate.context')),
        section(copyableText(contextConversationScript(i, tz, t))),
        section(t('reminder.prep_candidate.updates')),
        section(copyableText(t('script.updates', { day }))),
        section(t('reminder.prep_candidate.question')),
      ];
    case 'prep_client': {
      const decider = i.stakeholders.find((s) => s.decisionPower === 'decision_maker') ?? i.stakeholders[0];
      return [
        section(
          t('reminder.prep_client.intro', {
            contact: decider ? esc(decider.name) : t('reminder.prep_client.contactUnknown'),
            client: esc(l.clientCompany),
          }),
        ),
        section(t('reminder.prep_client.criteria')),
        section(copyableText(t('script.criteria', { day }))),
        section(t('reminder.prep_client.timeline')),
        section(copyableText(t('script.timeline', { candidate: firstName(l.candidateName) }))),
      ];
    }
    case 'candidate_checkin':
      return [
        section(t('reminder.candidate_checkin.intro', { candidate })),
        section(copyableText(t('script.checkin', { daypart: daypart(l.start, tz, t) }))),
      ];
    case 'client_reminder':
      return [
        section(t('reminder.client_reminder.intro', { client: esc(l.clientCompany) })),
        section(
          copyableText(
            t('script.clientReminder', {
              candidate: l.candidateName,
              candidateFirst: firstName(l.candidateName),
              time: hhmm(l.start, tz),
            }),
          ),
        ),
      ];
    case 'on_call':
      return [section(t('reminder.on_call', { candidate, end: slackDate(interviewEnd(i), tz, t.language) }))];
    case 'candidate_debrief_due':
      return [section(t('reminder.candidate_debrief_due', { candidate })), section(t('reminder.debrief.prompts'))];
    case 'prep_incomplete_risk': {
      const missing = deriveChecklist(i)
        .items.filter((x) => !x.done && CHECKLIST_GROUPS.indexOf(x.group) < 3)
        .map((x) => t(checklistLabel(x.id)));
      return [section(t('reminder.prep_incomplete_risk', { missing: missing.join('; ') }))];
    }
    case 'candidate_debrief_overdue':
      return [
        section(t('reminder.overdue.debrief', { candidate, deadline: deadline(2), late: late(2) })),
        section(t('reminder.debrief.prompts')),
      ];
    case 'client_feedback_overdue':
      return [section(t('reminder.overdue.feedback', { client: esc(l.clientCompany), deadline: deadline(4), late: late(4) }))];
    case 'loop_overdue':
      return [section(t('reminder.overdue.loop', { deadline: deadline(24), late: late(24) }))];
  }
}

/** Which tasks a reminder can tick off with `Gedaan` (and ✅): not the risk alert, not the on-call note. */
export const TICKABLE: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  'prep_candidate',
  'prep_client',
  'candidate_checkin',
  'client_reminder',
  'candidate_debrief_due',
  'candidate_debrief_overdue',
  'client_feedback_overdue',
  'loop_overdue',
]);

/** Day-of moments that offer the `Last-minute wijziging` form (SPEC phase 3). */
const CHANGE_KINDS: ReadonlySet<TimelineKind> = new Set<TimelineKind>(['candidate_checkin', 'client_reminder', 'on_call']);

/**
 * A timeline DM: heading, the script for the moment, progress, and the buttons — or, once handled,
 * a status line instead of the buttons. `sentLateBy` (ms) marks a reminder that comes late.
 */
export function buildReminder(args: {
  item: Pick<TimelineItem, 'id' | 'kind' | 'dueAt'>;
  interview: Interview;
  tz: string;
  t: Translator;
  now: Date;
  status?: ReminderStatus;
}): ReminderMessage {
  const { item, interview: i, tz, t, now } = args;
  const status = args.status ?? { type: 'open' };
  const metadata = { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: i.id, kind: item.kind } };
  if (i.erased) {
    const text = t('erased.message', { id: i.id });
    return { text, blocks: [section(text)], metadata };
  }
  const l = i.logistics;
  const kindLabel = t(`kind.${item.kind}` as MessageKey);
  const blocks: KnownBlock[] = [
    section(
      t('reminder.head', {
        kind: kindLabel,
        id: i.id,
        candidate: esc(l.candidateName),
        client: esc(l.clientCompany),
        when: slackDate(l.start, tz, t.language),
      }),
    ),
  ];
  const lateBy = now.getTime() - item.dueAt.getTime();
  if (status.type === 'open' && lateBy > 5 * MINUTE && !item.kind.endsWith('_overdue')) {
    blocks.push(context(t('reminder.late', { late: formatDuration(lateBy, t) })));
  }
  blocks.push(...body(item.kind, i, tz, t, now));
  blocks.push(context(progressLine(deriveChecklist(i), t)));
  blocks.push(...statusBlocks(item, i, tz, t, now, status));
  return {
    text: `${kindLabel} · #${i.id} ${l.candidateName} (${l.clientCompany})`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
    metadata,
  };
}

function statusBlocks(
  item: Pick<TimelineItem, 'id' | 'kind'>,
  i: Interview,
  tz: string,
  t: Translator,
  now: Date,
  status: ReminderStatus,
): KnownBlock[] {
  const when = (d: Date) => slackDate(d, tz, t.language);
  switch (status.type) {
    case 'done':
      return [{ ...context(t('reminder.status.done', { user: status.by, when: when(status.at) })), block_id: BLOCK.reminderStatus }];
    case 'snoozed':
      return [{ ...context(t('reminder.status.snoozed', { when: when(status.until) })), block_id: BLOCK.reminderStatus }];
    case 'cancelled':
      return [{ ...context(t('reminder.status.cancelled')), block_id: BLOCK.reminderStatus }];
    case 'superseded':
      return [{ ...context(t('reminder.status.rescheduled')), block_id: BLOCK.reminderStatus }];
    case 'open': {
      const value = String(item.id);
      const buttons = [];
      if (TICKABLE.has(item.kind)) buttons.push(button(t('button.done'), ACTION.reminderDone, value, 'primary'));
      const [short, long] = SNOOZE_OPTIONS_MIN;
      if (snoozeUntil(item.kind, i, now, short)) buttons.push(button(t('button.snooze15'), ACTION.reminderSnooze15, value));
      if (snoozeUntil(item.kind, i, now, long)) buttons.push(button(t('button.snooze60'), ACTION.reminderSnooze60, value));
      buttons.push(button(t('button.open'), ACTION.reminderOpen, value));
      const out: KnownBlock[] = [actions(BLOCK.reminderActions, buttons)];
      if (CHANGE_KINDS.has(item.kind)) {
        out.push(context(t('reminder.change')));
        out.push(actions(BLOCK.reminderChange, [button(t('button.change'), ACTION.openChange, String(i.id), 'danger')]));
      }
      return out;
    }
  }
}

/** One DM per interview listing what was not sent because its moment passed while the bot was down. */
export function buildMissedSummary(i: Interview, items: Pick<TimelineItem, 'kind' | 'dueAt'>[], tz: string, t: Translator): ReminderMessage {
  const l = i.logistics;
  const lines = items.map((x) => t('missed.item', { kind: t(`kind.${x.kind}` as MessageKey), when: slackDate(x.dueAt, tz, t.language) }));
  return {
    text: t('missed.title', { id: i.id, candidate: l.candidateName, client: l.clientCompany }).replace(/\*/g, ''),
    blocks: [
      section(t('missed.title', { id: i.id, candidate: esc(l.candidateName), client: esc(l.clientCompany) })),
      section(lines.join('\n')),
      context(t('missed.footer')),
    ],
    metadata: { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: i.id, kind: 'missed_summary' } },
  };
}

/** The card's content in a modal: what `Openen` shows for moments that have no form of their own. */
export function buildOverviewModal(i: Interview, tz: string, t: Translator): ModalView {
  const metadata: ForInterviewMetadata = { interviewId: i.id };
  return {
    type: 'modal',
    callback_id: CALLBACK.overviewModal,
    title: plain(t('modal.overview.title'), LIMITS.modalTitle),
    close: plain(t('button.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: buildInterviewCard(i, tz, t).blocks,
  };
}

