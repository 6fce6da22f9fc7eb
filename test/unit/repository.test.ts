import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RevisionConflictError } from '../../src/domain/repositories.js';
import { openDatabase } from '../../src/storage/db.js';
import { SqlConsultantRepository } from '../../src/storage/consultantRepository.js';
import { SqlInterviewRepository } from '../../src/storage/interviewRepository.js';
import { SqlOutboxRepository } from '../../src/storage/outboxRepository.js';
import { PostgresSql } from '../../src/storage/postgres/pgSql.js';
import { SqliteSql, type Sql } from '../../src/storage/sql.js';
import { SqlTimelineRepository } from '../../src/storage/timelineRepository.js';
import { logistics } from '../support/builders.js';
import { openTestSql, testEngine, type TestSql } from '../support/database.js';

/** The workspace these repositories serve (every row they write carries it). */
const TEAM = 'T0001';

/**
 * The repositories' contract: every case runs against the engine this test run is on (SQLite in
 * the `sqlite` project, PostgreSQL in the `postgres` project), through the one `Sql` port.
 */
const now = new Date('2026-11-30T08:00:00Z');
const h = (n: number) => new Date(now.getTime() + n * 3_600_000);
let repo: SqlInterviewRepository;
let database: TestSql;
let sql: Sql;
beforeEach(async () => {
  database = await openTestSql();
  sql = database.sql;
  repo = new SqlInterviewRepository(sql, TEAM);
});
afterEach(async () => {
  await database.close();
});

describe(`atomically on ${testEngine()} (a listener's save is one transaction)`, () => {
  it('keeps every write of the unit, nested units included', async () => {
    const id = await sql.atomically(async () => {
      const i = await repo.create('U1', logistics(), now);
      await sql.atomically(() => repo.markTaskDone(i.id, 'checkin', 'U1', now));
      return i.id;
    });
    expect((await repo.get(id))?.done.checkin?.by).toBe('U1');
  });

  it('keeps none of them when the unit throws, however deep', async () => {
    let id = 0;
    await expect(
      sql.atomically(async () => {
        id = (await repo.create('U1', logistics(), now)).id;
        await sql.atomically(() => repo.markTaskDone(id, 'checkin', 'U1', now));
        throw new Error('refused after writing');
      }),
    ).rejects.toThrow('refused after writing');
    expect(id).toBeGreaterThan(0);
    expect(await repo.get(id)).toBeUndefined();
  });
});

