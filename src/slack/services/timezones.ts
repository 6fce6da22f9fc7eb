import type { WebClient } from '@slack/web-api';
import type { ConsultantRepository } from '../../domain/repositories.js';
import type { Logger } from '../../logger.js';
import { classifySlackError } from '../slackErrors.js';

const REFRESH_AFTER_MS = 24 * 3_600_000;

/**
 * The consultant's timezone, from users.info, cached in the database and refreshed daily.
 * When Slack cannot tell (error, no tz), the last known zone or DEFAULT_TIMEZONE is used.
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
  cached(userId: string): string {
    return this.consultants.get(userId)?.tz ?? this.defaultTz;
  }

  async resolve(userId: string, now: Date): Promise<string> {
    const known = this.consultants.get(userId);
    if (known?.fetchedAt && now.getTime() - known.fetchedAt.getTime() < REFRESH_AFTER_MS) {
      return known.tz ?? this.defaultTz;
    }
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const lookup = this.fetch(userId, now, known?.tz).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, lookup);
    return lookup;
  }

  private async fetch(userId: string, now: Date, knownTz: string | undefined): Promise<string> {
    try {
      const res = await this.client.users.info({ user: userId });
      const tz = typeof res.user?.tz === 'string' && isZone(res.user.tz) ? res.user.tz : undefined;
      this.consultants.saveTimezone(userId, tz, now);
      return tz ?? this.defaultTz;
    } catch (error) {
      const failure = classifySlackError(error);
      this.logger.warn({ userId, slackError: failure.code }, 'users.info failed; using cached timezone');
      // A permanent answer (user_not_found, missing_scope) will not change soon: remember it for a day.
      if (!failure.retryable) this.consultants.saveTimezone(userId, knownTz, now);
      return knownTz ?? this.defaultTz;
    }
  }
}

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
