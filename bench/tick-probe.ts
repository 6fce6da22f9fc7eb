/**
 * Issue 4 figures: (1) one scheduler tick with 10 due items while the database holds 100k
 * interviews (1M timeline items); (2) reminders due in the same minute against a fake Slack that
 * answers 429 beyond 1 message/second/channel: delivered exactly once?
 * Usage: npx tsx bench/tick-probe.ts [interviews] [burst]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../src/storage/db.js';
import { startHarness } from '../test/support/harness.js';
import { seedDueNow, seedHistory } from './seed.js';

const interviews = Number(process.argv[2] ?? 100_000);
const burst = Number(process.argv[3] ?? 300);
const now = new Date('2026-12-07T08:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'ip-tick-'));
try {
  const db = openDatabase(join(dir, 'bench.db'));
  migrate(db);
  let t0 = performance.now();
  seedHistory(db, { interviews, owners: 500, now });
  const seedMs = performance.now() - t0;
  seedDueNow(db, { count: 10, owners: 10, now });
  const h = await startHarness({ db, now, env: { LOG_LEVEL: 'warn' }, pacing: { perChannelPerSecond: 1000, burst: 1000, concurrency: 8 } });
  t0 = performance.now();
  const report = await h.tick();
  const tickMs = performance.now() - t0;
  console.log(JSON.stringify({ interviews, timelineItems: interviews * 10, seedMs: Math.round(seedMs), tick: report, tickMs: Number(tickMs.toFixed(1)) }));

  // Burst: `burst` reminders for 50 consultants, Slack allowing 1/s per channel with a burst of 2.
  const ids = seedDueNow(db, { count: burst, owners: 50, now, ownerPrefix: 'UB' });
  await h.close();
  const paced = await startHarness({ db, now, env: { LOG_LEVEL: 'warn' }, pacing: { perChannelPerSecond: 3, burst: 2, concurrency: 8 } });
  paced.fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst: 2 });
  t0 = performance.now();
  let ticks = 0;
  let sent = 0;
  while (sent < burst && ticks < 20) {
    const r = await paced.tick();
    sent += r.sent;
    ticks += 1;
    paced.clock.advance(60_000);
  }
  const posts = paced.fake.callsTo('chat.postMessage');
  const delivered = new Map<string, number>();
  for (const c of posts.filter((p) => p.status === 200 && (p.response as { ok?: boolean }).ok)) {
    const key = JSON.stringify((c.args.metadata as { event_payload: unknown }).event_payload);
    delivered.set(key, (delivered.get(key) ?? 0) + 1);
  }
  const states = db.prepare(`SELECT state, COUNT(*) AS n FROM timeline_items WHERE interview_id >= ? GROUP BY state`).all(ids[0]);
  console.log(
    JSON.stringify({
      burst,
      consultants: 50,
      ticks,
      seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
      postCalls: posts.length,
      answered429: posts.filter((p) => p.status === 429).length,
      distinctDelivered: delivered.size,
      duplicates: [...delivered.values()].filter((n) => n > 1).length,
      states,
    }),
  );
  await paced.close();
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
