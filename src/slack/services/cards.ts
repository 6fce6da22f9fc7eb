import type { WebClient } from '@slack/web-api';
import type { Interview } from '../../domain/interview.js';
import type { InterviewRepository } from '../../domain/repositories.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { classifySlackError } from '../slackErrors.js';
import { buildInterviewCard } from '../views/interviewCard.js';
import type { OutboxService } from './outbox.js';
import type { TimezoneResolver } from './timezones.js';

/**
 * Keeps the one interview card per interview current. The first post goes through the outbox (one
 * row per interview, so a double click or two listeners at once still give one card); updates are
 * made in place. If the card was deleted in Slack, a new one is posted once and remembered.
 */
export class CardPublisher {
  constructor(
    private readonly client: WebClient,
    private readonly interviews: InterviewRepository,
    private readonly timezones: TimezoneResolver,
    private readonly t: Translator,
    private readonly logger: Logger,
    private readonly outbox: OutboxService,
    private readonly now: () => Date,
  ) {}

  async publish(interview: Interview, now: Date): Promise<void> {
    if (!interview.card) {
      this.outbox.card(interview, now);
      await this.outbox.kick(this.now);
      return;
    }
    const tz = await this.timezones.resolve(interview.ownerId, now);
    const card = buildInterviewCard(interview, tz, this.t);
    try {
      await this.client.chat.update({ channel: interview.card.channel, ts: interview.card.ts, ...card });
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.code !== 'message_not_found' && failure.code !== 'cant_update_message') throw error;
      this.logger.info({ interviewId: interview.id, slackError: failure.code }, 'card gone; posting a new one');
      this.outbox.cardAgain(interview, interview.card.ts, now);
      await this.outbox.kick(this.now);
    }
  }
}
