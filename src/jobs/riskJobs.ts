import { localParts, zonedTimeToInstant } from '../domain/localTime.js';
import type { DigestRepository, InterviewRepository } from '../domain/repositories.js';
import { contextRiskFactors } from '../domain/risk.js';
import { CONTEXT_CHECK_BEFORE_START_MIN } from '../domain/rules.js';
import { computeStats } from '../domain/stats.js';
import type { Logger } from '../logger.js';
import type { RiskAlertService } from '../slack/services/riskAlerts.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * SPEC context risks, checked once per interview from T − 24h on (or at once for an interview
 * planned later than that): high urgency with competition, budget not approved, no decision maker.
 */
export async function checkContextRisks(
  deps: { interviews: InterviewRepository; risks: RiskAlertService },
  now: Date,
  /** The tick's budget: interviews not checked yet are checked by the next tick. */
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let raised = 0;
  for (const interview of await deps.interviews.dueContextChecks(now, new Date(now.getTime() + CONTEXT_CHECK_BEFORE_START_MIN * 60_000), 500)) {
    if (shouldStop()) break;
    const factors = contextRiskFactors(interview);
    if (factors.length > 0 && (await deps.risks.record(interview, 'context_risk', factors.join(','), now))) raised += 1;
    await deps.interviews.markContextChecked(interview.id, now);
  }
  return raised;
}

/** Monday 09:00 in `tz` of the ISO week that contains `now`, and that week's key ("2026-W49"). */
export function digestMoment(now: Date, tz: string): { at: Date; week: string } {
  const { year, month, day, isoDay } = localParts(now, tz);
  const monday = new Date(Date.UTC(year, month - 1, day - (isoDay - 1)));
  const at = zonedTimeToInstant(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 9, 0, tz);
  return { at, week: isoWeek(monday) };
}

/** ISO 8601 week key of a calendar date given as a UTC midnight ("2026-W49"). */
function isoWeek(date: Date): string {
  const d = new Date(date);
  // The Thursday of this week decides the year; week 1 holds the year's first Thursday.
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - yearStart.getTime()) / 86_400_000 - 3 + ((yearStart.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export interface DigestDeps {
  interviews: InterviewRepository;
  digests: DigestRepository;
  /** Writes the digest's outbox row (unique per week); the outbox renders and posts it. */
  enqueue: (week: string, channel: string, from: Date, to: Date, now: Date) => Promise<boolean>;
  logger: Logger;
  channel: string | undefined;
  tz: string;
}

/**
 * The weekly digest in the risk channel on Monday 09:00 local: last week's team figures and the
 * loops still open. Business time comes from `now` and the database (handled once per ISO week),
 * never from a cron expression. A week without interviews and without open loops has nothing to
 * report: nothing is posted. Otherwise the digest becomes an outbox row first — recorded before it
 * exists, so a crash can neither lose it nor post it twice. Returns whether a digest was queued.
 */
export async function postWeeklyDigest(deps: DigestDeps, now: Date): Promise<boolean> {
  if (!deps.channel) return false;
  const { at, week } = digestMoment(now, deps.tz);
  if (now.getTime() < at.getTime() || (await deps.digests.posted(week))) return false;
  const from = new Date(at.getTime() - 7 * DAY);
  const stats = computeStats(await deps.interviews.statsRows({ from, to: at }));
  const openLoops = await deps.interviews.listOpenFollowUp({ since: new Date(now.getTime() - 30 * DAY), now, limit: 200 });
  if (stats.interviews === 0 && openLoops.length === 0) {
    await deps.digests.save(week, deps.channel, undefined, now);
    deps.logger.info({ week }, 'weekly digest skipped: nothing to report');
    return false;
  }
  // Row first, then the week: a crash in between queues the same (unique) row again, never two.
  await deps.enqueue(week, deps.channel, from, at, now);
  await deps.digests.save(week, deps.channel, undefined, now);
  deps.logger.info({ week, interviews: stats.interviews, openLoops: openLoops.length }, 'weekly digest queued');
  return true;
}
