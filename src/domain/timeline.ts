import { localParts, zonedTimeToInstant } from './localTime.js';
import { type Interview, type TimelineKind } from './interview.js';
import { CATCH_UP_GRACE_MIN, KIND_RULES, momentAt, PREP_HOUR, QUIET_AFTER_LOGGING_MIN } from './rules.js';

/**
 * SPEC "Timeline": when each moment of a plan is due, until when it is still worth sending, and when
 * it is no longer needed — all read from the rule table (rules.ts). Pure: the interview, the
 * consultant's timezone and `now` come in as arguments.
 */

const MINUTE = 60_000;

/**
 * How an item starts when its plan is made: due as usual, caught up in the plan's one catch-up
 * message (its moment had passed but the work is still worth doing), or quiet (passed and no longer
 * worth a message, or an alert about missing data that would come too soon after logging).
 */
export type PlannedState = 'pending' | 'caught_up' | 'quiet';

export interface PlannedItem {
  kind: TimelineKind;
  dueAt: Date;
  state: PlannedState;
}

/** Which local calendar dates are working days (weekends, public holidays: see workingCalendar.ts). */
export interface WorkingCalendar {
  isWorkingDay(year: number, month: number, day: number): boolean;
}

/** Monday to Friday. */
export const WEEKDAYS: WorkingCalendar = {
  isWorkingDay: (year, month, day) => {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  },
};

/** Longer than any run of days off (kerst + a weekend is four); a wrong calendar cannot loop forever. */
const MAX_DAYS_BACK = 14;

/**
 * 09:00 local on the last working day before the interview's local date. Calendar arithmetic
 * happens on the local date, then one conversion to an instant, so DST never shifts it.
 */
export function prepMoment(start: Date, tz: string, calendar: WorkingCalendar = WEEKDAYS): Date {
  const { year, month, day: d } = localParts(start, tz);
  // A UTC date as a pure calendar: no timezone involved while stepping back over days off.
  const day = new Date(Date.UTC(year, month - 1, d));
  for (let back = 0; back < MAX_DAYS_BACK; back += 1) {
    day.setUTCDate(day.getUTCDate() - 1);
    if (calendar.isWorkingDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate())) break;
  }
  return zonedTimeToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), PREP_HOUR, 0, tz);
}

/** The plan of an interview: every kind with its due instant and how it starts. */
export function planTimeline(
  interview: Pick<Interview, 'logistics'> & Partial<Pick<Interview, 'planStartedAt'>>,
  tz: string,
  now: Date,
  calendar: WorkingCalendar = WEEKDAYS,
): PlannedItem[] {
  const l = interview.logistics;
  // "Passed" is judged against the moment the plan was made, so replanning the same plan later
  // (a new timezone, a new duration) never turns ordinary reminders into a catch-up.
  const planStartedAt = interview.planStartedAt ?? now;
  const times = { prep: prepMoment(l.start, tz, calendar), planStartedAt };
  const quietUntil = planStartedAt.getTime() + QUIET_AFTER_LOGGING_MIN * MINUTE;
  const items: PlannedItem[] = [];
  for (const kind of Object.keys(KIND_RULES) as TimelineKind[]) {
    if (kind === 'catch_up') continue;
    const rule = KIND_RULES[kind];
    let due = momentAt(rule.due, l, times).getTime();
    if (rule.aboutMissingData) due = Math.max(due, quietUntil);
    const until = rule.usefulUntil === 'never' ? Infinity : momentAt(rule.usefulUntil, l, times).getTime();
    let state: PlannedState = 'pending';
    if (due >= until) state = 'quiet';
    else if (due <= planStartedAt.getTime() + CATCH_UP_GRACE_MIN * MINUTE) state = rule.catchUp && planStartedAt.getTime() < until ? 'caught_up' : 'quiet';
    items.push({ kind, dueAt: new Date(due), state });
  }
  if (items.some((i) => i.state === 'caught_up')) {
    items.push({ kind: 'catch_up', dueAt: momentAt(KIND_RULES.catch_up.due, l, times), state: 'pending' });
  }
  return items;
}

/**
 * The last instant a reminder is worth sending (and the SLA deadline a snooze may not pass);
 * undefined for the kinds the rule table marks `never` (overdue alerts stay true however late).
 */
export function usefulUntil(kind: TimelineKind, interview: Pick<Interview, 'logistics'>): Date | undefined {
  const until = KIND_RULES[kind].usefulUntil;
  return until === 'never' ? undefined : momentAt(until, interview.logistics);
}

/** SPEC "stops (is skipped) when": the data or a `Gedaan` shows the task is done. */
export function isSatisfied(kind: TimelineKind, i: Interview): boolean {
  return KIND_RULES[kind].satisfiedBy(i);
}

export type Decision = { action: 'send' } | { action: 'skip'; reason: 'satisfied' | 'stale' | 'cancelled' | 'moved' };

/** What the scheduler does with a due item of plan `plan` now. */
export function decide(kind: TimelineKind, interview: Interview, now: Date, plan = interview.plan): Decision {
  if (interview.status === 'cancelled' || interview.erased) return { action: 'skip', reason: 'cancelled' };
  if (plan !== interview.plan) return { action: 'skip', reason: 'moved' };
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
  // A message that asks nothing (the on-call note) has nothing to postpone.
  if (!KIND_RULES[kind].asks) return undefined;
  const deadline = usefulUntil(kind, interview);
  if (deadline === undefined || deadline.getTime() <= now.getTime()) return undefined;
  return new Date(Math.min(now.getTime() + minutes * MINUTE, deadline.getTime()));
}

/** Retry delay after a failed send: exponential, at least what Slack asked for, at most 30 minutes. */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(30 * MINUTE, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}
