import { KIND_RULES, momentAt, taskDeadline, type Task } from './rules.js';

/**
 * SLA figures of the follow-up protocol (playbook "Opvolging"), per consultant or team. Pure: rows
 * come from storage, the period from the caller. Only finished, not cancelled interviews count.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface StatsRow {
  interviewId: number;
  ownerId: string;
  start: Date;
  durationMin: number;
  /** The T − 2h prep check found the preparation complete. */
  prepOnTime: boolean;
  debriefAt?: Date;
  feedbackAt?: Date;
  loopClosedAt?: Date;
  /** Who owned it from when (after a handover), oldest first; absent = `ownerId` throughout. */
  owners?: Array<{ ownerId: string; since: Date }>;
}

/** Who owned the interview at `at`: figures count for the owner when each task was due. */
export function ownerAt(r: Pick<StatsRow, 'ownerId' | 'owners'>, at: Date): string {
  if (!r.owners || r.owners.length === 0) return r.ownerId;
  let owner = r.owners[0]!.ownerId;
  for (const o of r.owners) if (o.since.getTime() <= at.getTime()) owner = o.ownerId;
  return owner;
}

/** The moment a figure is judged at: the task's deadline, or the prep check's moment (rules.ts). */
const judgedAt = (r: StatsRow, task: Task | null) => (task ? (taskDeadline(task, r) as Date) : momentAt(KIND_RULES.prep_incomplete_risk.due, r));

export interface SlaFigure {
  /** Within the SLA. */
  count: number;
  /** Interviews measured. */
  total: number;
  /** count/total as a whole percentage; null without interviews. */
  pct: number | null;
  /** Median minutes from the end of the interview to the logged moment (logged ones only). */
  medianDelayMin: number | null;
}

export interface Stats {
  interviews: number;
  prepOnTime: SlaFigure;
  debriefWithin2h: SlaFigure;
  feedbackWithin4h: SlaFigure;
  loopWithin24h: SlaFigure;
}

export type StatsPeriod = 'week' | 'month';

/** The period ending at `now`: the last 7 or 30 days. */
export function periodRange(period: StatsPeriod, now: Date): { from: Date; to: Date } {
  const days = period === 'week' ? 7 : 30;
  return { from: new Date(now.getTime() - days * 24 * HOUR), to: now };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function figure(rows: StatsRow[], at: (r: StatsRow) => Date | undefined, task: Task | null, onTime?: (r: StatsRow) => boolean): SlaFigure {
  const end = (r: StatsRow) => r.start.getTime() + r.durationMin * MINUTE;
  const count = rows.filter((r) => {
    if (onTime) return onTime(r);
    const t = at(r);
    // The deadline comes from the rule table, like the checklist's and the reminders'.
    const deadline = task ? taskDeadline(task, r) : undefined;
    return t !== undefined && deadline !== undefined && t.getTime() <= deadline.getTime();
  }).length;
  const delays = rows.flatMap((r) => {
    const t = at(r);
    return t === undefined ? [] : [Math.max(0, Math.round((t.getTime() - end(r)) / MINUTE))];
  });
  return {
    count,
    total: rows.length,
    pct: rows.length === 0 ? null : Math.round((100 * count) / rows.length),
    medianDelayMin: median(delays),
  };
}

/**
 * The figures of `rows`; with `forOwner`, each task counts only where that consultant owned the
 * interview when the task was due (a handover splits an interview's figures between the two).
 */
export function computeStats(rows: StatsRow[], forOwner?: string): Stats {
  const mine = (task: Task | null) => (forOwner === undefined ? rows : rows.filter((r) => ownerAt(r, judgedAt(r, task)) === forOwner));
  return {
    interviews: forOwner === undefined ? rows.length : rows.filter((r) => ownerAt(r, new Date(r.start.getTime() + r.durationMin * MINUTE)) === forOwner).length,
    prepOnTime: figure(mine(null), () => undefined, null, (r) => r.prepOnTime),
    debriefWithin2h: figure(mine('debrief'), (r) => r.debriefAt, 'debrief'),
    feedbackWithin4h: figure(mine('client_feedback'), (r) => r.feedbackAt, 'client_feedback'),
    loopWithin24h: figure(mine('loop'), (r) => r.loopClosedAt, 'loop'),
  };
}
