import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RevisionConflictError } from '../../src/domain/repositories.js';
import { migrate, openDatabase, sqliteAtomically } from '../../src/storage/db.js';
import { SqliteConsultantRepository } from '../../src/storage/consultantRepository.js';
import { SqliteInterviewRepository } from '../../src/storage/interviewRepository.js';
import { SqliteTimelineRepository } from '../../src/storage/timelineRepository.js';
import { logistics } from '../support/builders.js';

const now = new Date('2026-11-30T08:00:00Z');
const h = (n: number) => new Date(now.getTime() + n * 3_600_000);
let repo: SqliteInterviewRepository;
let db: ReturnType<typeof openDatabase>;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
  repo = new SqliteInterviewRepository(db);
});

describe('sqliteAtomically (a listener\'s save is one transaction)', () => {
  it('keeps every write of the unit, nested units included', () => {
    const atomically = sqliteAtomically(db);
    const id = atomically(() => {
      const i = repo.create('U1', logistics(), now);
      atomically(() => repo.markTaskDone(i.id, 'checkin', 'U1', now));
      return i.id;
    });
    expect(repo.get(id)?.done.checkin?.by).toBe('U1');
  });

  it('keeps none of them when the unit throws, however deep', () => {
    const atomically = sqliteAtomically(db);
    let id = 0;
    expect(() =>
      atomically(() => {
        id = repo.create('U1', logistics(), now).id;
        atomically(() => repo.markTaskDone(id, 'checkin', 'U1', now));
        throw new Error('refused after writing');
      }),
    ).toThrow('refused after writing');
    expect(id).toBeGreaterThan(0);
    expect(repo.get(id)).toBeUndefined();
  });
});

describe('SqliteInterviewRepository', () => {
  it('round-trips logistics and starts with an empty record', () => {
    const i = repo.create('U1', logistics({ candidatePhone: '+31 6 1', agenda: 'Intro' }), now);
    expect(repo.get(i.id)).toEqual(i);
    expect(i).toMatchObject({ ownerId: 'U1', status: 'scheduled', revision: 1, stakeholders: [], changes: [], timeline: [], done: {}, plan: 1 });
    expect(i.planStartedAt).toEqual(now);
    expect(i.logistics).toEqual(logistics({ candidatePhone: '+31 6 1', agenda: 'Intro' }));
  });

  it('returns the first interview for a repeated origin view (double submit)', () => {
    const a = repo.create('U1', logistics(), now, 'V1');
    const b = repo.create('U1', logistics({ candidateName: 'Other' }), now, 'V1');
    expect(b.id).toBe(a.id);
    expect(b.logistics.candidateName).toBe('Sanne de Vries');
  });

  it('bumps the revision on logistics updates and refuses a stale revision', () => {
    const a = repo.create('U1', logistics(), now);
    expect(repo.updateLogistics(a.id, logistics({ durationMin: 90 }), h(1), 1).revision).toBe(2);
    expect(() => repo.updateLogistics(a.id, logistics(), h(2), 1)).toThrow(RevisionConflictError);
  });

  it('keeps stakeholders scoped to their interview', () => {
    const a = repo.create('U1', logistics(), now);
    const b = repo.create('U2', logistics(), now);
    const s = repo.addStakeholder(a.id, { name: 'Pieter', role: 'CTO', decisionPower: 'decision_maker' }, now);
    expect(repo.updateStakeholder(b.id, s.id, { name: 'Hacked', decisionPower: 'veto' }, now)).toBe(false);
    expect(repo.removeStakeholder(b.id, s.id, now)).toBe(false);
    expect(repo.get(a.id)!.stakeholders).toEqual([s]);
    expect(repo.updateStakeholder(a.id, s.id, { name: 'Pieter B', decisionPower: 'veto' }, h(1))).toBe(true);
    expect(repo.get(a.id)!.stakeholders[0]).toMatchObject({ name: 'Pieter B', decisionPower: 'veto', role: undefined });
    expect(repo.get(a.id)!.updatedAt).toEqual(h(1));
    expect(repo.removeStakeholder(a.id, s.id, h(2))).toBe(true);
    expect(repo.get(a.id)!.stakeholders).toEqual([]);
  });

  it('saves context and culture, overwriting on a second save without touching the revision', () => {
    const a = repo.create('U1', logistics(), now);
    repo.saveContext(a.id, { urgency: 'high', otherCandidatesCount: 2 }, now);
    repo.saveContext(a.id, { urgency: 'low', budgetStatus: 'pending' }, h(1));
    repo.saveCulture(a.id, { formality: 'formal', notes: 'Pak' }, h(1));
    const got = repo.get(a.id)!;
    expect(got.context).toEqual({ urgency: 'low', budgetStatus: 'pending', updatedAt: h(1) });
    expect(got.culture).toEqual({ formality: 'formal', notes: 'Pak' });
    expect(got.revision).toBe(1);
  });

  it('lists upcoming interviews per owner in a window, soonest first, and counts them', () => {
    const mk = (owner: string, startH: number) => repo.create(owner, logistics({ start: h(startH) }), now).id;
    const late = mk('U1', 30);
    const early = mk('U1', 2);
    mk('U2', 3);
    mk('U1', -1);
    expect(repo.listUpcoming({ ownerId: 'U1', from: now, limit: 10 }).map((i) => i.id)).toEqual([early, late]);
    expect(repo.listUpcoming({ ownerId: 'U1', from: now, until: h(24), limit: 10 }).map((i) => i.id)).toEqual([early]);
    expect(repo.countUpcoming({ from: now })).toBe(3);
  });

  it('lists finished interviews with open follow-up, most recent first', () => {
    const ended = repo.create('U1', logistics({ start: h(-3), durationMin: 60 }), now).id;
    const older = repo.create('U1', logistics({ start: h(-30), durationMin: 60 }), now).id;
    repo.create('U1', logistics({ start: h(-0.5), durationMin: 60 }), now); // still running
    const closed = repo.create('U1', logistics({ start: h(-5) }), now).id;
    db.prepare('INSERT INTO loop_closures VALUES (?, 1, 1, 1, 1, ?)').run(closed, now.getTime());
    expect(repo.listOpenFollowUp({ ownerId: 'U1', since: h(-14 * 24), now, limit: 10 }).map((i) => i.id)).toEqual([ended, older]);
    expect(repo.listOpenFollowUp({ ownerId: 'U1', since: h(-24), now, limit: 10 }).map((i) => i.id)).toEqual([ended]);
  });
});