describe(`SqlInterviewRepository on ${testEngine()}`, () => {
  it('round-trips logistics and starts with an empty record', async () => {
    const i = await repo.create('U1', logistics({ candidatePhone: '+31 6 1', agenda: 'Intro' }), now);
    expect(await repo.get(i.id)).toEqual(i);
    expect(i).toMatchObject({ ownerId: 'U1', status: 'scheduled', revision: 1, stakeholders: [], changes: [], timeline: [], done: {}, plan: 1 });
    expect(i.planStartedAt).toEqual(now);
    expect(i.logistics).toEqual(logistics({ candidatePhone: '+31 6 1', agenda: 'Intro' }));
  });

  it('returns the first interview for a repeated origin view (double submit)', async () => {
    const a = await repo.create('U1', logistics(), now, 'V1');
    const b = await repo.create('U1', logistics({ candidateName: 'Other' }), now, 'V1');
    expect(b.id).toBe(a.id);
    expect(b.logistics.candidateName).toBe('Sanne de Vries');
  });

  it('bumps the revision on logistics updates and refuses a stale revision', async () => {
    const a = await repo.create('U1', logistics(), now);
    expect((await repo.updateLogistics(a.id, logistics({ durationMin: 90 }), h(1), 1)).revision).toBe(2);
    await expect(repo.updateLogistics(a.id, logistics(), h(2), 1)).rejects.toThrow(RevisionConflictError);
  });

  it('keeps stakeholders scoped to their interview', async () => {
    const a = await repo.create('U1', logistics(), now);
    const b = await repo.create('U2', logistics(), now);
    const s = await repo.addStakeholder(a.id, { name: 'Pieter', role: 'CTO', decisionPower: 'decision_maker' }, now);
    expect(await repo.updateStakeholder(b.id, s.id, { name: 'Hacked', decisionPower: 'veto' }, now)).toBe(false);
    expect(await repo.removeStakeholder(b.id, s.id, now)).toBe(false);
    expect((await repo.get(a.id))!.stakeholders).toEqual([s]);
    expect(await repo.updateStakeholder(a.id, s.id, { name: 'Pieter B', decisionPower: 'veto' }, h(1))).toBe(true);
    expect((await repo.get(a.id))!.stakeholders[0]).toMatchObject({ name: 'Pieter B', decisionPower: 'veto', role: undefined });
    expect((await repo.get(a.id))!.updatedAt).toEqual(h(1));
    expect(await repo.removeStakeholder(a.id, s.id, h(2))).toBe(true);
    expect((await repo.get(a.id))!.stakeholders).toEqual([]);
  });

  it('saves context and culture, overwriting on a second save without touching the revision', async () => {
    const a = await repo.create('U1', logistics(), now);
    await repo.saveContext(a.id, { urgency: 'high', otherCandidatesCount: 2 }, now);
    await repo.saveContext(a.id, { urgency: 'low', budgetStatus: 'pending' }, h(1));
    await repo.saveCulture(a.id, { formality: 'formal', notes: 'Pak' }, h(1));
    const got = (await repo.get(a.id))!;
    expect(got.context).toEqual({ urgency: 'low', budgetStatus: 'pending', updatedAt: h(1) });
    expect(got.culture).toEqual({ formality: 'formal', notes: 'Pak' });
    expect(got.revision).toBe(1);
  });

  it('lists upcoming interviews per owner in a window, soonest first, and counts them', async () => {
    const mk = async (owner: string, startH: number) => (await repo.create(owner, logistics({ start: h(startH) }), now)).id;
    const late = await mk('U1', 30);
    const early = await mk('U1', 2);
    await mk('U2', 3);
    await mk('U1', -1);
    expect((await repo.listUpcoming({ ownerId: 'U1', from: now, limit: 10 })).map((i) => i.id)).toEqual([early, late]);
    expect((await repo.listUpcoming({ ownerId: 'U1', from: now, until: h(24), limit: 10 })).map((i) => i.id)).toEqual([early]);
    expect(await repo.countUpcoming({ from: now })).toBe(3);
  });

  it('lists finished interviews with open follow-up, most recent first', async () => {
    const ended = (await repo.create('U1', logistics({ start: h(-3), durationMin: 60 }), now)).id;
    const older = (await repo.create('U1', logistics({ start: h(-30), durationMin: 60 }), now)).id;
    await repo.create('U1', logistics({ start: h(-0.5), durationMin: 60 }), now); // still running
    const closed = (await repo.create('U1', logistics({ start: h(-5) }), now)).id;
    await sql.run(
      'INSERT INTO loop_closures (interview_id, next_steps_clear, timeline_kept, no_surprises, both_positive, closed_at) VALUES (?, 1, 1, 1, 1, ?)',
      [closed, now.getTime()],
    );
    expect((await repo.listOpenFollowUp({ ownerId: 'U1', since: h(-14 * 24), now, limit: 10 })).map((i) => i.id)).toEqual([ended, older]);
    expect((await repo.listOpenFollowUp({ ownerId: 'U1', since: h(-24), now, limit: 10 })).map((i) => i.id)).toEqual([ended]);
  });
});

