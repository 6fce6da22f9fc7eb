import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { createTask } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { nextBeats } from '../../src/scheduling/cron.js';
import { staleAt, tickHealth } from '../../src/scheduling/health.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { classifySlackError } from '../../src/slack/slackErrors.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const d = (s: string) => new Date(s);

describe('nextBeats: the beats of SCHEDULER_CRON after a moment', () => {
  it.each([
    ['every minute', '* * * * *', 'UTC', '2026-11-30T08:00:00.000Z', ['2026-11-30T08:01:00.000Z', '2026-11-30T08:02:00.000Z', '2026-11-30T08:03:00.000Z']],
    ['every minute, mid-minute', '* * * * *', 'UTC', '2026-11-30T08:00:30.500Z', ['2026-11-30T08:01:00.000Z', '2026-11-30T08:02:00.000Z', '2026-11-30T08:03:00.000Z']],
    ['every 10 s', '*/10 * * * * *', 'UTC', '2026-11-30T08:00:05.000Z', ['2026-11-30T08:00:10.000Z', '2026-11-30T08:00:20.000Z', '2026-11-30T08:00:30.000Z']],
    ['across midnight', '*/20 * * * *', 'UTC', '2026-11-30T23:50:00.000Z', ['2026-12-01T00:00:00.000Z', '2026-12-01T00:20:00.000Z', '2026-12-01T00:40:00.000Z']],
    // Friday evening → the next working-hours beats are Monday's.
    ['working hours over a weekend', '*/5 8-18 * * 1-5', 'Europe/Amsterdam', '2026-12-04T18:00:00.000Z', ['2026-12-07T07:00:00.000Z', '2026-12-07T07:05:00.000Z', '2026-12-07T07:10:00.000Z']],
    ['weekly, in the zone', '0 9 * * 1', 'America/New_York', '2026-11-30T15:00:00.000Z', ['2026-12-07T14:00:00.000Z', '2026-12-14T14:00:00.000Z', '2026-12-21T14:00:00.000Z']],
    // 29 March 2026: 02:30 does not exist in Amsterdam.
    ['a skipped local hour is no beat', '30 2 * * *', 'Europe/Amsterdam', '2026-03-28T12:00:00.000Z', ['2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z', '2026-04-01T00:30:00.000Z']],
    ['last day of the month', '0 0 L * *', 'UTC', '2026-01-15T00:00:00.000Z', ['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z']],
    ['second Monday', '0 0 * * 1#2', 'UTC', '2026-01-01T00:00:00.000Z', ['2026-01-12T00:00:00.000Z', '2026-02-09T00:00:00.000Z', '2026-03-09T00:00:00.000Z']],
  ])('%s: %s', (_name, cron, tz, after, expected) => {
    expect(nextBeats(cron, d(after), 3, tz).map((x) => x.toISOString())).toEqual(expected);
  });

  it('nothing within the horizon (29 February on a Monday: 2044) gives no beats', () => {
    expect(nextBeats('0 0 29 2 1', d('2026-01-01T00:00:00Z'), 3, 'UTC')).toEqual([]);
  });

  it.each([
    ['* * * * *'],
    ['*/7 * * * * *'],
    ['*/5 8-18 * * 1-5'],
    ['0 9 * * MON'],
    ['15 3 1,15 * *'],
    ['0 0 L * *'],
    ['0 12 LW * *'],
    ['0 12 15W * *'],
    ['0 12 L-2 * *'],
    ['0 12 * * 5L'],
    ['0 0 * * 1#2'],
    ['30 2 * * *'],
  ])('agrees with node-cron itself for %s', (cron) => {
    for (const tz of ['UTC', 'Europe/Amsterdam', 'America/New_York']) {
      const task = createTask(cron, () => undefined, { timezone: tz });
      try {
        // node-cron counts from its own "now": retried once if a beat passed between the two reads.
        let ours: string[] = [];
        let theirs: string[] = [];
        for (let attempt = 0; attempt < 2; attempt++) {
          const from = new Date();
          ours = nextBeats(cron, from, 6, tz).map((x) => x.toISOString());
          theirs = task.getNextRuns(6).map((x) => x.toISOString());
          if (ours.join() === theirs.join()) break;
        }
        expect(ours, `${cron} in ${tz}`).toEqual(theirs);
      } finally {
        void task.destroy();
      }
    }
  });
});

