import type { Atomically, ConsultantRepository } from '../domain/repositories.js';
import type { Logger } from '../logger.js';
import type { TimelineService } from '../slack/services/timeline.js';
import { TIMEZONE_REFRESH_AFTER_MS, type TimezoneResolver } from '../slack/services/timezones.js';

export interface TimezoneRefreshDeps {
  consultants: ConsultantRepository;
  timezones: TimezoneResolver;
  timelineService: TimelineService;
  /** One consultant's replan and the clearing of its debt run as one unit (see `replanOwedZone`). */
  atomically: Atomically;
  logger: Logger;
}

export interface TimezoneRefreshOptions {
  /** users.info calls per tick at most (Tier 4: plenty of room; the rest waits for the next tick). */
  lookups?: number;
  /** Checked between lookups: the tick's time budget. */
  shouldStop?: () => boolean;
}

export interface TimezoneRefreshReport {
  lookedUp: number;
  replanned: number;
}

const DEFAULT_LOOKUPS = 20;
const REPLANS_PER_TICK = 200;

/**
 * Timezones that heal (issue 13): each tick, ask users.info for the consultants whose zone is due —
 * a failed lookup's retry once its back-off has passed, and the daily refresh of every consultant
 * with an interview ahead — then replan the upcoming plans of everyone whose zone turned out new
 * (here, from a card or Home lookup, or a user_change event whose listener did not finish).
 * State lives in the consultants table, so a restart picks up where this left off.
 */
export async function refreshTimezones(deps: TimezoneRefreshDeps, now: Date, opts: TimezoneRefreshOptions = {}): Promise<TimezoneRefreshReport> {
  const report: TimezoneRefreshReport = { lookedUp: 0, replanned: 0 };
  const staleBefore = new Date(now.getTime() - TIMEZONE_REFRESH_AFTER_MS);
  for (const userId of await deps.consultants.timezoneLookupsDue(now, staleBefore, opts.lookups ?? DEFAULT_LOOKUPS)) {
    if (opts.shouldStop?.()) break;
    // Failures are recorded (with their back-off) by the resolver; the plans keep their zone meanwhile.
    await deps.timezones.refresh(userId, now);
    report.lookedUp += 1;
  }
  for (const userId of await deps.consultants.timezoneReplansOwed(REPLANS_PER_TICK)) {
    report.replanned += await replanOwedZone(deps, userId, now);
  }
  if (report.lookedUp > 0 || report.replanned > 0) deps.logger.info({ ...report }, 'timezone refresh');
  return report;
}

/**
 * Replans one consultant's upcoming interviews in their current zone and clears the debt. One
 * unit of work (`atomically`, which a zone save also takes): nothing can change the zone in
 * between, and a crash before the clear only repeats a replan that then changes nothing.
 */
export async function replanOwedZone(deps: Omit<TimezoneRefreshDeps, 'logger'>, userId: string, now: Date): Promise<number> {
  return deps.atomically(async () => {
    const replanned = await deps.timelineService.replanInZone(userId, await deps.timezones.cached(userId), now);
    await deps.consultants.markTimezoneReplanned(userId);
    return replanned;
  });
}
