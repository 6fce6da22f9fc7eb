/**
 * Sends work to Slack channels with a minimum spacing per channel (Slack allows about one message
 * per second per channel) while keeping several channels busy at once. Reads the real clock: this
 * is pacing, not business time.
 */
export interface Pacing {
  /** Minimum milliseconds between two sends to the same channel. */
  spacingMs: number;
  /** Sends in flight at once, across different channels. */
  concurrency: number;
}

export type TaskResult = { status: 'done' } | { status: 'retry_after'; ms: number };

interface ChannelQueue<T> {
  channel: string;
  tasks: T[];
  readyAt: number;
  busy: boolean;
}

export interface DispatchClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: DispatchClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs every task, one channel at a time per channel and `concurrency` channels in parallel.
 * A task answering `retry_after` (a 429) is put back at the head of its channel's queue and the
 * channel waits that long. Stops taking new tasks when `shouldStop()` says so; returns the tasks
 * never started, so the caller can leave them for the next run.
 */
export async function dispatchByChannel<T>(
  tasks: Array<{ channel: string; task: T }>,
  run: (task: T) => Promise<TaskResult>,
  pacing: Pacing,
  shouldStop: () => boolean,
  clock: DispatchClock = realClock,
): Promise<T[]> {
  const queues = new Map<string, ChannelQueue<T>>();
  for (const { channel, task } of tasks) {
    const q = queues.get(channel) ?? { channel, tasks: [], readyAt: 0, busy: false };
    q.tasks.push(task);
    queues.set(channel, q);
  }
  const pick = (): ChannelQueue<T> | undefined => {
    let best: ChannelQueue<T> | undefined;
    for (const q of queues.values()) {
      if (q.busy || q.tasks.length === 0) continue;
      if (!best || q.readyAt < best.readyAt) best = q;
    }
    return best;
  };
  const worker = async () => {
    for (;;) {
      if (shouldStop()) return;
      const q = pick();
      if (!q) {
        // Nothing free: either all done, or the remaining channels are busy in other workers.
        if ([...queues.values()].every((x) => x.tasks.length === 0)) return;
        await clock.sleep(5);
        continue;
      }
      const wait = q.readyAt - clock.now();
      if (wait > 0) {
        await clock.sleep(Math.min(wait, 250));
        continue;
      }
      q.busy = true;
      const task = q.tasks.shift() as T;
      try {
        const result = await run(task);
        if (result.status === 'retry_after') {
          q.tasks.unshift(task);
          q.readyAt = clock.now() + result.ms;
        } else {
          q.readyAt = clock.now() + pacing.spacingMs;
        }
      } finally {
        q.busy = false;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, pacing.concurrency) }, worker));
  return [...queues.values()].flatMap((q) => q.tasks);
}
