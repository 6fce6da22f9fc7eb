import { localDay } from '../../domain/localTime.js';
import { TODAY_MAX } from '../views/today.js';
import type { WebClient } from '@slack/web-api';
import type { InterviewRepository, RiskRepository } from '../../domain/repositories.js';
import { loadTeam } from './team.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { buildHome, HOME_DAYS, HOME_FOLLOW_UP_ROWS, HOME_MAX_UPCOMING } from '../views/home.js';
import type { TimezoneResolver } from './timezones.js';
import { classifySlackError } from '../slackErrors.js';

const DAY = 24 * 3_600_000;

/** How long changes to one consultant's interviews are gathered into one Home publish. */
export const HOME_DEBOUNCE_MS = 1500;
/**
 * Changes re-publish the Home only for someone who opened it recently: everyone else gets a fresh
 * one the next time they open the tab (app_home_opened), which saves a rebuild per save.
 */
export const HOME_ACTIVE_MS = 15 * 60_000;

/** Publishes a consultant's App Home from current data. */
export class HomePublisher {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly openedAt = new Map<string, number>();

  constructor(
    private readonly client: WebClient,
    private readonly interviews: InterviewRepository,
    private readonly timezones: TimezoneResolver,
    private readonly t: Translator,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly debounceMs = HOME_DEBOUNCE_MS,
    /** Team leads and admins see "Team vandaag" first. */
    private readonly team?: { risks: RiskRepository; leads: ReadonlySet<string> },
  ) {}

  /**
   * After a change: publish soon, once. A consultant saving three forms in a row (or a burst of
   * work) costs one Home rebuild, not three, and never delays the acknowledgement of a request.
   */
  publishSoon(userId: string): void {
    if (this.pending.has(userId)) return;
    const opened = this.openedAt.get(userId);
    if (opened === undefined || this.now().getTime() - opened > HOME_ACTIVE_MS) return;
    const timer = setTimeout(() => {
      this.pending.delete(userId);
      this.publish(userId, this.now()).catch((error: unknown) => {
        this.logger.warn({ userId, slackError: classifySlackError(error).code }, 'could not publish App Home');
      });
    }, this.debounceMs);
    timer.unref();
    this.pending.set(userId, timer);
  }

  /** Shutdown: pending publishes are dropped (the Home is rebuilt whenever it is opened). */
  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** The consultant opened the Home tab: publish now, and keep it current while they use it. */
  async opened(userId: string, now: Date): Promise<void> {
    this.openedAt.set(userId, now.getTime());
    if (this.openedAt.size > 10_000) this.openedAt.delete(this.openedAt.keys().next().value as string);
    await this.publish(userId, now);
  }

  async publish(userId: string, now: Date): Promise<void> {
    const tz = await this.timezones.resolve(userId, now);
    const window = { ownerId: userId, from: now, until: new Date(now.getTime() + HOME_DAYS * DAY) };
    const upcoming = await this.interviews.listUpcoming({ ...window, limit: HOME_MAX_UPCOMING });
    const upcomingTotal =
      upcoming.length < HOME_MAX_UPCOMING ? upcoming.length : await this.interviews.countUpcoming(window);
    const followUp = await this.interviews.listOpenFollowUp({
      ownerId: userId,
      since: new Date(now.getTime() - HOME_DAYS * DAY),
      now,
      limit: HOME_FOLLOW_UP_ROWS,
    });
    const today = await this.interviews.listUpcoming({ ownerId: userId, ...localDay(now, tz), limit: TODAY_MAX });
    const team = this.team?.leads.has(userId) ? await loadTeam({ interviews: this.interviews, risks: this.team.risks }, tz, now) : undefined;
    const view = buildHome({ team, today: { interviews: today, now }, upcoming, upcomingTotal, followUp }, tz, this.t);
    await this.client.views.publish({ user_id: userId, view });
    this.logger.debug({ userId, upcoming: upcoming.length, followUp: followUp.length }, 'home published');
  }
}
