import type { WebClient } from '@slack/web-api';
import type { Interview } from '../../domain/interview.js';
import type { InterviewRepository, RiskAlert, RiskReason, RiskRepository } from '../../domain/repositories.js';
import { isRiskResolved } from '../../domain/risk.js';
import { riskOccurrence } from '../../domain/rules.js';
import { retryDelayMs } from '../../domain/timeline.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { METADATA_EVENT } from '../ids.js';
import { classifySlackError } from '../slackErrors.js';
import { buildRiskAlert, SLA_HOURS } from '../views/riskAlert.js';
import type { SlackGateway } from './slackGateway.js';

/** Slack answers that mean "the bot cannot post in that channel yet": keep the alert, try later. */
const CHANNEL_NOT_READY = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** A consultant hears that the risk channel is unusable at most once a day. */
const WARN_AGAIN_AFTER_MS = 24 * 3_600_000;


/** How long one attempt may hold an alert before another caller may try it (longer than any Slack call). */
const SEND_LEASE_MS = 2 * 60_000;

export interface DeliveryReport {
  posted: number;
  retried: number;
  failed: number;
}

/**
 * Risk moments (SPEC "Risk moments"): recorded once per (interview, reason), posted to
 * RISK_ALERT_CHANNEL (or the consultant's DM without one), claimed with `Opgepakt`, and marked
 * resolved when the cause is taken care of. An alert is never dropped because the channel is not
 * ready: it stays pending and is retried.
 */
export class RiskAlertService {
  constructor(
    private readonly client: WebClient,
    private readonly risks: RiskRepository,
    private readonly interviews: InterviewRepository,
    private readonly gateway: SlackGateway,
    private readonly timezoneOf: (userId: string) => Promise<string>,
    private readonly t: Translator,
    private readonly logger: Logger,
    private readonly channel: string | undefined,
    /** The team channel's timezone (DEFAULT_TIMEZONE): alerts show times in it. */
    private readonly channelTz: string,
    /** After an alert's message changed (claimed, resolved): its other copies are brought up to date. */
    private readonly onRedraw: (alert: RiskAlert, now: Date) => Promise<void> = async () => {},
    /**
     * The lease of a delivery attempt is about real elapsed time between two callers, not about
     * business time (a listener may hold an older `now` than the tick), so it reads the wall clock.
     */
    private readonly wallClock: () => number = Date.now,
  ) {}

  /**
   * Records the moment (once per interview, reason and occurrence — the plan, the change, or once:
   * rules.ts RISK_OCCURRENCE); delivery happens on the next attempt. Pass the interview as it is
   * after the change that raised it.
   */
  async record(interview: Interview, reason: RiskReason, detail: string | undefined, now: Date): Promise<RiskAlert | undefined> {
    const alert = await this.risks.record(interview.id, reason, riskOccurrence(reason, interview), detail, now);
    if (alert) this.logger.info({ interviewId: interview.id, reason, alertId: alert.id }, 'risk moment recorded');
    return alert;
  }

  /** Records and tries to post at once (from a listener); the scheduler retries what fails. */
  async raise(interview: Interview, reason: RiskReason, detail: string | undefined, now: Date): Promise<void> {
    const alert = await this.record(interview, reason, detail, now);
    if (alert) await this.deliver(alert, now);
  }

  /** Posts what is pending; stops taking alerts when `shouldStop` says so (the tick's budget): the rest stays pending. */
  async deliverPending(now: Date, limit = 200, shouldStop: () => boolean = () => false): Promise<DeliveryReport> {
    const report: DeliveryReport = { posted: 0, retried: 0, failed: 0 };
    for (const alert of await this.risks.pending(now, limit)) {
      if (shouldStop()) break;
      const result = await this.deliver(alert, now);
      report[result] += 1;
    }
    return report;
  }

