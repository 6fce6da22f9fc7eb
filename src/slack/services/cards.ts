import type { Interview } from '../../domain/interview.js';
import type { OutboxService } from './outbox.js';

/**
 * Keeps the one interview card per interview current, through the outbox: the first post is one row
 * per interview (a double click or two listeners at once still give one card), every later change
 * re-arms one update row rendered from the record when it is delivered (retried on failure). If the
 * card was deleted in Slack, a new one is posted once and remembered.
 */
export class CardPublisher {
  constructor(
    private readonly outbox: OutboxService,
    private readonly now: () => Date,
  ) {}

  async publish(interview: Interview, now: Date): Promise<void> {
    if (interview.card) await this.outbox.cardUpdate(interview, now);
    else await this.outbox.card(interview, now);
    await this.outbox.kick(this.now);
  }
}
