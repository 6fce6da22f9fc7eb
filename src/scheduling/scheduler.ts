import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import { processTimezone } from './cron.js';
import { tickHealth, type TickHealth } from './health.js';

/** A tick may run this long before leaving the rest for the next one. */
export const DEFAULT_TICK_BUDGET_MS = 50_000;

export interface TickState {
  /** When the last tick started (the business time it ran at). */
  lastTickAt?: Date;
  lastDurationMs?: number;
  lastError?: string;
  /** When the last tick that finished without an error ended (scheduler clock). */
  lastFinishedAt?: Date;
  running: boolean;
  ticks: number;
  /** Cron beats that found the previous tick still running and started nothing. */
  skippedBeats: number;
  /** Ticks that ran longer than their budget. */
  overBudgetTicks: number;
}

export interface SchedulerOptions {
  /** SCHEDULER_CRON: what `start()` schedules and what health counts beats of. */
  cron: string;
  /** How long a tick may run; longer is logged and makes `health()` not ok. */
  budgetMs: number;
  /** The zone the expression is read in (default: the process's, as node-cron does). */
  timezone: string;
  /** Monotonic milliseconds, for how long a tick runs (default performance.now). */
  monotonic: () => number;
}

export interface SchedulerHealth extends TickHealth {
  cron: string;
  budgetMs: number;
  /** How long the running tick has run; null when none is running. */
  runningForMs: number | null;
}

/**
 * The only place that knows node-cron and reads the clock for business time. The cron expression
 * only says how often to look for due work; when things are due is stored in the database.
 */
export class Scheduler {
  private task?: ScheduledTask;
  private current?: Promise<void>;
  private runningSince?: number;
  private stopped = false;
  private readonly options: SchedulerOptions;
  /** Until a tick has finished, staleness counts from here. */
  private readonly createdAt: Date;
  readonly state: TickState = { running: false, ticks: 0, skippedBeats: 0, overBudgetTicks: 0 };

  constructor(
    private readonly job: (now: Date) => Promise<unknown>,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = {
      cron: options.cron ?? '* * * * *',
      budgetMs: options.budgetMs ?? DEFAULT_TICK_BUDGET_MS,
      timezone: options.timezone ?? processTimezone(),
      monotonic: options.monotonic ?? (() => performance.now()),
    };
    this.createdAt = clock();
  }

  start(expression: string = this.options.cron): void {
    this.options.cron = expression;
    // The beat never waits on a tick: one still running makes it a logged no-op (see beat()).
    this.task = schedule(expression, () => this.beat(), {
      name: 'interviewprep-reminders',
      noOverlap: true,
      timezone: this.options.timezone,
    });
    // Catch up right away after a restart instead of waiting for the first cron beat.
    void this.tick();
  }

  /** A cron beat: starts a tick, or — when the last one is still running — says so and leaves it. */
  beat(): void {
    if (this.current) {
      this.state.skippedBeats += 1;
      const runningForMs = Math.round(this.runningForMs() ?? 0);
      const fields = { runningForMs, budgetMs: this.options.budgetMs, skippedBeats: this.state.skippedBeats };
      if (runningForMs > this.options.budgetMs) this.logger.error(fields, 'reminder tick still running past its budget; beat skipped');
      else this.logger.warn(fields, 'reminder tick still running; beat skipped');
      return;
    }
    void this.tick();
  }

  /**
   * Runs the job once unless a run is still going (a tick never overlaps the previous one).
   * Resolves when this tick, or the one it found running, is done.
   */
  tick(): Promise<void> {
    if (this.current) return this.current;
    if (this.stopped) return Promise.resolve();
    const startedAt = this.clock();
    this.state.running = true;
    this.runningSince = this.options.monotonic();
    this.current = (async () => {
      const t0 = this.runningSince as number;
      let ok = false;
      try {
        await this.job(startedAt);
        this.state.lastError = undefined;
        ok = true;
      } catch (error) {
        this.state.lastError = error instanceof Error ? error.name : 'error';
        this.logger.error({ err: { name: (error as Error)?.name, message: (error as Error)?.message } }, 'reminder tick failed');
      } finally {
        const durationMs = this.options.monotonic() - t0;
        this.state.lastTickAt = startedAt;
        this.state.lastDurationMs = durationMs;
        // A tick that threw did not do its work: it does not count as finished for health.
        if (ok) this.state.lastFinishedAt = this.clock();
        this.state.ticks += 1;
        this.state.running = false;
        this.runningSince = undefined;
        this.current = undefined;
        if (durationMs > this.options.budgetMs) {
          this.state.overBudgetTicks += 1;
          this.logger.warn({ durationMs: Math.round(durationMs), budgetMs: this.options.budgetMs }, 'reminder tick ran over its budget');
        }
      }
    })();
    return this.current;
  }

  /** A run of the job outside `tick()` finished without an error: it counts for health. */
  noteFinished(): void {
    this.state.lastFinishedAt = this.clock();
  }

  /** How long the running tick has run (monotonic), or undefined when none is. */
  runningForMs(): number | undefined {
    return this.runningSince === undefined ? undefined : this.options.monotonic() - this.runningSince;
  }

  /** Stalled (three cron beats without a finished tick) or over budget: see scheduling/health.ts. */
  health(): SchedulerHealth {
    const runningForMs = this.runningForMs();
    const health = tickHealth({
      now: this.clock(),
      cron: this.options.cron,
      timezone: this.options.timezone,
      lastFinishedAt: this.state.lastFinishedAt ?? this.createdAt,
      runningForMs,
      budgetMs: this.options.budgetMs,
    });
    return {
      ...health,
      cron: this.options.cron,
      budgetMs: this.options.budgetMs,
      runningForMs: runningForMs === undefined ? null : Math.round(runningForMs),
    };
  }

  /** Stops the cron and waits for a running tick to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    await this.task?.destroy?.();
    await this.current;
  }
}