describe('SqliteConsultantRepository', () => {
  it('caches a timezone with its fetch time, and "unknown" as such', () => {
    const c = new SqliteConsultantRepository(db);
    expect(c.get('U1')).toBeUndefined();
    c.saveTimezone('U1', 'Europe/Amsterdam', now);
    c.saveTimezone('U2', undefined, now);
    c.saveTimezone('U1', 'Asia/Tokyo', h(1));
    expect(c.get('U1')).toEqual({ tz: 'Asia/Tokyo', fetchedAt: h(1), failures: 0 });
    expect(c.get('U2')).toEqual({ tz: undefined, fetchedAt: now, failures: 0 });
  });

  it('owes a replan when the zone is first known or changes, and a lookup when a retry or the daily refresh is due', () => {
    const c = new SqliteConsultantRepository(db);
    repo.create('UNEW', logistics({ start: h(48) }), now);
    repo.create('UDAY', logistics({ start: h(48) }), now);
    repo.create('UPAST', logistics({ start: h(-48) }), now);
    // A failed lookup: provisional (never known), retried at the back-off instant.
    c.scheduleTimezoneRetry('UNEW', h(1), 1);
    expect(c.get('UNEW')).toEqual({ tz: undefined, fetchedAt: undefined, retryAt: h(1), failures: 1 });
    c.saveTimezone('UDAY', 'Europe/Amsterdam', now);
    c.saveTimezone('UPAST', 'Europe/Amsterdam', now);
    expect(c.timezoneLookupsDue(now, h(-24), 10)).toEqual([]);
    expect(c.timezoneLookupsDue(h(1), h(-23), 10)).toEqual(['UNEW']);
    // A day later: the refresh is due for consultants with an interview ahead, not the others.
    expect(c.timezoneLookupsDue(h(24), h(0), 10)).toEqual(['UNEW', 'UDAY']);

    expect(c.timezoneReplansOwed(10).sort()).toEqual(['UDAY', 'UPAST']);
    c.markTimezoneReplanned('UDAY');
    c.markTimezoneReplanned('UPAST');
    expect(c.saveTimezone('UNEW', 'America/New_York', h(1))).toBe(true);
    expect(c.get('UNEW')).toEqual({ tz: 'America/New_York', fetchedAt: h(1), failures: 0 });
    expect(c.saveTimezone('UDAY', 'Europe/Amsterdam', h(2))).toBe(false);
    expect(c.timezoneReplansOwed(10)).toEqual(['UNEW']);
    expect(c.saveTimezone('UDAY', 'Asia/Tokyo', h(3))).toBe(true);
    expect(c.timezoneReplansOwed(10)).toEqual(['UNEW', 'UDAY']);
  });
});

