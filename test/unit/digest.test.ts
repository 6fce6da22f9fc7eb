import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Interview } from '../../src/domain/interview.js';
import type { DigestRepository, InterviewRepository } from '../../src/domain/repositories.js';
import type { StatsRow } from '../../src/domain/stats.js';
import { postWeeklyDigest, type DigestDeps } from '../../src/jobs/riskJobs.js';
import { createLogger } from '../../src/logger.js';
import { interview } from '../support/builders.js';

const RISK = 'C0RISK01';
/** Monday 30 Nov 2026 09:00 Amsterdam: digest time of ISO week 2026-W49. */
const MONDAY_0900 = new Date('2026-11-30T08:00:00Z');
const WEEK = '2026-W49';

const row = (id: number): StatsRow => ({
  interviewId: id,
  ownerId: 'UOWNER',
  start: new Date('2026-11-25T09:00:00Z'),
  durationMin: 60,
  prepOnTime: true,
  debriefAt: new Date('2026-11-25T11:00:00Z'),
});

/** postWeeklyDigest with in-memory ports: what it reads, posts, records and logs. */
function setup(week: { rows: StatsRow[]; openLoops: Interview[] }) {
  const reads = { statsRows: 0, openLoops: 0 };
  const interviews = {
    statsRows: async () => {
      reads.statsRows += 1;
      return week.rows;
    },
    listOpenFollowUp: async () => {
      reads.openLoops += 1;
      return week.openLoops;
    },
  } as unknown as InterviewRepository;
  const saved = new Map<string, { channel: string; ts: string | undefined; at: Date }>();
  const digests: DigestRepository = {
    posted: async (w) => saved.has(w),
    save: async (w, channel, ts, now) => {
      if (!saved.has(w)) saved.set(w, { channel, ts, at: now });
    },
  };
  // The outbox row the digest becomes (the outbox renders and posts it; see test/e2e/followup.test.ts).
  const posts: Array<{ week: string; channel: string; from: Date; to: Date }> = [];
  const weeks = new Set<string>();
  const enqueue = async (week: string, channel: string, from: Date, to: Date) => {
    if (weeks.has(week)) return false;
    weeks.add(week);
    posts.push({ week, channel, from, to });
    return true;
  };
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const deps: DigestDeps = {
    interviews,
    digests,
    enqueue,
    logger: createLogger('info', sink),
    channel: RISK,
    tz: 'Europe/Amsterdam',
  };
  return { deps, reads, saved, posts, logs };
}

describe('weekly digest', () => {
  it('stays quiet for a week without interviews and open loops, and records the week once', async () => {
    const s = setup({ rows: [], openLoops: [] });
    expect(await postWeeklyDigest(s.deps, MONDAY_0900)).toBe(false);
    expect(s.posts).toEqual([]);
    expect(s.saved.get(WEEK)).toEqual({ channel: RISK, ts: undefined, at: MONDAY_0900 });
    expect(s.logs.filter((l) => l.msg === 'weekly digest skipped: nothing to report')).toEqual([
      expect.objectContaining({ week: WEEK }),
    ]);
    // Later ticks of the same week do not look at the week again.
    for (const minutes of [1, 60, 24 * 60]) {
      expect(await postWeeklyDigest(s.deps, new Date(MONDAY_0900.getTime() + minutes * 60_000))).toBe(false);
    }
    expect(s.reads).toEqual({ statsRows: 1, openLoops: 1 });
    expect(s.posts).toEqual([]);
    expect(s.logs.filter((l) => l.msg === 'weekly digest skipped: nothing to report')).toHaveLength(1);
  });

  it.each<[string, { rows: StatsRow[]; openLoops: Interview[] }]>([
    ['interviews, no open loops', { rows: [row(1), row(2)], openLoops: [] }],
    ['no interviews, an open loop', { rows: [], openLoops: [interview({ id: 3 })] }],
    ['interviews and an open loop', { rows: [row(1)], openLoops: [interview({ id: 3 })] }],
  ])('queues the digest when there is something to report: %s', async (_name, week) => {
    const s = setup(week);
    expect(await postWeeklyDigest(s.deps, MONDAY_0900)).toBe(true);
    // One row for the week, covering the 7 days before Monday 09:00; the week recorded as handled.
    expect(s.posts).toEqual([{ week: WEEK, channel: RISK, from: new Date(MONDAY_0900.getTime() - 7 * 24 * 3_600_000), to: MONDAY_0900 }]);
    expect(s.saved.get(WEEK)).toEqual({ channel: RISK, ts: undefined, at: MONDAY_0900 });
    expect(s.logs.some((l) => l.msg === 'weekly digest skipped: nothing to report')).toBe(false);
    expect(await postWeeklyDigest(s.deps, new Date(MONDAY_0900.getTime() + 60_000))).toBe(false);
    expect(s.posts).toHaveLength(1);
  });

  it('does nothing before Monday 09:00 local, not even record the week', async () => {
    const s = setup({ rows: [], openLoops: [] });
    expect(await postWeeklyDigest(s.deps, new Date(MONDAY_0900.getTime() - 60_000))).toBe(false);
    expect(s.saved.size).toBe(0);
    expect(s.reads).toEqual({ statsRows: 0, openLoops: 0 });
  });
});
