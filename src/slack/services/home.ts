import type { WebClient } from '@slack/web-api';
import type { InterviewRepository } from '../../domain/repositories.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { buildHome, HOME_DAYS, HOME_FOLLOW_UP_ROWS, HOME_MAX_UPCOMING } from '../views/home.js';
import type { TimezoneResolver } from './timezones.js';

const DAY = 24 * 3_600_000;

/** Publishes a consultant's App Home from current data. */
export class HomePublisher {
  constructor(
    private readonly client: WebClient,
    private readonly interviews: InterviewRepository,
    private readonly timezones: TimezoneResolver,
    private readonly t: Translator,
    private readonly logger: Logger,
  ) {}

  async publish(userId: string, now: Date): Promise<void> {
    const tz = await this.timezones.resolve(userId, now);
    const window = { ownerId: userId, from: now, until: new Date(now.getTime() + HOME_DAYS * DAY) };
    const upcoming = this.interviews.listUpcoming({ ...window, limit: HOME_MAX_UPCOMING });
    const upcomingTotal =
      upcoming.length < HOME_MAX_UPCOMING ? upcoming.length : this.interviews.countUpcoming(window);
    const followUp = this.interviews.listOpenFollowUp({
      ownerId: userId,
      since: new Date(now.getTime() - HOME_DAYS * DAY),
      now,
      limit: HOME_FOLLOW_UP_ROWS,
    });
    const view = buildHome({ upcoming, upcomingTotal, followUp }, tz, this.t);
    await this.client.views.publish({ user_id: userId, view });
    this.logger.debug({ userId, upcoming: upcoming.length, followUp: followUp.length }, 'home published');
  }
}