describe(`SqlConsultantRepository on ${testEngine()}`, () => {
  it('caches a timezone with its fetch time, and "unknown" as such', async () => {
    const c = new SqlConsultantRepository(sql, TEAM);
    expect(await c.get('U1')).toBeUndefined();
    await c.saveTimezone('U1', 'Europe/Amsterdam', now);
    await c.saveTimezone('U2', undefined, now);
    await c.saveTimezone('U1', 'Asia/Tokyo', h(1));
    expect(await c.get('U1')).toEqual({ tz: 'Asia/Tokyo', fetchedAt: h(1), failures: 0 });
    expect(await c.get('U2')).toEqual({ tz: undefined, fetchedAt: now, failures: 0 });
  });

  it('owes a replan when the zone is first known or changes, and a lookup when a retry or the daily refresh is due', async () => {
    const c = new SqlConsultantRepository(sql, TEAM);
    await repo.create('UNEW', logistics({ start: h(48) }), now);
    await repo.create('UDAY', logistics({ start: h(48) }), now);
    await repo.create('UPAST', logistics({ start: h(-48) }), now);
    // A failed lookup: provisional (never known), retried at the back-off instant.
    await c.scheduleTimezoneRetry('UNEW', h(1), 1);
    expect(await c.get('UNEW')).toEqual({ tz: undefined, fetchedAt: undefined, retryAt: h(1), failures: 1 });
    await c.saveTimezone('UDAY', 'Europe/Amsterdam', now);
    await c.saveTimezone('UPAST', 'Europe/Amsterdam', now);
    expect(await c.timezoneLookupsDue(now, h(-24), 10)).toEqual([]);
    expect(await c.timezoneLookupsDue(h(1), h(-23), 10)).toEqual(['UNEW']);
    // A day later: the refresh is due for consultants with an interview ahead, not the others.
    expect(await c.timezoneLookupsDue(h(24), h(0), 10)).toEqual(['UNEW', 'UDAY']);

    expect((await c.timezoneReplansOwed(10)).sort()).toEqual(['UDAY', 'UPAST']);
    await c.markTimezoneReplanned('UDAY');
    await c.markTimezoneReplanned('UPAST');
    expect(await c.saveTimezone('UNEW', 'America/New_York', h(1))).toBe(true);
    expect(await c.get('UNEW')).toEqual({ tz: 'America/New_York', fetchedAt: h(1), failures: 0 });
    expect(await c.saveTimezone('UDAY', 'Europe/Amsterdam', h(2))).toBe(false);
    expect(await c.timezoneReplansOwed(10)).toEqual(['UNEW']);
    expect(await c.saveTimezone('UDAY', 'Asia/Tokyo', h(3))).toBe(true);
    expect(await c.timezoneReplansOwed(10)).toEqual(['UNEW', 'UDAY']);
  });
});

describe(`SqlOutboxRepository on ${testEngine()}`, () => {
  it('finds the rows whose purpose starts with a prefix, and only those of its own workspace', async () => {
    const T0 = new Date('2026-12-01T08:00:00Z');
    const mine = new SqlOutboxRepository(sql, TEAM);
    const theirs = new SqlOutboxRepository(sql, 'TOTHER');
    const row = (purpose: string) => ({ purpose, kind: 'escalation' as const, recipient: 'ULEAD' });
    for (const purpose of ['escalation:1:U1', 'escalation:1:U2', 'escalation:10:U1', 'escalation:1', 'escalation;1:U1']) await mine.enqueue(row(purpose), T0);
    await theirs.enqueue(row('escalation:1:U3'), T0);
    expect((await mine.byPurposePrefix('escalation:1:')).map((r) => r.purpose)).toEqual(['escalation:1:U1', 'escalation:1:U2']);
    expect((await theirs.byPurposePrefix('escalation:1:')).map((r) => r.purpose)).toEqual(['escalation:1:U3']);
  });
});

