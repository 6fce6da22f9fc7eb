import type { WebClient } from '@slack/web-api';
import type { Interview } from '../../domain/interview.js';
import type { InterviewRepository } from '../../domain/repositories.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { classifySlackError } from '../slackErrors.js';
import { buildInterviewCard } from '../views/interviewCard.js';
import type { TimezoneResolver } from './timezones.js';

/**
 * Keeps the one interview card per interview current: posts it the first time, updates it after.
 * If the old card is gone (deleted by the user), a new one is posted and remembered.
 */
export class CardPublisher {
  constructor(
    private readonly client: WebClient,
    private readonly interviews: InterviewRepository,
    private readonly timezones: TimezoneResolver,
    private readonly t: Translator,
    private readonly logger: Logger,
  ) {}

  async publish(interview: Interview, now: Date): Promise<void> {
    const tz = await this.timezones.resolve(interview.ownerId, now);
    const card = buildInterviewCard(interview, tz, this.t);
    if (interview.card) {
      try {
        await this.client.chat.update({ channel: interview.card.channel, ts: interview.card.ts, ...card });
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.code !== 'message_not_found' && failure.code !== 'cant_update_message') throw error;
        this.logger.info({ interviewId: interview.id, slackError: failure.code }, 'card gone; posting a new one');
      }
    }
    // Posting to the user id delivers into the app's DM with that user and returns the DM channel.
    const res = await this.client.chat.postMessage({ channel: interview.ownerId, ...card });
    if (res.channel && res.ts) this.interviews.setCard(interview.id, { channel: res.channel, ts: res.ts });
  }
}