describe('tickHealth: stalled after three cron beats without a finished tick, or over budget', () => {
  const BUDGET = 50_000;
  it.each([
    // name, cron, last finished, now, running for (ms), → stale, over budget, stale from
    ['just finished', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:00:01Z', undefined, false, false, '2026-11-30T08:03:00.000Z'],
    ['one beat missed', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:02:30Z', undefined, false, false, '2026-11-30T08:03:00.000Z'],
    ['just before the third beat', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:02:59.999Z', undefined, false, false, '2026-11-30T08:03:00.000Z'],
    ['at the third beat', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:03:00Z', undefined, true, false, '2026-11-30T08:03:00.000Z'],
    ['long after', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T11:00:00Z', undefined, true, false, '2026-11-30T08:03:00.000Z'],
    ['a tick running within its budget', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:01:30Z', 30_000, false, false, '2026-11-30T08:03:00.000Z'],
    ['a tick running past its budget', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:01:51Z', 51_000, false, true, '2026-11-30T08:03:00.000Z'],
    ['stalled and over budget', '* * * * *', '2026-11-30T08:00:01Z', '2026-11-30T08:04:00Z', 180_000, true, true, '2026-11-30T08:03:00.000Z'],
    ['every 15 minutes', '*/15 * * * *', '2026-11-30T08:00:02Z', '2026-11-30T08:44:00Z', undefined, false, false, '2026-11-30T08:45:00.000Z'],
    ['every 15 minutes, third beat passed', '*/15 * * * *', '2026-11-30T08:00:02Z', '2026-11-30T08:45:00Z', undefined, true, false, '2026-11-30T08:45:00.000Z'],
    // A cron faster than the budget: the tick the first beat starts may run its whole budget.
    ['every second: not before first beat + budget', '* * * * * *', '2026-11-30T08:00:00.500Z', '2026-11-30T08:00:30Z', undefined, false, false, '2026-11-30T08:00:51.000Z'],
    ['every second: stalled', '* * * * * *', '2026-11-30T08:00:00.500Z', '2026-11-30T08:00:51Z', undefined, true, false, '2026-11-30T08:00:51.000Z'],
    // Working hours only: Friday's last tick is not stale over the weekend.
    ['working hours, Sunday', '*/5 8-18 * * 1-5', '2026-12-04T17:55:01Z', '2026-12-06T12:00:00Z', undefined, false, false, '2026-12-07T07:10:00.000Z'],
    ['working hours, Monday 08:10 Amsterdam', '*/5 8-18 * * 1-5', '2026-12-04T17:55:01Z', '2026-12-07T07:10:00Z', undefined, true, false, '2026-12-07T07:10:00.000Z'],
  ] as const)('%s', (_name, cron, last, now, runningForMs, stale, overBudget, staleFrom) => {
    const health = tickHealth({ now: d(now), cron, timezone: 'Europe/Amsterdam', lastFinishedAt: d(last), runningForMs, budgetMs: BUDGET });
    expect({ stale: health.stale, overBudget: health.overBudget, ok: health.ok, staleAt: iso(health.staleAt) }).toEqual({
      stale,
      overBudget,
      ok: !stale && !overBudget,
      staleAt: staleFrom,
    });
    expect(health.problems).toHaveLength(Number(stale) + Number(overBudget));
    if (stale) expect(health.problems[0]).toContain(`no reminder tick has finished since ${d(last).toISOString()}`);
    if (overBudget) expect(health.problems.at(-1)).toContain(`longer than its budget of ${BUDGET} ms`);
  });

  it('a cron too rare to have three beats within the horizon is never stale', () => {
    expect(staleAt('0 0 29 2 1', 'UTC', d('2026-01-01T00:00:00Z'), 1000)).toBeNull();
    expect(tickHealth({ now: d('2030-01-01T00:00:00Z'), cron: '0 0 29 2 1', timezone: 'UTC', lastFinishedAt: d('2026-01-01T00:00:00Z'), budgetMs: 1000 }).ok).toBe(true);
  });
});

/** A scheduler on a controlled clock (business time) and monotonic time. */
function setup(job: (now: Date) => Promise<unknown>) {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const time = { now: new Date('2026-11-30T08:00:00Z'), mono: 0 };
  const scheduler = new Scheduler(job, createLogger('info', sink), () => new Date(time.now), {
    cron: '* * * * *',
    budgetMs: 50_000,
    timezone: 'UTC',
    monotonic: () => time.mono,
  });
  return { scheduler, logs, time };
}

describe('Scheduler: beats never wait on a stuck tick, and a long tick is visible', () => {
  it('a beat that finds the tick still running starts nothing, and says so; past the budget, loudly', async () => {
    let release!: () => void;
    let runs = 0;
    const { scheduler, logs, time } = setup(async () => {
      runs += 1;
      await new Promise<void>((r) => (release = r));
    });
    const first = scheduler.tick();
    time.mono = 20_000;
    scheduler.beat();
    expect(runs).toBe(1);
    expect(logs.at(-1)).toMatchObject({ msg: 'reminder tick still running; beat skipped', runningForMs: 20_000, level: 40 });
    time.mono = 61_000;
    time.now = new Date('2026-11-30T08:01:01Z');
    scheduler.beat();
    expect(logs.at(-1)).toMatchObject({ msg: 'reminder tick still running past its budget; beat skipped', runningForMs: 61_000, level: 50 });
    expect(scheduler.health()).toMatchObject({ ok: false, overBudget: true, stale: false, runningForMs: 61_000 });
    expect(scheduler.state).toMatchObject({ running: true, skippedBeats: 2 });

    release();
    await first;
    expect(logs.at(-1)).toMatchObject({ msg: 'reminder tick ran over its budget', durationMs: 61_000, budgetMs: 50_000 });
    expect(scheduler.state).toMatchObject({ running: false, ticks: 1, overBudgetTicks: 1, lastFinishedAt: time.now });
    expect(scheduler.health()).toMatchObject({ ok: true, runningForMs: null });

    scheduler.beat(); // the next beat runs again
    expect(runs).toBe(2);
    release();
    await scheduler.stop();
  });

  it('staleness counts from the last tick that finished without an error (from startup before the first)', async () => {
    let fail = false;
    const { scheduler, time } = setup(async () => {
      if (fail) throw new Error('database is locked');
    });
    time.now = new Date('2026-11-30T08:02:59Z');
    expect(scheduler.health().ok).toBe(true);
    time.now = new Date('2026-11-30T08:03:00Z'); // three beats since the scheduler was created, no tick
    expect(scheduler.health()).toMatchObject({ ok: false, stale: true });

    await scheduler.tick();
    expect(scheduler.health().ok).toBe(true);
    fail = true;
    for (const at of ['08:04:00', '08:05:00', '08:06:00']) {
      time.now = new Date(`2026-11-30T${at}Z`);
      await scheduler.tick();
    }
    expect(scheduler.state).toMatchObject({ ticks: 4, lastError: 'Error', lastFinishedAt: new Date('2026-11-30T08:03:00Z') });
    expect(scheduler.health()).toMatchObject({ ok: false, stale: true });
    fail = false;
    await scheduler.tick();
    expect(scheduler.health().ok).toBe(true);
  });
});

describe('a Web API call that gets no answer', () => {
  it('fails as a retryable timeout that may have reached Slack; a refused connection did not', async () => {
    const server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/`, timeout: 50, retryConfig: { retries: 0 }, logLevel: undefined });
      const error = await client.chat.postMessage({ channel: 'D1', text: 'x' }).catch((e: unknown) => e);
      expect(classifySlackError(error)).toEqual({ code: 'timeout', retryable: true, maybeDelivered: true });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    const refused = Object.assign(new Error('A request error occurred: fetch failed'), {
      code: 'slack_webapi_request_error',
      original: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    });
    expect(classifySlackError(refused)).toEqual({ code: 'network_error', retryable: true, maybeDelivered: false });
  });
});
