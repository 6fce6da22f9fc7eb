import { describe, expect, it } from 'vitest';
import { ChannelPacer, dispatchByChannel, type DispatchClock, type TaskResult } from '../../src/scheduling/dispatch.js';

/** Virtual time: sleeping advances it, so pacing is exact and the test takes no real time. */
function virtualClock(): DispatchClock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
      await Promise.resolve();
    },
  };
  return c;
}

async function run(tasks: Array<[string, string]>, burst: number, answer: (task: string, at: number) => TaskResult = () => ({ status: 'done' })) {
  const clock = virtualClock();
  const pacer = new ChannelPacer({ perChannelPerSecond: 1, burst, concurrency: 1 }, clock);
  const sent: Array<[string, number]> = [];
  const left = await dispatchByChannel(
    tasks.map(([channel, task]) => ({ channel, task })),
    async (task) => {
      const result = answer(task, clock.t);
      if (result.status === 'done') sent.push([task, clock.t]);
      return result;
    },
    pacer,
    () => false,
  );
  return { sent, left, clock };
}

describe('dispatchByChannel with a per-channel token bucket', () => {
  it('sends a burst, then one per second per channel', async () => {
    const { sent } = await run(Array.from({ length: 5 }, (_, i) => ['D1', `m${i}`] as [string, string]), 2);
    expect(sent.map(([, at]) => Math.round(at / 1000))).toEqual([0, 0, 1, 2, 3]);
  });

  it('keeps channels independent: two channels take no longer than one', async () => {
    const tasks = ['D1', 'D2'].flatMap((c) => Array.from({ length: 4 }, (_, i) => [c, `${c}-${i}`] as [string, string]));
    const { sent } = await run(tasks, 2);
    expect(sent).toHaveLength(8);
    expect(Math.max(...sent.map(([, at]) => at))).toBeLessThanOrEqual(2100);
  });

  it('waits out a 429 on that channel only, then retries the same task first', async () => {
    let refused = false;
    const { sent } = await run([['D1', 'a'], ['D1', 'b'], ['D2', 'x']], 3, (task) => {
      if (task === 'a' && !refused) {
        refused = true;
        return { status: 'retry_after', ms: 5000 };
      }
      return { status: 'done' };
    });
    expect(sent.map(([t]) => t)).toEqual(['x', 'a', 'b']);
    expect(sent[1]![1]).toBeGreaterThanOrEqual(5000);
  });

  it('remembers each channel across dispatches (no new burst for the next batch)', async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer({ perChannelPerSecond: 1, burst: 2, concurrency: 1 }, clock);
    const times: number[] = [];
    for (const batch of [['a', 'b'], ['c', 'd']]) {
      await dispatchByChannel(batch.map((task) => ({ channel: 'D1', task })), async () => (times.push(clock.t), { status: 'done' }), pacer, () => false);
    }
    expect(times.map((t) => Math.round(t / 1000))).toEqual([0, 0, 1, 2]);
  });

  it('returns what it did not start when told to stop', async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer({ perChannelPerSecond: 1, burst: 1, concurrency: 1 }, clock);
    const left = await dispatchByChannel(['a', 'b', 'c'].map((task) => ({ channel: 'D1', task })), async () => ({ status: 'done' }), pacer, () => clock.t > 500);
    expect(left).toEqual(['b', 'c']);
  });
});
