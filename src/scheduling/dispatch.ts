/**
 * Sends work to Slack channels within Slack's per-channel rate limit (about one message per second
 * per channel, with small bursts) while keeping several channels busy at once. Reads the real
 * clock: this is pacing, not business time.
 */
export interface Pacing {
  /** Sustained messages per second per channel. */
  perChannelPerSecond: number;
  /** Messages a channel may take at once before the sustained rate applies. */
  burst: number;
  /** Sends in flight at once, across different channels. */
  concurrency: number;
}

export type TaskResult = { status: 'done' } | { status: 'retry_after'; ms: number };

export interface DispatchClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: DispatchClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Bucket {
  tokens: number;
  refilledAt: number;
  /** Not before this (a Retry-After from Slack). */
  holdUntil: number;
}

/**
 * Per-channel token buckets that outlive one dispatch: the next batch (or the next tick) continues
 * where the previous one left each channel, instead of bursting again.
 */
export class ChannelPacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly pacing: Pacing,
    readonly clock: DispatchClock = realClock,
  ) {}

  private bucket(channel: string): Bucket {
    const now = this.clock.now();
    let b = this.buckets.get(channel);
    if (!b) {
      b = { tokens: this.pacing.burst, refilledAt: now, holdUntil: 0 };
      this.buckets.set(channel, b);
    }
    const refill = ((now - b.refilledAt) / 1000) * this.pacing.perChannelPerSecond;
    b.tokens = Math.min(this.pacing.burst, b.tokens + refill);
    b.refilledAt = now;
    // Idle channels need no memory: a full bucket is what a new one would get.
    if (b.tokens >= this.pacing.burst && b.holdUntil <= now && this.buckets.size > 10_000) this.buckets.delete(channel);
    return b;
  }

  /** Milliseconds until `channel` may take a message (0 = now). */
  waitFor(channel: string): number {
    const b = this.bucket(channel);
    const now = this.clock.now();
    const forToken = b.tokens >= 1 ? 0 : ((1 - b.tokens) / this.pacing.perChannelPerSecond) * 1000;
    return Math.max(forToken, b.holdUntil - now, 0);
  }

  take(channel: string): void {
    this.bucket(channel).tokens -= 1;
  }

  /** Slack said 429: nothing for this channel until Retry-After has passed. */
  hold(channel: string, ms: number): void {
    const b = this.bucket(channel);
    b.tokens = Math.min(b.tokens, 0);
    b.holdUntil = this.clock.now() + ms;
  }
}

/**
 * Runs every task, at most one in flight per channel and `concurrency` channels in parallel, each
 * channel within its bucket. A task answering `retry_after` (a 429) goes back to the head of its
 * channel's queue. Stops taking new tasks when `shouldStop()` says so and returns those never
 * started, so the caller can leave them for the next run.
 */
export async function dispatchByChannel<T>(
  tasks: Array<{ channel: string; task: T }>,
  run: (task: T) => Promise<TaskResult>,
  pacer: ChannelPacer,
  shouldStop: () => boolean,
): Promise<T[]> {
  const queues = new Map<string, { tasks: T[]; busy: boolean }>();
  for (const { channel, task } of tasks) {
    const q = queues.get(channel) ?? { tasks: [], busy: false };
    q.tasks.push(task);
    queues.set(channel, q);
  }
  const clock = pacer.clock;
  const pick = (): { channel: string; wait: number } | undefined => {
    let best: { channel: string; wait: number } | undefined;
    for (const [channel, q] of queues) {
      if (q.busy || q.tasks.length === 0) continue;
      const wait = pacer.waitFor(channel);
      if (!best || wait < best.wait) best = { channel, wait };
      if (wait === 0) break;
    }
    return best;
  };
  const worker = async () => {
    for (;;) {
      if (shouldStop()) return;
      const next = pick();
      if (!next) {
        // Nothing free: either all done, or the remaining channels are busy in other workers.
        if ([...queues.values()].every((q) => q.tasks.length === 0)) return;
        await clock.sleep(5);
        continue;
      }
      if (next.wait > 0) {
        await clock.sleep(Math.min(next.wait, 250));
        continue;
      }
      const q = queues.get(next.channel) as { tasks: T[]; busy: boolean };
      q.busy = true;
      pacer.take(next.channel);
      const task = q.tasks.shift() as T;
      try {
        const result = await run(task);
        if (result.status === 'retry_after') {
          q.tasks.unshift(task);
          pacer.hold(next.channel, result.ms);
        }
      } finally {
        q.busy = false;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, pacer.pacing.concurrency) }, worker));
  return [...queues.values()].flatMap((q) => q.tasks);
}