  async deliver(alert: RiskAlert, now: Date): Promise<keyof DeliveryReport> {
    const interview = await this.interviews.get(alert.interviewId);
    if (!interview || interview.erased) {
      await this.risks.markFailed(alert.id, 'interview_gone', now);
      return 'failed';
    }
    const context = { alertId: alert.id, interviewId: alert.interviewId, reason: alert.reason };
    // Taken care of (or moved away from) while it waited to be posted — a channel not ready, a
    // back-off: an alert about work already done would be a false alarm, so it is not posted.
    if (!alert.leaseUntil && isRiskResolved(alert, interview)) {
      await this.risks.markFailed(alert.id, 'resolved_before_post', now);
      this.logger.info(context, 'risk alert not posted: resolved before it could be');
      return 'failed';
    }
    const leaseNow = this.wallClock();
    if (!(await this.risks.lease(alert.id, new Date(leaseNow), new Date(leaseNow + SEND_LEASE_MS)))) return 'retried';
    try {
      const channel = this.channel ?? (await this.gateway.dmChannel(interview.ownerId));
      // An earlier attempt that never finished (a crash, a timeout) may have posted: look first.
      if (alert.leaseUntil) {
        const found = await this.gateway
          .findByMetadata(channel, (type, p) => type === METADATA_EVENT.risk && Number(p.alert_id) === alert.id)
          .catch((error: unknown) => {
            // An install from before channels:history/groups:history cannot look: post (a possible
            // duplicate beats a lost alert) and say what to add.
            if (classifySlackError(error).code !== 'missing_scope') throw error;
            this.logger.warn({ ...context }, 'cannot read the risk channel history (add channels:history and groups:history); posting without the check');
            return undefined;
          });
        if (found) {
          await this.risks.markPosted(alert.id, channel, found, now);
          this.logger.info(context, 'interrupted risk alert had reached Slack; recorded');
          return 'posted';
        }
      }
      const message = buildRiskAlert(alert, interview, this.channelTz, this.t, { now, slaHours: SLA_HOURS, ownerTz: await this.timezoneOf(interview.ownerId) });
      const ts = await this.gateway.post(channel, message);
      await this.risks.markPosted(alert.id, channel, ts, now);
      return 'posted';
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.maybeDelivered) {
        const delay = retryDelayMs(alert.attempts + 1, failure.retryAfterSeconds);
        await this.risks.markInDoubt(alert.id, failure.code, new Date(now.getTime() + delay), new Date(this.wallClock()));
        this.logger.warn({ ...context, slackError: failure.code }, 'risk alert may have been posted; will check before retrying');
        return 'retried';
      }
      if (CHANNEL_NOT_READY.has(failure.code) || failure.retryable) {
        await this.risks.markRetry(alert.id, failure.code, new Date(now.getTime() + retryDelayMs(alert.attempts + 1, failure.retryAfterSeconds)), now);
        this.logger.warn({ ...context, slackError: failure.code }, 'risk alert not posted; kept for retry');
        if (CHANNEL_NOT_READY.has(failure.code) && !alert.warnedAt) await this.warnConsultant(alert, interview, now);
        return 'retried';
      }
      await this.risks.markFailed(alert.id, failure.code, now);
      this.logger.error({ ...context, slackError: failure.code }, 'risk alert failed permanently');
      return 'failed';
    }
  }

  /**
   * `Opgepakt`: the first claim wins and the message shows who picked it up. The consultant the
   * alert is about may not claim it (that would silence their own escalation) unless `admin`:
   * refused with `refused: 'own'`, and nothing is recorded.
   */
  async claim(alertId: number, userId: string, now: Date, admin = false): Promise<{ claimed: boolean; by?: string; refused?: 'own' }> {
    const before = await this.risks.get(alertId);
    if (!before) return { claimed: false };
    if (!admin && (await this.interviews.get(before.interviewId))?.ownerId === userId) {
      this.logger.info({ alertId, interviewId: before.interviewId }, 'risk alert claim refused: the alert is about the claimant');
      return { claimed: false, refused: 'own' };
    }
    const claimed = await this.risks.claim(alertId, userId, now);
    const alert = await this.risks.get(alertId);
    if (!alert) return { claimed: false };
    if (claimed) {
      this.logger.info({ alertId, interviewId: alert.interviewId }, 'risk alert claimed');
      await this.redraw(alert, now);
    }
    return { claimed, by: alert.claimedBy };
  }

  /** After any change: alerts whose cause is gone say so. */
  async resolveIfDone(interview: Interview, now: Date): Promise<void> {
    for (const alert of await this.risks.openPosted(interview.id)) {
      if (!isRiskResolved(alert, interview)) continue;
      await this.risks.resolve(alert.id, now);
      this.logger.info({ alertId: alert.id, interviewId: interview.id, reason: alert.reason }, 'risk alert resolved');
      await this.redraw((await this.risks.get(alert.id)) ?? alert, now);
    }
  }

  private async redraw(alert: RiskAlert, now: Date): Promise<void> {
    await this.onRedraw(alert, now);
    const interview = await this.interviews.get(alert.interviewId);
    if (!interview || !alert.channel || !alert.ts) return;
    try {
      // Redrawn as posted: the time it names is the posting moment's, the SLA the rule table's.
      const message = buildRiskAlert(alert, interview, this.channelTz, this.t, { now: alert.postedAt, slaHours: SLA_HOURS, ownerTz: await this.timezoneOf(interview.ownerId) });
      await this.client.chat.update({ channel: alert.channel, ts: alert.ts, ...message });
    } catch (error) {
      this.logger.warn({ alertId: alert.id, slackError: classifySlackError(error).code }, 'could not update the risk alert');
    }
  }

  private async warnConsultant(alert: RiskAlert, interview: Interview, now: Date): Promise<void> {
    // One note per day is enough: the channel is the problem, not each alert (they all wait for it).
    if (await this.risks.ownerWarnedSince(interview.ownerId, new Date(now.getTime() - WARN_AGAIN_AFTER_MS))) {
      await this.risks.markWarned(alert.id, now);
      return;
    }
    try {
      const channel = await this.gateway.dmChannel(interview.ownerId);
      await this.client.chat.postMessage({ channel, text: this.t('risk.notInChannel', { id: interview.id }) });
      await this.risks.markWarned(alert.id, now);
    } catch (error) {
      this.logger.warn({ alertId: alert.id, slackError: classifySlackError(error).code }, 'could not warn the consultant about the risk channel');
    }
  }
}
