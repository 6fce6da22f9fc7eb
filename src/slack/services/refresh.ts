import type { InterviewRepository } from '../../domain/repositories.js';
import type { Logger } from '../../logger.js';
import { classifySlackError } from '../slackErrors.js';
import type { CardPublisher } from './cards.js';
import type { HomePublisher } from './home.js';

/**
 * After any change to an interview, from anywhere: the card is updated in place and the owner's
 * App Home re-published. Failures are logged, never shown: the data is already saved.
 */
export class SurfaceRefresher {
  constructor(
    private readonly interviews: InterviewRepository,
    private readonly cards: CardPublisher,
    private readonly home: HomePublisher,
    private readonly logger: Logger,
  ) {}

  async refresh(interviewId: number, now: Date): Promise<void> {
    const interview = this.interviews.get(interviewId);
    if (!interview) return;
    const results = await Promise.allSettled([this.cards.publish(interview, now), this.home.publish(interview.ownerId, now)]);
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        this.logger.error(
          { interviewId, surface: i === 0 ? 'card' : 'home', slackError: classifySlackError(r.reason).code },
          'could not refresh a surface',
        );
      }
    }
  }
}
