import type { WebClient } from '@slack/web-api';
import type { Interview } from '../../domain/interview.js';
import type { InterviewRepository, RiskRepository } from '../../domain/repositories.js';
import type { TimelineRepository } from '../../domain/timelineItems.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { plainText } from '../blocks.js';
import { shareInterviewFile } from './files.js';
import type { OutboxService } from './outbox.js';
import type { SlackGateway } from './slackGateway.js';

/**
 * AVG/GDPR: erasure (on request or after RETENTION_DAYS) and the export for an access request.
 * Erasure happens in the database first (one transaction); the Slack messages that showed the data
 * are then rewritten to say it was removed, best effort.
 */
export class PrivacyService {
  constructor(
    private readonly client: WebClient,
    private readonly interviews: InterviewRepository,
    private readonly timeline: TimelineRepository,
    private readonly risks: RiskRepository,
    private readonly gateway: SlackGateway,
    private readonly timezoneOf: (userId: string) => Promise<string>,
    private readonly t: Translator,
    private readonly logger: Logger,
    private readonly outbox: OutboxService,
    private readonly clock: () => Date,
  ) {}

  /**
   * Erases in the database (one transaction), then writes one outbox row per message to rewrite and
   * per export file to delete: a failure is retried by the dispatcher until done. Delivered at once
   * when Slack allows; `/healthz` shows what is still owed.
   */
  async erase(interview: Interview, now: Date, opts: { deliverNow?: boolean } = {}): Promise<boolean> {
    if (!(await this.interviews.erase(interview.id, now))) return false;
    await this.timeline.cancelAll(interview.id, now);
    const erased = await this.interviews.get(interview.id);
    if (!erased) return true;
    const rows = await this.outbox.eraseMessages(erased, now);
    this.logger.info({ interviewId: erased.id, messages: rows }, 'personal data erased');
    // Retention erases many at once and leaves delivery to the tick's paced, budgeted outbox run.
    if (opts.deliverNow ?? true) await this.outbox.kick(this.clock);
    return true;
  }

  /**
   * Everything stored about the interview, as JSON, sent as a file to the requester's DM — for the
   * candidate's access request, so the interviewers' profiles (other people's personal data: name,
   * seniority, communication style, interests) stay out (AVG art. 15(4)). What the candidate's own
   * interview needs stays: how many interviewers, each one's role and say in the decision. The
   * document says what was left out and why.
   */
  async export(interview: Interview, userId: string, now: Date): Promise<void> {
    const document = {
      exported_at: now.toISOString(),
      left_out: this.t('export.leftOut'),
      interview: {
        ...interview,
        // The client's contact person is someone else's personal data too.
        logistics: { ...interview.logistics, clientContactName: undefined, clientContactPhone: undefined, clientContactEmail: undefined },
        stakeholders: interview.stakeholders.map((s) => ({ role: s.role ?? null, decisionPower: s.decisionPower })),
      },
      timeline: await this.timeline.forInterview(interview.id),
      risk_alerts: await this.risks.allFor(interview.id),
    };
    await shareInterviewFile(
      { client: this.client, gateway: this.gateway, outbox: this.outbox },
      {
        interviewId: interview.id,
        userId,
        purpose: `export:${interview.id}`,
        filename: `interview-${interview.id}.json`,
        title: `Interview #${interview.id}`,
        content: JSON.stringify(document, null, 2),
        comment: plainText(this.t, 'export.comment', { id: interview.id }),
      },
      now,
    );
    this.logger.info({ interviewId: interview.id, userId }, 'interview exported');
  }
}
