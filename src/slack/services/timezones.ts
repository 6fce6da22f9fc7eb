import type { WebClient } from '@slack/web-api';
import type { ConsultantRepository } from '../../domain/repositories.js';
import type { Logger } from '../../logger.js';
import { classifySlackError } from '../slackErrors.js';

const MINUTE = 60_000;
/** How long a zone from Slack is trusted before users.info is asked again. */
export const TIMEZONE_REFRESH_AFTER_MS = 24 * 60 * MINUTE;
const RETRY_FIRST_MS = MINUTE;
const RETRY_MAX_MS = 60 * MINUTE;

/**
 * When to ask users.info again after `failures` failed lookups in a row: 1, 2, 4 … minutes, at most
 * an hour, and never sooner than Slack asked (429 Retry-After).
 */
export function timezoneRetryDelayMs(failures: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}

/**
 * The consultant's timezone, from users.info (or a user_change event), cached in the database and
 * refreshed daily. When Slack cannot tell (error, no tz), the last known zone or DEFAULT_TIMEZONE is
 * used; a failure that may pass is retried with back-off (the timezone job), and a zone that turns
 * out new marks the consultant's upcoming plans to be replanned (ConsultantRepository.saveTimezone).
 */
export class TimezoneResolver {
  /** Concurrent lookups for one user (card and Home refresh together) share one users.info call. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly client: WebClient,
    private readonly consultants: ConsultantRepository,
    private readonly defaultTz: string,
    private readonly logger: Logger,
  ) {}

  /** The cached zone without a Slack call: for the ack path and for batch work. */
  async cached(userId: string): Promise<string> {
    return (await this.consultants.get(userId))?.tz ?? this.defaultTz;
  }

  /** The zone, asking Slack when the cached one is older than a day (and no failure is backing off). */
  async resolve(userId: string, now: Date): Promise<string> {
    const known = await this.consultants.get(userId);
    if (known?.fetchedAt && now.getTime() - known.fetchedAt.getTime() < TIMEZONE_REFRESH_AFTER_MS) {
      return known.tz ?? this.defaultTz;
    }
    // Slack failed a moment ago: the timezone job retries with back-off; no call on every click.
    if (known?.retryAt && known.retryAt.getTime() > now.getTime()) return known.tz ?? this.defaultTz;
    return this.lookup(userId, now);
  }

  /** Asks users.info now, whatever the cache says (the timezone job decided it is due). */
  refresh(userId: string, now: Date): Promise<string> {
    return this.lookup(userId, now);
  }

  /**
   * A zone Slack pushed (the user_change event). Returns whether it is new for this user, i.e. their
   * upcoming plans are owed a replan; an invalid zone is ignored.
   */
  async learn(userId: string, tz: string, now: Date): Promise<boolean> {
    if (!isZone(tz)) return false;
    return await this.consultants.saveTimezone(userId, tz, now);
  }

  private lookup(userId: string, now: Date): Promise<string> {
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const lookup = this.fetch(userId, now).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, lookup);
    return lookup;
  }

  private async fetch(userId: string, now: Date): Promise<string> {
    try {
      const res = await this.client.users.info({ user: userId });
      const tz = typeof res.user?.tz === 'string' && isZone(res.user.tz) ? res.user.tz : undefined;
      await this.consultants.saveTimezone(userId, tz, now);
      return tz ?? this.defaultTz;
    } catch (error) {
      const failure = classifySlackError(error);
      const known = await this.consultants.get(userId);
      this.logger.warn({ userId, slackError: failure.code }, 'users.info failed; using cached timezone');
      if (failure.retryable) {
        // Asked again by the timezone job, with back-off; plans stay as they are until then.
        const failures = (known?.failures ?? 0) + 1;
        await this.consultants.scheduleTimezoneRetry(userId, new Date(now.getTime() + timezoneRetryDelayMs(failures, failure.retryAfterSeconds)), failures);
      } else {
        // A permanent answer (user_not_found, missing_scope) will not change soon: remember it for a day.
        await this.consultants.saveTimezone(userId, known?.tz, now);
      }
      return known?.tz ?? this.defaultTz;
    }
  }
}

export function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