describe('SqliteTimelineRepository: claims that hold across processes (issue 16)', () => {
  const T0 = new Date('2026-12-01T08:00:00Z');
  function setup() {
    const path = join(mkdtempSync(join(tmpdir(), 'ip-claims-')), 'db.sqlite');
    const first = openDatabase(path);
    migrate(first);
    const interview = new SqliteInterviewRepository(first).create('U1', logistics(), T0);
    // Two connections to one file: what two processes have.
    const a = new SqliteTimelineRepository(first);
    const b = new SqliteTimelineRepository(openDatabase(path));
    a.replan(interview.id, interview.plan, [{ kind: 'candidate_checkin', dueAt: T0, state: 'pending' }], T0);
    const item = a.due(T0, 10)[0]!;
    return { a, b, item };
  }
  const wall = (ms: number) => new Date(Date.parse('2026-12-01T08:00:00Z') + ms);

  it('one process wins the claim of a pending reminder; the other gets false', () => {
    const { a, b, item } = setup();
    expect([a.markSending(item.id, 'D1', T0, wall(20_000)), b.markSending(item.id, 'D1', T0, wall(20_000))]).toEqual([true, false]);
  });

  it('a reminder being sent is not "stuck" for anyone until its lease lapses; then one process checks it', () => {
    const { a, b, item } = setup();
    a.markSending(item.id, 'D1', T0, wall(20_000));
    expect(b.stuckSending(wall(19_999))).toEqual([]);
    expect(b.stuckSending(wall(20_000)).map((i) => i.id)).toEqual([item.id]);
    expect([b.releaseForCheck(item.id, wall(20_000), wall(40_000)), a.releaseForCheck(item.id, wall(20_001), wall(40_001))]).toEqual([true, false]);
  });

  it('a send that got no answer can be checked by anyone at once (its lease is let go)', () => {
    const { a, b, item } = setup();
    a.markSending(item.id, 'D1', T0, wall(20_000));
    a.markInDoubt(item.id, 'timeout', new Date(T0.getTime() + 60_000), T0);
    expect(b.stuckSending(wall(1)).map((i) => i.id)).toEqual([item.id]);
  });

  it('an old plan’s "Verplaatst" rewrite is taken by one process; a failed one is free again; a done one never', () => {
    const { a, b, item } = setup();
    a.markSending(item.id, 'D1', T0, wall(20_000));
    a.markSent(item.id, 'D1', '1.1', T0);
    expect([a.claimRewrite(item.id, wall(0), wall(20_000)), b.claimRewrite(item.id, wall(1), wall(20_001))]).toEqual([true, false]);
    a.releaseRewrite(item.id);
    expect(b.claimRewrite(item.id, wall(2), wall(20_002))).toBe(true);
    b.markMovedRewritten(item.id, T0);
    expect(a.claimRewrite(item.id, wall(60_000), wall(80_000))).toBe(false);
  });

  it('a missed-reminders summary is claimed by one process; released, it can be taken again', () => {
    const { a, b, item } = setup();
    a.markSkipped(item.id, 'stale', T0);
    expect([a.claimSummary([item.id], T0), b.claimSummary([item.id], T0)]).toEqual([true, false]);
    a.releaseSummary([item.id], T0);
    expect(b.claimSummary([item.id], new Date(T0.getTime() + 1))).toBe(true);
  });
});
