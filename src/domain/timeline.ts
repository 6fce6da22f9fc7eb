import { localParts, zonedTimeToInstant } from './localTime.js';
import { prepComplete, deriveChecklist } from './checklist.js';
import { interviewEnd, type Interview, type TimelineKind } from './interview.js';

/**
 * SPEC "Timeline": when each moment is due, until when it is still worth sending, and when it is no
 * longer needed. Pure: the interview, the consultant's timezone and `now` come in as arguments.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Local time of day of the prep reminders, on the last working day before the interview. */
export const PREP_HOUR = 9;

export interface PlannedItem {
  kind: TimelineKind;
  dueAt: Date;
}

/** Where a kind is delivered (SPEC "to"). */
export const DELIVERY: Record<TimelineKind, { dm: boolean; riskChannel: boolean }> = {
  prep_candidate: { dm: true, riskChannel: false },
  prep_client: { dm: true, riskChannel: false },
  candidate_checkin: { dm: true, riskChannel: false },
  prep_incomplete_risk: { dm: false, riskChannel: true },
  client_reminder: { dm: true, riskChannel: false },
  on_call: { dm: true, riskChannel: false },
  candidate_debrief_due: { dm: true, riskChannel: false },
  candidate_debrief_overdue: { dm: true, riskChannel: true },
  client_feedback_overdue: { dm: true, riskChannel: true },
  loop_overdue: { dm: true, riskChannel: true },
};

/** Overdue alerts stay true however late they are: they are never skipped as stale. */
export const OVERDUE_KINDS: ReadonlySet<TimelineKind> = new Set([
  'candidate_debrief_overdue',
  'client_feedback_overdue',
  'loop_overdue',
]);

const isWeekend = (isoDay: number) => isoDay === 6 || isoDay === 7;

/**
 * 09:00 local on the last working day (Mon–Fri) before the interview's local date. Calendar
 * arithmetic happens on the local date, then one conversion to an instant, so DST never shifts it.
 */
export function prepMoment(start: Date, tz: string): Date {
  const { year, month, day: d } = localParts(start, tz);
  // A UTC date as a pure calendar: no timezone involved while stepping back over the weekend.
  const day = new Date(Date.UTC(year, month - 1, d));
  do {
    day.setUTCDate(day.getUTCDate() - 1);
  } while (isWeekend(day.getUTCDay() === 0 ? 7 : day.getUTCDay()));
  return zonedTimeToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), PREP_HOUR, 0, tz);
}

/** Every item of an interview's timeline with its due instant (prep "at once" when its moment passed). */
export function planTimeline(interview: Pick<Interview, 'logistics'>, tz: string, now: Date): PlannedItem[] {
  const T = interview.logistics.start.getTime();
  const E = interviewEnd(interview).getTime();
  const prep = prepMoment(interview.logistics.start, tz).getTime();
  const prepDue = new Date(Math.max(prep, now.getTime()));
  const at = (ms: number) => new Date(ms);
  return [
    { kind: 'prep_candidate', dueAt: prepDue },
    { kind: 'prep_client', dueAt: prepDue },
    { kind: 'candidate_checkin', dueAt: at(T - 2 * HOUR) },
    { kind: 'prep_incomplete_risk', dueAt: at(T - 2 * HOUR) },
    { kind: 'client_reminder', dueAt: at(T - 1 * HOUR) },
    { kind: 'on_call', dueAt: at(T) },
    { kind: 'candidate_debrief_due', dueAt: at(E) },
    { kind: 'candidate_debrief_overdue', dueAt: at(E + 2 * HOUR) },
    { kind: 'client_feedback_overdue', dueAt: at(E + 4 * HOUR) },
    { kind: 'loop_overdue', dueAt: at(E + 24 * HOUR) },
  ];
}

/**
 * The last instant a reminder is worth sending (and the SLA deadline a snooze may not pass):
 * preparation and day-of reminders until the interview starts, the on-call note until it ends,
 * the debrief prompt until the debrief is overdue. Overdue alerts: no limit (undefined).
 */
export function usefulUntil(kind: TimelineKind, interview: Pick<Interview, 'logistics'>): Date | undefined {
  const T = interview.logistics.start.getTime();
  const E = interviewEnd(interview).getTime();
  switch (kind) {
    case 'prep_candidate':
    case 'prep_client':
    case 'candidate_checkin':
    case 'prep_incomplete_risk':
    case 'client_reminder':
      return new Date(T);
    case 'on_call':
      return new Date(E);
    case 'candidate_debrief_due':
      return new Date(E + 2 * HOUR);
    default:
      return undefined;
  }
}

/** SPEC "stops (is skipped) when": the data shows the task is done, so the reminder is not needed. */
export function isSatisfied(kind: TimelineKind, i: Interview): boolean {
  switch (kind) {
    case 'prep_candidate':
      return i.coaching !== undefined;
    case 'prep_client':
      return i.clientExpectations !== undefined;
    case 'candidate_checkin':
      return i.dayTasks.checkinDoneAt !== undefined;
    case 'prep_incomplete_risk':
      return prepComplete(deriveChecklist(i));
    case 'client_reminder':
      return i.dayTasks.clientReminderDoneAt !== undefined;
    case 'on_call':
      return false;
    case 'candidate_debrief_due':
    case 'candidate_debrief_overdue':
      return i.debrief !== undefined;
    case 'client_feedback_overdue':
      return i.clientFeedback !== undefined;
    case 'loop_overdue':
      return i.loop !== undefined;
  }
}

export type Decision = { action: 'send' } | { action: 'skip'; reason: 'satisfied' | 'stale' | 'cancelled' };

/** What the scheduler does with a due item now. */
export function decide(kind: TimelineKind, interview: Interview, now: Date): Decision {
  if (interview.status === 'cancelled' || interview.erased) return { action: 'skip', reason: 'cancelled' };
  if (isSatisfied(kind, interview)) return { action: 'skip', reason: 'satisfied' };
  const until = usefulUntil(kind, interview);
  if (until !== undefined && now.getTime() > until.getTime()) return { action: 'skip', reason: 'stale' };
  return { action: 'send' };
}

export const SNOOZE_OPTIONS_MIN = [15, 60] as const;

/**
 * A snooze of `minutes` from `now`, capped at the item's deadline; undefined when there is no room
 * left (or the kind has no deadline: an overdue alert cannot be postponed past its SLA).
 */
export function snoozeUntil(kind: TimelineKind, interview: Pick<Interview, 'logistics'>, now: Date, minutes: number): Date | undefined {
  const deadline = usefulUntil(kind, interview);
  if (deadline === undefined || deadline.getTime() <= now.getTime()) return undefined;
  return new Date(Math.min(now.getTime() + minutes * MINUTE, deadline.getTime()));
}

/** Retry delay after a failed send: exponential, at least what Slack asked for, at most 30 minutes. */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(30 * MINUTE, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}
