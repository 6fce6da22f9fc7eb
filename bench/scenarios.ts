import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TIMELINE_KINDS } from '../src/domain/interview.js';
import { planTimeline } from '../src/domain/timeline.js';
import type { Db } from '../src/storage/db.js';
import { SqlInterviewRepository } from '../src/storage/interviewRepository.js';
import { SqliteSql, type Engine } from '../src/storage/sql.js';
import { SqlTimelineRepository } from '../src/storage/timelineRepository.js';
import { benchDatabase } from './databases.js';
import { startHarness } from '../test/support/harness.js';
import { DEFAULT_PACING } from '../src/runtime.js';
import { DEFAULT_TEAM_ID, DEFAULT_TOKEN, startFakeSlack } from '../test/support/fakeSlack.js';
import { seedDueNow, seedHistory } from './seed.js';
import { median, round } from './stats.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = new Date('2026-12-07T08:00:00Z');


export interface TickPoint {
  items: number;
  tickMs: number;
}

/**
 * One scheduler tick with 10 due items, as the database grows from 1k to 1M timeline items
 * (100 to 100k interviews). Median of 5 ticks per size, fresh due items each time.
 */
export async function benchTickScaling(engine: Engine = 'sqlite', sizes = [1_000, 10_000, 100_000, 1_000_000]): Promise<TickPoint[]> {
  const points: TickPoint[] = [];
  for (const items of sizes) {
    const database = await benchDatabase(engine);
    await seedHistory(database.sql, { interviews: items / (TIMELINE_KINDS.length - 1), owners: 500, now: NOW, team: DEFAULT_TEAM_ID });
    await database.settle();
    const h = await startHarness({ sql: database.sql, now: NOW, env: { LOG_LEVEL: 'silent' }, pacing: { perChannelPerSecond: 1000, burst: 1000, concurrency: 8 } });
    const times: number[] = [];
    for (let run = 0; run < 6; run++) {
      await seedDueNow(database.sql, { count: 10, owners: 10, now: h.clock.now(), ownerPrefix: `UT${run}`, team: h.fake.teamId });
      const t0 = performance.now();
      const report = await h.tick();
      const ms = performance.now() - t0;
      if (report.sent !== 10) throw new Error(`tick sent ${report.sent}, expected 10`);
      if (run > 0) times.push(ms); // the first run warms caches and opens DMs
      h.clock.advance(60_000);
    }
    points.push({ items, tickMs: round(median(times)) });
    await h.close();
    await database.close();
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
export async function benchBurst(engine: Engine = 'sqlite', reminders = 2000, consultants = 200, burst = 3): Promise<BurstResult> {
  const database = await benchDatabase(engine);
  // The runtime's own pacing: what production uses.
  const run = await startHarness({ sql: database.sql, now: NOW, env: { LOG_LEVEL: 'silent' }, pacing: DEFAULT_PACING });
  await seedDueNow(database.sql, { count: reminders, owners: consultants, now: NOW, ownerPrefix: 'UBURST', team: run.fake.teamId });
  run.fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst });
  // DM channels are opened once per consultant; do that outside the measured window.
  for (let c = 0; c < consultants; c++) await run.runtime.workspace().consultants.saveDmChannel(`UBURST${String(c).padStart(5, '0')}`, `DUBURST${String(c).padStart(5, '0')}`);
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
  await database.close();
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
  const database = await benchDatabase('sqlite');
  // In the fake's workspace, as a database is after its upgrade (no rows to adopt at startup).
  await seedHistory(database.sql, { interviews: 100_000, owners: 500, now: NOW, team: DEFAULT_TEAM_ID });
  // …and started once since: the one-time adoption of older rows (a scan of every table) is done.
  await database.sql.run(`INSERT INTO job_runs (team_id, name, last_run_at) VALUES ('', 'workspace_adoption', 0)`);
  await database.settle();
  await database.sql.close();
  const path = database.path!;
  const fake = await startFakeSlack();
  const child = spawn(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'servers', 'memory.mjs'), path, fake.url, DEFAULT_TOKEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  await new Promise((r) => child.on('exit', r));
  await fake.close();
  await database.close();
  const result = JSON.parse(out.trim().split('\n').at(-1) as string) as MemoryResult;
  return result;
}

export interface WriteResult {
  repositoryPerSecond: number;
  rawPerSecond: number;
  ratio: number;
}

/**
 * Interviews saved per second through the repository (create + timeline plan, as a save does, on
 * the asynchronous `Sql` layer) vs a raw prepared better-sqlite3 INSERT of the same rows (interview
 * + its 10 timeline items) in one transaction: what the repository layer costs on SQLite.
 */
export async function benchWritePath(count = 5000): Promise<WriteResult> {
  const logistics = (n: number) => ({
    candidateName: `Kandidaat ${n}`,
    clientCompany: 'Bench BV',
    roleTitle: 'Developer',
    start: new Date(NOW.getTime() + (2 + (n % 20)) * 24 * 3_600_000),
    durationMin: 60,
    location: 'Utrecht',
    format: 'panel' as const,
  });
  const rate = async (make: (db: Db) => (n: number) => Promise<void> | void) => {
    const database = await benchDatabase('sqlite');
    const save = make((database.sql as SqliteSql).db);
    const runs: number[] = [];
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      for (let n = 0; n < count; n++) await save(round * count + n);
      runs.push(count / ((performance.now() - t0) / 1000));
    }
    await database.close();
    return median(runs);
  };
  const repositoryPerSecond = await rate((db) => {
    const sql = new SqliteSql(db);
    const interviews = new SqlInterviewRepository(sql, 'TBENCH');
    const timeline = new SqlTimelineRepository(sql, 'TBENCH');
    return async (n) => {
      const saved = await interviews.create('UWRITE', logistics(n), NOW);
      await timeline.replan(saved.id, saved.plan, planTimeline(saved, 'Europe/Amsterdam', NOW), NOW);
    };
  });
  const rawPerSecond = await rate((db) => {
    const i = db.prepare(`INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at,
      duration_min, location, format, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const t = db.prepare('INSERT INTO timeline_items (interview_id, kind, due_at, state, updated_at) VALUES (?, ?, ?, ?, ?)');
    return db.transaction((k: number) => {
      const l = logistics(k);
      const id = i.run('UWRITE', l.candidateName, l.clientCompany, l.roleTitle, l.start.getTime(), 60, l.location, l.format, NOW.getTime(), NOW.getTime()).lastInsertRowid;
      for (const p of planTimeline({ logistics: l }, 'Europe/Amsterdam', NOW)) t.run(id, p.kind, p.dueAt.getTime(), 'pending', NOW.getTime());
    });
  });
  return { repositoryPerSecond: round(repositoryPerSecond, 0), rawPerSecond: round(rawPerSecond, 0), ratio: round(repositoryPerSecond / rawPerSecond) };
}
