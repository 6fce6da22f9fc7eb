import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

export interface TickState {
  lastTickAt?: Date;
  lastDurationMs?: number;
  lastError?: string;
  running: boolean;
  ticks: number;
}

/**
 * The only place that knows node-cron and reads the clock for business time. The cron expression
 * only says how often to look for due work; when things are due is stored in the database.
 */
export class Scheduler {
  private task?: ScheduledTask;
  private current?: Promise<void>;
  private stopped = false;
  readonly state: TickState = { running: false, ticks: 0 };

  constructor(
    private readonly job: (now: Date) => Promise<unknown>,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(expression: string): void {
    this.task = schedule(expression, () => this.tick(), { name: 'interviewprep-reminders', noOverlap: true });
    // Catch up right away after a restart instead of waiting for the first cron beat.
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
    this.current = (async () => {
      const t0 = performance.now();
      try {
        await this.job(startedAt);
        this.state.lastError = undefined;
      } catch (error) {
        this.state.lastError = error instanceof Error ? error.name : 'error';
        this.logger.error({ err: { name: (error as Error)?.name, message: (error as Error)?.message } }, 'reminder tick failed');
      } finally {
        this.state.lastTickAt = startedAt;
        this.state.lastDurationMs = performance.now() - t0;
        this.state.ticks += 1;
        this.state.running = false;
        this.current = undefined;
      }
    })();
    return this.current;
  }

  /** Stops the cron and waits for a running tick to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    await this.task?.destroy?.();
    await this.current;
  }
}
