import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { SEND_LEASE_MS } from '../../src/jobs/deliverDue.js';
import { METADATA_EVENT } from '../../src/slack/ids.js';
import { seedDueNow } from '../../bench/seed.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { startBot, type BotProcess } from '../support/process.js';
import { openTestSql, testEngine, type TestSql } from '../support/database.js';

/**
 * Issue 16: two real bot processes on one database — one SQLite file (a rolling restart, or two
 * instances on one host), or one PostgreSQL database in the postgres project — share 2,000 reminders due at once for 200 consultants. Every send is
 * claimed in the database first, so each reminder reaches Slack exactly once — also when one process
 * is killed with SIGKILL halfway: its in-flight sends are held by a lease, and once that lapses the
 * survivor checks the DM history before it sends anything again. Real time, real processes.
 */

const REMINDERS = 2000;
const CONSULTANTS = 200;
let bots: BotProcess[] = [];
let fake: FakeSlack | undefined;
let dir: string | undefined;
let database: TestSql | undefined;
afterEach(async () => {
  for (const bot of bots) {
    if (bot.child.exitCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
  }
  await fake?.close();
  await database?.close();
  database = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  bots = [];
  fake = undefined;
  dir = undefined;
});

/** Reminder messages Slack accepted, per (interview, kind, plan). */
const deliveredCounts = (f: FakeSlack) => f.deliveries(METADATA_EVENT.reminder);

describe(`two processes on one ${testEngine() === 'postgres' ? 'PostgreSQL database' : 'SQLite file'}`, () => {
  it(`${REMINDERS} reminders due at once for ${CONSULTANTS} consultants: each delivered exactly once, none lost, also when one process is killed halfway`, async () => {
    fake = await startFakeSlack();
    fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst: 3 });
    dir = mkdtempSync(join(tmpdir(), 'ip-replicas-'));
    const path = join(dir, 'bot.db');
    // The file is the database on SQLite; PostgreSQL gets a fresh database of the test server.
    database = await openTestSql(testEngine() === 'sqlite' ? { sqlite: openDatabase(path) } : {});
    await seedDueNow(database.sql, { count: REMINDERS, owners: CONSULTANTS, now: new Date(), ownerPrefix: 'UREPL' });
    if (database.db) database.db.close();

    const env = {
      SLACK_BOT_TOKEN: DEFAULT_TOKEN,
      SLACK_SIGNING_SECRET: 'replicas-secret-1234',
      SLACK_API_URL: fake.url,
      PORT: '0',
      DATABASE_PATH: path,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      SCHEDULER_CRON: '*/1 * * * * *',
      QUIET_HOURS: 'off',
      LOG_LEVEL: 'info',
    };
    bots = [startBot(env), startBot(env)];
    await Promise.all(bots.map((b) => b.waitForLog('Interview Prep is running', 30_000)));

    // Halfway: the first process dies without a word (its in-flight sends stay claimed).
    await fake.waitFor(() => deliveredCounts(fake!).size >= REMINDERS / 4, 60_000);
    bots[0]!.child.kill('SIGKILL');
    await bots[0]!.exited;

    await fake.waitFor(() => deliveredCounts(fake!).size >= REMINDERS, SEND_LEASE_MS + 90_000);
    await new Promise((r) => setTimeout(r, 2500)); // a few more ticks: nothing may come twice
    const counts = deliveredCounts(fake);
    expect(counts.size).toBe(REMINDERS);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);

    // Both processes did part of the work (the claims shared it; no lock kept one idle): the survivor
    // sent fewer than all of them itself. (The killed one never got to log its tick.)
    const survivorSent = bots[1]!
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; sent?: number })
      .filter((l) => l.msg === 'reminder tick')
      .reduce((sum, l) => sum + (l.sent ?? 0), 0);
    expect(survivorSent).toBeGreaterThan(0);
    expect(survivorSent).toBeLessThan(REMINDERS);
  }, 240_000);
});
