import { taskDeadline, type Task } from './rules.js';

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
}

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

export function computeStats(rows: StatsRow[]): Stats {
  return {
    interviews: rows.length,
    prepOnTime: figure(rows, () => undefined, null, (r) => r.prepOnTime),
    debriefWithin2h: figure(rows, (r) => r.debriefAt, 'debrief'),
    feedbackWithin4h: figure(rows, (r) => r.feedbackAt, 'client_feedback'),
    loopWithin24h: figure(rows, (r) => r.loopClosedAt, 'loop'),
  };
}
