import type { WebClient } from '@slack/web-api';
import type { Interview } from '../../domain/interview.js';
import type { InterviewRepository, RiskRepository } from '../../domain/repositories.js';
import type { TimelineRepository } from '../../domain/timelineRepository.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { plainText } from '../blocks.js';
import { classifySlackError } from '../slackErrors.js';
import { buildInterviewCard } from '../views/interviewCard.js';
import { buildReminder } from '../views/reminders.js';
import { buildRiskAlert } from '../views/riskAlert.js';
import type { ReminderGateway } from './reminderGateway.js';

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
    private readonly gateway: ReminderGateway,
    private readonly timezoneOf: (userId: string) => string,
    private readonly t: Translator,
    private readonly logger: Logger,
  ) {}

  async erase(interview: Interview, now: Date): Promise<boolean> {
    if (!this.interviews.erase(interview.id, now)) return false;
    this.timeline.cancelAll(interview.id, now);
    const erased = this.interviews.get(interview.id);
    if (!erased) return true;
    const tz = this.timezoneOf(erased.ownerId);
    const updates: Array<{ channel?: string; ts?: string; message: { text: string; blocks: unknown[]; metadata?: unknown } }> = [];
    if (erased.card) updates.push({ ...erased.card, message: buildInterviewCard(erased, tz, this.t) });
    for (const item of this.timeline.forInterview(erased.id)) {
      if (item.ts && item.channel && item.channel !== 'risk-alert') {
        updates.push({ channel: item.channel, ts: item.ts, message: buildReminder({ item, interview: erased, tz, t: this.t, now }) });
      }
    }
    for (const alert of this.risks.allFor(erased.id)) {
      if (alert.channel && alert.ts) updates.push({ channel: alert.channel, ts: alert.ts, message: buildRiskAlert(alert, erased, tz, this.t) });
    }
    let failed = 0;
    for (const u of updates) {
      try {
        await this.client.chat.update({ channel: u.channel as string, ts: u.ts as string, ...(u.message as { text: string }) });
      } catch (error) {
        failed += 1;
        this.logger.warn({ interviewId: erased.id, slackError: classifySlackError(error).code }, 'could not rewrite a message after erasure');
      }
    }
    this.logger.info({ interviewId: erased.id, messages: updates.length, failed }, 'personal data erased');
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
        stakeholders: interview.stakeholders.map((s) => ({ role: s.role ?? null, decisionPower: s.decisionPower })),
      },
      timeline: this.timeline.forInterview(interview.id),
      risk_alerts: this.risks.allFor(interview.id),
    };
    const channel = await this.gateway.dmChannel(userId);
    await this.client.filesUploadV2({
      channel_id: channel,
      filename: `interview-${interview.id}.json`,
      title: `Interview #${interview.id}`,
      content: JSON.stringify(document, null, 2),
      initial_comment: plainText(this.t, 'export.comment', { id: interview.id }),
    });
    this.logger.info({ interviewId: interview.id, userId }, 'interview exported');
  }
}
