import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIMELINE_KINDS } from '../src/domain/interview.js';
import { planTimeline } from '../src/domain/timeline.js';
import { migrate, openDatabase, type Db } from '../src/storage/db.js';
import { SqliteInterviewRepository } from '../src/storage/interviewRepository.js';
import { SqliteTimelineRepository } from '../src/storage/timelineRepository.js';
import { startHarness } from '../test/support/harness.js';
import { DEFAULT_PACING } from '../src/runtime.js';
import { DEFAULT_TOKEN, startFakeSlack } from '../test/support/fakeSlack.js';
import { seedDueNow, seedHistory } from './seed.js';
import { median, round } from './stats.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = new Date('2026-12-07T08:00:00Z');

function tempDb(): { db: Db; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ip-bench-'));
  const path = join(dir, 'bench.db');
  const db = openDatabase(path);
  migrate(db);
  return { db, dir, path };
}

export interface TickPoint {
  items: number;
  tickMs: number;
}

/**
 * One scheduler tick with 10 due items, as the database grows from 1k to 1M timeline items
 * (100 to 100k interviews). Median of 5 ticks per size, fresh due items each time.
 */
export async function benchTickScaling(sizes = [1_000, 10_000, 100_000, 1_000_000]): Promise<TickPoint[]> {
  const points: TickPoint[] = [];
  for (const items of sizes) {
    const { db, dir } = tempDb();
    seedHistory(db, { interviews: items / (TIMELINE_KINDS.length - 1), owners: 500, now: NOW });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const h = await startHarness({ db, now: NOW, env: { LOG_LEVEL: 'silent' }, pacing: { perChannelPerSecond: 1000, burst: 1000, concurrency: 8 } });
    const times: number[] = [];
    for (let run = 0; run < 6; run++) {
      seedDueNow(db, { count: 10, owners: 10, now: h.clock.now(), ownerPrefix: `UT${run}` });
      const t0 = performance.now();
      const report = await h.tick();
      const ms = performance.now() - t0;
      if (report.sent !== 10) throw new Error(`tick sent ${report.sent}, expected 10`);
      if (run > 0) times.push(ms); // the first run warms caches and opens DMs
      h.clock.advance(60_000);
    }
    points.push({ items, tickMs: round(median(times)) });
    await h.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return points;
}

export interface BurstResult {
  reminders: number;
  consultants: number;
  seconds: number;
  requiredSeconds: number;
  ratio: number;
  delivered: number;
  duplicates: number;
  answered429: number;
}

/**
 * 2,000 reminders due in the same minute for 200 consultants, against a fake Slack that allows
 * 1 message per second per channel with a burst of 3 and answers 429 beyond. The rate limit alone
 * requires (10 − 3) / 1 = 7 s (channels in parallel).
 */
export async function benchBurst(reminders = 2000, consultants = 200, burst = 3): Promise<BurstResult> {
  const { db, dir } = tempDb();
  // The runtime's own pacing: what production uses.
  const run = await startHarness({ db, now: NOW, env: { LOG_LEVEL: 'silent' }, pacing: DEFAULT_PACING });
  seedDueNow(db, { count: reminders, owners: consultants, now: NOW, ownerPrefix: 'UBURST' });
  run.fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst });
  // DM channels are opened once per consultant; do that outside the measured window.
  for (let c = 0; c < consultants; c++) run.runtime.consultants.saveDmChannel(`UBURST${String(c).padStart(5, '0')}`, `DUBURST${String(c).padStart(5, '0')}`);
  const t0 = performance.now();
  let sent = 0;
  let ticks = 0;
  while (sent < reminders && ticks < 10) {
    sent += (await run.tick()).sent;
    ticks += 1;
  }
  const seconds = (performance.now() - t0) / 1000;
  const posts = run.fake.callsTo('chat.postMessage');
  const delivered = run.fake.deliveries();
  const requiredSeconds = (reminders / consultants - burst) / 1;
  await run.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    reminders,
    consultants,
    seconds: round(seconds, 1),
    requiredSeconds,
    ratio: round(seconds / requiredSeconds),
    delivered: delivered.size,
    duplicates: [...delivered.values()].filter((n) => n > 1).length,
    answered429: posts.filter((p) => p.status === 429).length,
  };
}

