import type { InterviewRepository } from '../../domain/repositories.js';
import type { TimelineRepository } from '../../domain/timelineItems.js';
import { LISTS_MISSING_ITEMS } from '../views/reminders.js';
import type { OutboxService } from './outbox.js';
import type { Logger } from '../../logger.js';
import { classifySlackError } from '../slackErrors.js';
import type { CardPublisher } from './cards.js';
import type { HomePublisher } from './home.js';
import type { RiskAlertService } from './riskAlerts.js';

/**
 * After any change to an interview, from anywhere: the card is updated in place, the owner's
 * App Home re-published, the messages that list what is missing rendered again, and the interview's
 * risk alerts brought up to date. Failures are logged, never shown: the data is already saved.
 */
export class SurfaceRefresher {
  constructor(
    private readonly interviews: InterviewRepository,
    private readonly cards: CardPublisher,
    private readonly home: HomePublisher,
    private readonly riskAlerts: RiskAlertService,
    private readonly timeline: TimelineRepository,
    private readonly outbox: OutboxService,
    private readonly logger: Logger,
  ) {}

  async refresh(interviewId: number, now: Date): Promise<void> {
    const interview = await this.interviews.get(interviewId);
    if (!interview) return;
    this.home.publishSoon(interview.ownerId);
    for (const item of await this.timeline.forInterview(interview.id)) {
      if (item.plan === interview.plan && item.ts && LISTS_MISSING_ITEMS.has(item.kind)) await this.outbox.reminderUpdate(item, interview, now);
    }
    if (interview.coaching && interview.coaching.coachingNeed !== 'minimal') await this.outbox.adviceUpdate(interview, now);
    const surfaces = ['card', 'risk'] as const;
    const results = await Promise.allSettled([
      this.cards.publish(interview, now),
      // Alerts whose cause was just taken care of say so; new ones (from this change) go out now.
      this.riskAlerts.resolveIfDone(interview, now).then(() => this.riskAlerts.deliverPending(now, 20)),
    ]);
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        this.logger.error(
          { interviewId, surface: surfaces[i], slackError: classifySlackError(r.reason).code },
          'could not refresh a surface',
        );
      }
    }
  }
}
