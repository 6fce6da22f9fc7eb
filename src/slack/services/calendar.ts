import type { WebClient } from '@slack/web-api';
import type { Interview } from '../../domain/interview.js';
import type { OutboxRepository } from '../../domain/outbox.js';
import type { Logger } from '../../logger.js';
import { plainText } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { classifySlackError } from '../slackErrors.js';
import { buildCalendarFile } from '../views/calendar.js';
import { shareInterviewFile } from './files.js';
import type { OutboxService } from './outbox.js';
import type { SlackGateway } from './slackGateway.js';

const PURPOSE = (interviewId: number, plan: number) => `ics:${interviewId}:${plan}`;
const PURPOSE_PATTERN = /^ics:(\d+):(\d+):/;

/**
 * "In agenda": the interview as an .ics file in the consultant's DM. The file names the candidate,
 * so it is recorded like an export (an erasure deletes it). After a reschedule everyone who took the
 * file gets the updated one (same UID, higher SEQUENCE: their calendar moves the event).
 */
export class CalendarService {
  constructor(
    private readonly client: WebClient,
    private readonly gateway: SlackGateway,
    private readonly outboxRows: OutboxRepository,
    private readonly outbox: OutboxService,
    private readonly t: Translator,
    private readonly logger: Logger,
  ) {}

  async send(interview: Interview, userId: string, now: Date, updated = false): Promise<void> {
    await shareInterviewFile(
      { client: this.client, gateway: this.gateway, outbox: this.outbox },
      {
        interviewId: interview.id,
        userId,
        purpose: PURPOSE(interview.id, interview.plan),
        filename: `interview-${interview.id}.ics`,
        title: this.t('calendar.title', { candidate: interview.logistics.candidateName, client: interview.logistics.clientCompany }),
        content: buildCalendarFile(interview, this.t, now),
        comment: plainText(this.t, updated ? 'calendar.updated' : 'calendar.comment', { id: interview.id }),
      },
      now,
    );
    this.logger.info({ interviewId: interview.id, plan: interview.plan, updated }, 'calendar file sent');
  }

  /** After a reschedule: an updated file for each consultant who took one for an earlier date. */
  async resendIfTaken(interview: Interview, now: Date): Promise<void> {
    const takers = new Set<string>();
    let current = false;
    for (const row of await this.outboxRows.forInterview(interview.id)) {
      const match = PURPOSE_PATTERN.exec(row.purpose);
      if (!match || !row.recipient) continue;
      if (Number(match[2]) === interview.plan) current = true;
      else takers.add(row.recipient);
    }
    if (current || interview.erased || interview.status !== 'scheduled') return;
    for (const userId of takers) {
      try {
        await this.send(interview, userId, now, true);
      } catch (error) {
        this.logger.warn({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'could not send the updated calendar file');
      }
    }
  }
}