export interface MemoryResult {
  afterStartupMb: number;
  afterTickMb: number;
  interviews: number;
}

/** RSS of the bot process with 100k interviews (1M timeline items), measured in a child process. */
export async function benchMemory(): Promise<MemoryResult> {
  const { db, dir, path } = tempDb();
  seedHistory(db, { interviews: 100_000, owners: 500, now: NOW });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const fake = await startFakeSlack();
  const child = spawn(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'servers', 'memory.mjs'), path, fake.url, DEFAULT_TOKEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  await new Promise((r) => child.on('exit', r));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  const result = JSON.parse(out.trim().split('\n').at(-1) as string) as MemoryResult;
  return result;
}

export interface WriteResult {
  repositoryPerSecond: number;
  rawPerSecond: number;
  ratio: number;
}

/**
 * Interviews saved per second through the repository (create + timeline plan, as a save does) vs
 * a raw prepared INSERT of the same rows (interview + its 10 timeline items) in one transaction.
 */
export function benchWritePath(count = 5000): WriteResult {
  const logistics = (n: number) => ({
    candidateName: `Kandidaat ${n}`,
    clientCompany: 'Bench BV',
    roleTitle: 'Developer',
    start: new Date(NOW.getTime() + (2 + (n % 20)) * 24 * 3_600_000),
    durationMin: 60,
    location: 'Utrecht',
    format: 'panel' as const,
  });
  const rate = (fn: (n: number) => void) => {
    const { db, dir } = tempDb();
    const bound = fn.bind(db);
    const runs: number[] = [];
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      for (let n = 0; n < count; n++) bound.call(db, round * count + n);
      runs.push(count / ((performance.now() - t0) / 1000));
    }
    db.close();
    rmSync(dir, { recursive: true, force: true });
    return median(runs);
  };
  let repos: { interviews: SqliteInterviewRepository; timeline: SqliteTimelineRepository } | undefined;
  let raw: { i: ReturnType<Db['prepare']>; t: ReturnType<Db['prepare']>; tx: (n: number) => void } | undefined;
  const repositoryPerSecond = rate(function (this: Db, n) {
    repos ??= { interviews: new SqliteInterviewRepository(this), timeline: new SqliteTimelineRepository(this) };
    const saved = repos.interviews.create('UWRITE', logistics(n), NOW);
    repos.timeline.replan(saved.id, saved.plan, planTimeline(saved, 'Europe/Amsterdam', NOW), NOW);
  });
  repos = undefined;
  const rawPerSecond = rate(function (this: Db, n) {
    if (!raw) {
      const i = this.prepare(`INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at,
        duration_min, location, format, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const t = this.prepare('INSERT INTO timeline_items (interview_id, kind, due_at, state, updated_at) VALUES (?, ?, ?, ?, ?)');
      const tx = this.transaction((k: number) => {
        const l = logistics(k);
        const id = i.run('UWRITE', l.candidateName, l.clientCompany, l.roleTitle, l.start.getTime(), 60, l.location, l.format, NOW.getTime(), NOW.getTime()).lastInsertRowid;
        for (const p of planTimeline({ logistics: l }, 'Europe/Amsterdam', NOW)) t.run(id, p.kind, p.dueAt.getTime(), 'pending', NOW.getTime());
      });
      raw = { i, t, tx };
    }
    raw.tx(n);
  });
  return { repositoryPerSecond: round(repositoryPerSecond, 0), rawPerSecond: round(rawPerSecond, 0), ratio: round(repositoryPerSecond / rawPerSecond) };
}
