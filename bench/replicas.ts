import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../src/storage/db.js';
import { METADATA_EVENT } from '../src/slack/ids.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../test/support/fakeSlack.js';
import { startBot } from '../test/support/process.js';
import { seedDueNow } from './seed.js';
import { round } from './stats.js';

export interface ReplicaResult {
  processes: number;
  seconds: number;
  delivered: number;
  duplicates: number;
}

const delivered = (fake: FakeSlack) => fake.deliveries(METADATA_EVENT.reminder);

/**
 * The burst (2,000 reminders for 200 consultants, 1 message/s per channel, burst 3) delivered by
 * `processes` real bot processes on one SQLite file, real time: seconds from the moment every
 * process is up until all are delivered, and how many came twice.
 */
export async function benchReplicas(processes: number, reminders = 2000, consultants = 200): Promise<ReplicaResult> {
  const fake = await startFakeSlack();
  fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'ip-bench-replicas-'));
  const path = join(dir, 'bot.db');
  const db = openDatabase(path);
  migrate(db);
  // Due 20 s from now: every process is up (a few seconds) before the first one is due.
  const dueAt = new Date(Date.now() + 20_000);
  seedDueNow(db, { count: reminders, owners: consultants, now: dueAt, ownerPrefix: 'UREPL' });
  db.close();
  const env = {
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
    SLACK_SIGNING_SECRET: 'bench-replicas-secret',
    SLACK_API_URL: fake.url,
    PORT: '0',
    DATABASE_PATH: path,
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
    return { processes, seconds: round(seconds, 1), delivered: counts.size, duplicates: [...counts.values()].filter((n) => n > 1).length };
  } finally {
    for (const b of bots) b.child.kill('SIGTERM');
    await Promise.all(bots.map((b) => b.exited));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