describe(`SqlTimelineRepository on ${testEngine()}: claims that hold across processes (issue 16)`, () => {
  const T0 = new Date('2026-12-01T08:00:00Z');
  /** Closes what a case opened: the second connection, the SQLite file's directory. */
  let teardown: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of teardown.reverse()) await fn();
    teardown = [];
  });

  /**
   * Two connections to one database, what two processes have: on SQLite two handles on one file,
   * on PostgreSQL a second pool on this test's database.
   */
  async function connections(): Promise<{ first: Sql; second: Sql }> {
    if (testEngine() === 'postgres') {
      const second = PostgresSql.connect(database.url!);
      teardown.push(() => second.close());
      return { first: sql, second };
    }
    const dir = mkdtempSync(join(tmpdir(), 'ip-claims-'));
    teardown.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'db.sqlite');
    const file = await openTestSql({ sqlite: openDatabase(path) });
    teardown.push(() => {
      file.db!.close();
    });
    const second = new SqliteSql(openDatabase(path));
    teardown.push(() => second.close());
    return { first: file.sql, second };
  }

  async function setup() {
    const { first, second } = await connections();
    const interview = await new SqlInterviewRepository(first, TEAM).create('U1', logistics(), T0);
    const a = new SqlTimelineRepository(first, TEAM);
    const b = new SqlTimelineRepository(second, TEAM);
    await a.replan(interview.id, interview.plan, [{ kind: 'candidate_checkin', dueAt: T0, state: 'pending' }], T0);
    const item = (await a.due(T0, 10))[0]!;
    return { a, b, item };
  }
  const wall = (ms: number) => new Date(Date.parse('2026-12-01T08:00:00Z') + ms);

  it('one process wins the claim of a pending reminder; the other gets false', async () => {
    const { a, b, item } = await setup();
    expect([await a.markSending(item.id, 'D1', T0, wall(20_000)), await b.markSending(item.id, 'D1', T0, wall(20_000))]).toEqual([true, false]);
  });

  it('a reminder being sent is not "stuck" for anyone until its lease lapses; then one process checks it', async () => {
    const { a, b, item } = await setup();
    await a.markSending(item.id, 'D1', T0, wall(20_000));
    expect(await b.stuckSending(wall(19_999))).toEqual([]);
    expect((await b.stuckSending(wall(20_000))).map((i) => i.id)).toEqual([item.id]);
    expect([await b.releaseForCheck(item.id, wall(20_000), wall(40_000)), await a.releaseForCheck(item.id, wall(20_001), wall(40_001))]).toEqual([true, false]);
  });

  it('a send that got no answer can be checked by anyone at once (its lease is let go)', async () => {
    const { a, b, item } = await setup();
    await a.markSending(item.id, 'D1', T0, wall(20_000));
    await a.markInDoubt(item.id, 'timeout', new Date(T0.getTime() + 60_000), T0);
    expect((await b.stuckSending(wall(1))).map((i) => i.id)).toEqual([item.id]);
  });

  it('an old plan’s "Verplaatst" rewrite is taken by one process; a failed one is free again; a done one never', async () => {
    const { a, b, item } = await setup();
    await a.markSending(item.id, 'D1', T0, wall(20_000));
    await a.markSent(item.id, 'D1', '1.1', T0);
    expect([await a.claimRewrite(item.id, wall(0), wall(20_000)), await b.claimRewrite(item.id, wall(1), wall(20_001))]).toEqual([true, false]);
    await a.releaseRewrite(item.id);
    expect(await b.claimRewrite(item.id, wall(2), wall(20_002))).toBe(true);
    await b.markMovedRewritten(item.id, T0);
    expect(await a.claimRewrite(item.id, wall(60_000), wall(80_000))).toBe(false);
  });

  it('a missed-reminders summary is claimed by one process; released, it can be taken again', async () => {
    const { a, b, item } = await setup();
    await a.markSkipped(item.id, 'stale', T0);
    expect([await a.claimSummary([item.id], T0), await b.claimSummary([item.id], T0)]).toEqual([true, false]);
    await a.releaseSummary([item.id], T0);
    expect(await b.claimSummary([item.id], new Date(T0.getTime() + 1))).toBe(true);
  });
});
