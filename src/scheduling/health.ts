import { nextBeats } from './cron.js';

/** Beats of SCHEDULER_CRON without a finished tick after which the scheduler counts as stalled. */
export const STALE_AFTER_BEATS = 3;

export interface TickHealthInput {
  /** Now, on the scheduler's clock. */
  now: Date;
  /** SCHEDULER_CRON, read in `timezone`. */
  cron: string;
  timezone: string;
  /**
   * The reference: when the last tick that finished without an error ended, or — before any
   * has — when the scheduler was created.
   */
  lastFinishedAt: Date;
  /** How long the running tick has run so far; undefined when none is running. */
  runningForMs?: number;
  /** How long a tick may run. */
  budgetMs: number;
}

export interface TickHealth {
  ok: boolean;
  /** Three beats have passed without a finished tick. */
  stale: boolean;
  /** The running tick has run longer than its budget. */
  overBudget: boolean;
  /** From this moment on, without another finished tick, the scheduler counts as stale (null: the cron never fires again). */
  staleAt: Date | null;
  /** Why not ok, in words for the operator. */
  problems: string[];
}

/**
 * When the scheduler counts as stalled if no tick finishes before: the third cron beat after the
 * last finished tick — three intervals, counted on the expression itself, so an irregular one
 * (`*\/5 8-18 * * 1-5` over a weekend) is measured by the beats it really has — but not before the
 * first of those beats plus the tick budget, because the tick that beat starts may legitimately
 * run that long (this only matters for a cron faster than budget / 2, e.g. every second).
 */
export function staleAt(cron: string, timezone: string, lastFinishedAt: Date, budgetMs: number): Date | null {
  const beats = nextBeats(cron, lastFinishedAt, STALE_AFTER_BEATS, timezone);
  if (beats.length < STALE_AFTER_BEATS) return null;
  const third = (beats[STALE_AFTER_BEATS - 1] as Date).getTime();
  return new Date(Math.max(third, (beats[0] as Date).getTime() + budgetMs));
}

/** The scheduler's part of /healthz: stalled (no finished tick for three beats) or over budget. */
export function tickHealth(input: TickHealthInput): TickHealth {
  const at = staleAt(input.cron, input.timezone, input.lastFinishedAt, input.budgetMs);
  const stale = at !== null && input.now.getTime() >= at.getTime();
  const overBudget = input.runningForMs !== undefined && input.runningForMs > input.budgetMs;
  const problems: string[] = [];
  if (stale) {
    problems.push(
      `no reminder tick has finished since ${input.lastFinishedAt.toISOString()}: ${STALE_AFTER_BEATS} beats of ` +
        `SCHEDULER_CRON "${input.cron}" have passed without one (stale since ${(at as Date).toISOString()})`,
    );
  }
  if (overBudget) {
    problems.push(`the running reminder tick has run ${Math.round(input.runningForMs as number)} ms, longer than its budget of ${input.budgetMs} ms`);
  }
  return { ok: !stale && !overBudget, stale, overBudget, staleAt: at, problems };
}
