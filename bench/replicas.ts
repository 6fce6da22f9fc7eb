import type { Engine } from '../src/storage/sql.js';
import { METADATA_EVENT } from '../src/slack/ids.js';
import { DEFAULT_TEAM_ID, DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../test/support/fakeSlack.js';
import { startBot } from '../test/support/process.js';
import { benchDatabase } from './databases.js';
import { seedDueNow } from './seed.js';
import { round } from './stats.js';

export interface ReplicaResult {
  engine: Engine;
  processes: number;
  seconds: number;
  delivered: number;
  duplicates: number;
}

const delivered = (fake: FakeSlack) => fake.deliveries(METADATA_EVENT.reminder);

/**
 * The burst (2,000 reminders for 200 consultants, 1 message/s per channel, burst 3) delivered by
 * `processes` real bot processes on one database (a SQLite file or a PostgreSQL database), real time: seconds from the moment every
 * process is up until all are delivered, and how many came twice.
 */
export async function benchReplicas(engine: Engine, processes: number, reminders = 2000, consultants = 200): Promise<ReplicaResult> {
  const fake = await startFakeSlack();
  fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst: 3 });
  const database = await benchDatabase(engine);
  // Due 20 s from now: every process is up (a few seconds) before the first one is due.
  const dueAt = new Date(Date.now() + 20_000);
  await seedDueNow(database.sql, { count: reminders, owners: consultants, now: dueAt, ownerPrefix: 'UREPL', team: DEFAULT_TEAM_ID });
  await database.settle();
  const env = {
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
    SLACK_SIGNING_SECRET: 'bench-replicas-secret',
    SLACK_API_URL: fake.url,
    PORT: '0',
    ...database.env,
    SCHEDULER_CRON: '*/1 * * * * *',
    QUIET_HOURS: 'off',
    LOG_LEVEL: 'info',
  };
  const bots = Array.from({ length: processes }, () => startBot(env));
  try {
    await Promise.all(bots.map((b) => b.waitForLog('Interview Prep is running', 60_000)));
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt.getTime() - Date.now())));
    const t0 = performance.now();
    await fake.waitFor(() => delivered(fake).size >= reminders, 120_000);
    const seconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const counts = delivered(fake);
    return { engine, processes, seconds: round(seconds, 1), delivered: counts.size, duplicates: [...counts.values()].filter((n) => n > 1).length };
  } finally {
    for (const b of bots) b.child.kill('SIGTERM');
    await Promise.all(bots.map((b) => b.exited));
    await fake.close();
    await database.close();
  }
}
