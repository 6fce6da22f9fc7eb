import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Interview } from '../../src/domain/interview.js';
import { runRetention } from '../../src/jobs/retention.js';
import { createLogger } from '../../src/logger.js';
import { SqlInterviewRepository } from '../../src/storage/interviewRepository.js';
import { SqlJobRunRepository } from '../../src/storage/riskRepository.js';
import { logistics } from '../support/builders.js';
import { openTestSql, type TestSql } from '../support/database.js';

/** The workspace these repositories serve (every row they write carries it). */
const TEAM = 'T0001';

const DAY = 24 * 3_600_000;
const NOW = new Date('2026-12-01T03:00:00Z');

let databases: TestSql[] = [];
afterEach(async () => {
  for (const t of databases) await t.close();
  databases = [];
});

async function setup(ended: number) {
  const t = await openTestSql();
  databases.push(t);
  const { sql } = t;
  const interviews = new SqlInterviewRepository(sql, TEAM);
  for (let n = 0; n < ended; n++) await interviews.create('U1', logistics({ start: new Date(NOW.getTime() - (200 + n) * DAY) }), new Date(NOW.getTime() - 300 * DAY));
  await interviews.create('U1', logistics({ start: new Date(NOW.getTime() + 2 * DAY) }), NOW);
  const erased: number[] = [];
  const deps = {
    interviews,
    runs: new SqlJobRunRepository(sql, TEAM),
    erase: async (i: Interview, at: Date) => {
      erased.push(i.id);
      return interviews.erase(i.id, at);
    },
    retentionDays: 180,
    logger: createLogger('silent', new Writable({ write: (_c, _e, done) => done() })),
  };
  return { sql, deps, erased, interviews };
}

describe('retention job', () => {
  it('erases what ended more than RETENTION_DAYS ago, once a day; the day is stored, so a restart does not repeat it', async () => {
    const s = await setup(3);
    expect(await runRetention(s.deps, NOW, () => false)).toBe(3);
    expect((await s.interviews.get(4))!.erased).toBe(false);
    // A "restart": new repositories on the same database.
    const again = { ...s.deps, runs: new SqlJobRunRepository(s.sql, TEAM) };
    expect(await runRetention(again, new Date(NOW.getTime() + DAY - 60_000), () => false)).toBe(0);
    expect(await s.sql.get("SELECT last_run_at FROM job_runs WHERE name = 'retention'")).toEqual({ last_run_at: NOW.getTime() });
  });

  it('a run cut short by the tick budget is not complete: the next tick goes on', async () => {
    const s = await setup(3);
    let calls = 0;
    expect(await runRetention(s.deps, NOW, () => ++calls > 1)).toBe(1);
    expect(await s.sql.get('SELECT COUNT(*) AS n FROM job_runs')).toEqual({ n: 0 });
    expect(await runRetention(s.deps, new Date(NOW.getTime() + 60_000), () => false)).toBe(2);
    // Each erased once, none twice, the future interview not at all.
    expect([...s.erased].sort()).toEqual([1, 2, 3]);
  });
});
