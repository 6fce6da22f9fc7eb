import type { MessageMetadata } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { setTimeout as delay } from 'node:timers/promises';
import type { Interview } from '../../domain/interview.js';
import type { OutboxRepository, OutboxRow, RewriteTarget } from '../../domain/outbox.js';
import type { InterviewRepository, RiskAlert, RiskRepository } from '../../domain/repositories.js';
import { computeStats } from '../../domain/stats.js';
import { decide, retryDelayMs, usefulUntil } from '../../domain/timeline.js';
import { quietUntil, type QuietHours } from '../../domain/quietHours.js';
import { isRiskResolved } from '../../domain/risk.js';
import type { TimelineItem, TimelineRepository } from '../../domain/timelineItems.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { METADATA_EVENT } from '../ids.js';
import { classifySlackError } from '../slackErrors.js';
import { buildChangeConfirmation } from '../views/changeConfirmation.js';
import { buildCoachingAdvice } from '../views/coachingAdvice.js';
import { buildHandedOverCard, buildInterviewCard } from '../views/interviewCard.js';
import { buildTimelineMessage, erasedMessage, statusFromRecord } from '../views/reminders.js';
import { buildEscalation, buildRiskAlert } from '../views/riskAlert.js';
import { buildNudge } from '../views/nudge.js';
import { buildDigest } from '../views/stats.js';
import type { SlackGateway } from './slackGateway.js';

/** How long one attempt may hold a row before another caller may try it (longer than any call). */
const LEASE_MS = 2 * 60_000;
const DAY = 24 * 3_600_000;

/** Slack answers meaning there is nothing left to rewrite or delete: the work is done. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'channel_not_found', 'file_not_found', 'file_deleted', 'is_archived']);

interface Outgoing {
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
  /** A reply in this message's thread (a nudge). */
  thread_ts?: string;
}

/** Thrown while rendering: not now, but at `until` (quiet hours); the row waits, no attempt spent. */
class NotBefore extends Error {
  constructor(readonly until: Date) {
    super('not before');
  }
}

/** How long a listener's kick waits for others before the outbox run starts (see `kick`). */
export const KICK_DELAY_MS = 20;

export interface OutboxDeps {
  client: WebClient;
  outbox: OutboxRepository;
  interviews: InterviewRepository;
  timeline: TimelineRepository;
  risks: RiskRepository;
  gateway: SlackGateway;
  timezoneOf: (userId: string) => Promise<string>;
  t: Translator;
  logger: Logger;
  playbookUrl?: string;
  /** The digest's timezone (DEFAULT_TIMEZONE). */
  digestTz: string;
  /** QUIET_HOURS: nudges wait for their end (never past the task's deadline). */
  quietHours?: QuietHours;
  /** ESCALATE_AFTER_MINUTES, named in the leads' copies. */
  escalateAfterMinutes?: number;
  /** Leases are about real elapsed time between two callers, not business time. */
  wallClock?: () => number;
}

export interface OutboxReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * The one dispatcher for the outbox: every row is claimed (`sending`, with a lease), rendered from
 * the record as it is now, delivered, and its channel/ts/file id stored. A 429 or a 5xx leaves the
 * row due again after back-off (at least Retry-After); a permanent error is recorded; a send whose
 * answer never came is looked up in the history (message metadata `outbox_id`) before it is tried
 * again. Listeners only write rows and `kick()`; the scheduler's tick delivers what is left.
 */
export class OutboxService {
  private running?: Promise<OutboxReport>;
  private again = false;
  private readonly wallClock: () => number;

  constructor(private readonly d: OutboxDeps) {
    this.wallClock = d.wallClock ?? Date.now;
  }

  // ----- writing rows (awaited by the caller: part of its change) ------------------------------------

  /** The interview's card, posted once whatever happens (a double click, two listeners at once). */
  async card(interview: Pick<Interview, 'id' | 'ownerId'>, now: Date): Promise<void> {
    await this.d.outbox.enqueue({ purpose: `card:${interview.id}`, kind: 'card', interviewId: interview.id, recipient: interview.ownerId }, now);
  }

  /**
   * The card brought up to date: one row per interview, re-armed by every change, rendered from the
   * record when it is delivered (so ten quick changes cost at most a couple of updates).
   */
  async cardUpdate(interview: Pick<Interview, 'id' | 'ownerId' | 'card'>, now: Date): Promise<void> {
    if (!interview.card) return;
    await this.d.outbox.rearm(
      { purpose: `card-update:${interview.id}`, kind: 'card_update', interviewId: interview.id, recipient: interview.ownerId, ...interview.card },
      now,
    );
  }

  /**
   * A sent reminder's message must show its new status (done, later, cancelled): one row per message,
   * re-armed by every change, rendered from the record when delivered (statusFromRecord).
   */
  async reminderUpdate(item: Pick<TimelineItem, 'id' | 'channel' | 'ts'>, interview: Pick<Interview, 'id' | 'ownerId'>, now: Date): Promise<void> {
    if (!item.channel || !item.ts) return;
    await this.d.outbox.rearm(
      {
        purpose: `reminder-update:${item.id}:${item.ts}`,
        kind: 'reminder_update',
        interviewId: interview.id,
        recipient: interview.ownerId,
        channel: item.channel,
        ts: item.ts,
        params: { itemId: item.id },
      },
      now,
    );
  }

  /**
   * The latest coaching advice DM of the interview is rendered again (its `Coaching gegeven` button
   * goes once the coaching was confirmed anywhere). Same row kind as a reminder's rewrite.
   */
  async adviceUpdate(interview: Pick<Interview, 'id' | 'ownerId'>, now: Date): Promise<void> {
    const advice = (await this.d.outbox.forInterview(interview.id))
      .filter((r) => r.kind === 'coaching_advice' && r.state === 'sent' && r.channel && r.ts)
      .at(-1);
    if (!advice) return;
    await this.d.outbox.rearm(
      {
        purpose: `advice-update:${advice.id}`,
        kind: 'reminder_update',
        interviewId: interview.id,
        recipient: interview.ownerId,
        channel: advice.channel,
        ts: advice.ts,
        params: { adviceRowId: advice.id },
      },
      now,
    );
  }

  /**
   * One nudge for a sent reminder whose task is not done `afterMinutes` later, as a reply in its
   * thread. None when that moment is not before the task's deadline (a nudge after it is no help).
   */
  async nudge(item: Pick<TimelineItem, 'id' | 'kind'>, interview: Pick<Interview, 'id' | 'ownerId' | 'logistics'>, sentAt: Date, afterMinutes: number): Promise<void> {
    const at = new Date(sentAt.getTime() + afterMinutes * 60_000);
    const deadline = usefulUntil(item.kind, interview);
    if (deadline !== undefined && at.getTime() >= deadline.getTime()) return;
    await this.d.outbox.enqueue(
      { purpose: `nudge:${item.id}`, kind: 'nudge', interviewId: interview.id, recipient: interview.ownerId, params: { itemId: item.id }, notBefore: at },
      sentAt,
    );
  }

  /** An unclaimed risk alert, once to each team lead's DM, with the same `Opgepakt`. */
  async escalate(alert: Pick<RiskAlert, 'id' | 'interviewId'>, leads: readonly string[], now: Date): Promise<number> {
    let rows = 0;
    for (const lead of leads) {
      const added = await this.d.outbox.enqueue(
        { purpose: `escalation:${alert.id}:${lead}`, kind: 'escalation', interviewId: alert.interviewId, recipient: lead, params: { alertId: alert.id } },
        now,
      );
      rows += Number(added);
    }
    return rows;
  }

  /** Claimed or resolved: every lead's copy of the alert shows it (rendered from the alert when delivered). */
  async escalationUpdates(alertId: number, now: Date): Promise<void> {
    for (const copy of await this.d.outbox.byPurposePrefix(`escalation:${alertId}:`)) {
      if (copy.kind !== 'escalation' || !copy.channel || !copy.ts) continue;
      await this.d.outbox.rearm(
        {
          purpose: `escalation-update:${copy.id}`,
          kind: 'escalation_update',
          interviewId: copy.interviewId,
          recipient: copy.recipient,
          channel: copy.channel,
          ts: copy.ts,
          params: { alertId, copyId: copy.id },
        },
        now,
      );
    }
  }

  /**
   * `overdragen`: the old owner's card says who has it now (no buttons), the new owner gets a card
   * of their own. Both rows are written with the handover itself.
   */
  async handover(interview: Pick<Interview, 'id' | 'ownerId'>, oldCard: { channel: string; ts: string } | undefined, from: string, by: string, now: Date): Promise<void> {
    if (oldCard) {
      await this.d.outbox.enqueue(
        {
          purpose: `handover:${interview.id}:${oldCard.ts}`,
          kind: 'handover_rewrite',
          interviewId: interview.id,
          recipient: from,
          channel: oldCard.channel,
          ts: oldCard.ts,
          params: { to: interview.ownerId, by, at: now.getTime() },
        },
        now,
      );
    }
    await this.d.outbox.enqueue({ purpose: `card:${interview.id}:to:${interview.ownerId}:${now.getTime()}`, kind: 'card', interviewId: interview.id, recipient: interview.ownerId }, now);
  }

  /** A new card after the old one was deleted in Slack (once per lost card). */
  async cardAgain(interview: Pick<Interview, 'id' | 'ownerId'>, lostTs: string, now: Date): Promise<void> {
    await this.d.outbox.enqueue({ purpose: `card:${interview.id}:after:${lostTs}`, kind: 'card', interviewId: interview.id, recipient: interview.ownerId }, now);
  }

  /** The targeted-coaching advice for one saved coaching check. */
  async coachingAdvice(interview: Pick<Interview, 'id' | 'ownerId'>, loggedAt: Date, now: Date): Promise<void> {
    await this.d.outbox.enqueue(
      { purpose: `advice:${interview.id}:${loggedAt.getTime()}`, kind: 'coaching_advice', interviewId: interview.id, recipient: interview.ownerId },
      now,
    );
  }

  /** The confirmation of one last-minute change, to whoever recorded it. */
  async changeConfirmation(interviewId: number, changeId: number, userId: string, now: Date): Promise<void> {
    await this.d.outbox.enqueue(
      { purpose: `change:${changeId}`, kind: 'change_confirmation', interviewId, recipient: userId, params: { changeId } },
      now,
    );
  }

  /** The weekly digest of `week`, covering [from, to). */
  digest(week: string, channel: string, from: Date, to: Date, now: Date): Promise<boolean> {
    return this.d.outbox.enqueue(
      { purpose: `digest:${week}`, kind: 'digest', recipient: channel, params: { week, from: from.getTime(), to: to.getTime() } },
      now,
    );
  }

  /** A message or file sent outside the dispatcher that erasure must still find. */
  async record(purpose: string, interviewId: number, recipient: string, where: { channel: string; ts?: string; fileId?: string }, now: Date): Promise<void> {
    await this.d.outbox.recordSent({ purpose, kind: 'ledger', interviewId, recipient, ...where }, now);
  }

  /**
   * After an erasure: every message the bot posted about the interview is rewritten and every
   * export file deleted, each as a row, so a failure is retried until done.
   */
  async eraseMessages(erased: Interview, now: Date): Promise<number> {
    const rewrite = (key: string, channel: string, ts: string, target: RewriteTarget) =>
      this.d.outbox.enqueue(
        { purpose: `erase:${erased.id}:${key}`, kind: 'erasure_rewrite', interviewId: erased.id, recipient: channel, channel, ts, params: target },
        now,
      );
    let rows = 0;
    if (erased.card) rows += Number(await rewrite('card', erased.card.channel, erased.card.ts, { target: 'card' }));
    for (const item of await this.d.timeline.forInterview(erased.id)) {
      if (item.ts && item.channel && item.channel !== 'risk-alert') rows += Number(await rewrite(`timeline:${item.id}`, item.channel, item.ts, { target: 'timeline', itemId: item.id }));
    }
    for (const alert of await this.d.risks.allFor(erased.id)) {
      if (alert.channel && alert.ts) rows += Number(await rewrite(`risk:${alert.id}`, alert.channel, alert.ts, { target: 'risk', alertId: alert.id }));
    }
    for (const row of await this.d.outbox.forInterview(erased.id)) {
      if (row.kind === 'erasure_rewrite' || row.kind === 'file_delete' || row.kind === 'card' || row.kind === 'card_update') continue;
      if (row.fileId) {
        rows += Number(
          await this.d.outbox.enqueue(
            { purpose: `erase:${erased.id}:file:${row.fileId}`, kind: 'file_delete', interviewId: erased.id, recipient: row.recipient, fileId: row.fileId },
            now,
          ),
        );
      } else if (row.channel && row.ts) {
        rows += Number(await rewrite(`outbox:${row.id}`, row.channel, row.ts, { target: 'outbox', rowId: row.id }));
      }
    }
    return rows;
  }

  // ----- delivering ---------------------------------------------------------------------------------

  /**
   * Delivers now, in the background of a listener: one run at a time; a kick during a run makes it
   * look again when it ends. Never throws. The run starts `KICK_DELAY_MS` after the first kick, so
   * when many saves arrive together (a team's Monday morning, the benchmark's bursts) their acks
   * are all answered before the cards are rendered and sent, and the sends share one run.
   */
  kick(now: () => Date): Promise<OutboxReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      await delay(KICK_DELAY_MS);
      const total: OutboxReport = { sent: 0, retried: 0, failed: 0 };
      do {
        this.again = false;
        const r = await this.deliver(now(), () => false).catch((error: unknown) => {
          this.d.logger.error({ err: { name: (error as Error)?.name } }, 'outbox run failed');
          return { sent: 0, retried: 0, failed: 0 };
        });
        total.sent += r.sent;
        total.retried += r.retried;
        total.failed += r.failed;
      } while (this.again);
      return total;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** One pass over the rows ready at `now` (the tick passes its budget as `shouldStop`). */
  async deliver(now: Date, shouldStop: () => boolean, limit = 500): Promise<OutboxReport> {
    const report: OutboxReport = { sent: 0, retried: 0, failed: 0 };
    for (const row of await this.d.outbox.ready(now, new Date(this.wallClock()), limit)) {
      if (shouldStop()) break;
      const leaseNow = this.wallClock();
      if (!(await this.d.outbox.claim(row.id, now, new Date(leaseNow), new Date(leaseNow + LEASE_MS)))) continue;
      report[await this.attempt(row, now)] += 1;
    }
    if (report.sent + report.retried + report.failed > 0) this.d.logger.info({ ...report }, 'outbox run');
    return report;
  }

  private async attempt(row: OutboxRow, now: Date): Promise<keyof OutboxReport> {
    const context = { outboxId: row.id, kind: row.kind, interviewId: row.interviewId };
    try {
      // A post that was in flight when the process stopped (or timed out): Slack may have it.
      if (row.state === 'sending' && isPost(row)) {
        const found = await this.findPosted(row);
        if (found) {
          await this.finish(row, found, now);
          this.d.logger.info(context, 'outbox send had reached Slack; recorded');
          return 'sent';
        }
      }
      const result = await this.perform(row, now);
      await this.finish(row, result, now);
      return 'sent';
    } catch (error) {
      if (error instanceof NotBefore) {
        await this.d.outbox.markRetry(row.id, 'quiet_hours', error.until);
        return 'retried';
      }
      const failure = classifySlackError(error);
      if (GONE.has(failure.code) && !isPost(row)) {
        await this.d.outbox.markSent(row.id, {}, now);
        this.d.logger.info({ ...context, slackError: failure.code }, 'outbox target already gone');
        return 'sent';
      }
      if (failure.retryable) {
        const delay = retryDelayMs(row.attempts + 1, failure.retryAfterSeconds);
        const next = new Date(now.getTime() + delay);
        // A send that may have arrived stays `sending`: the next attempt looks it up first.
        if (failure.maybeDelivered && isPost(row)) await this.d.outbox.markInDoubt(row.id, failure.code, new Date(this.wallClock() + delay));
        else await this.d.outbox.markRetry(row.id, failure.code, next);
        this.d.logger.warn({ ...context, slackError: failure.code, retryAt: next.toISOString() }, 'outbox message not delivered; will retry');
        return 'retried';
      }
      await this.d.outbox.markFailed(row.id, failure.code);
      this.d.logger.error({ ...context, slackError: failure.code }, 'outbox message failed permanently');
      return 'failed';
    }
  }

  private async finish(row: OutboxRow, result: { channel?: string; ts?: string; fileId?: string }, now: Date): Promise<void> {
    await this.d.outbox.markSent(row.id, result, now, row.version);
    if (row.kind === 'card' && row.interviewId !== undefined && result.channel && result.ts && (await this.d.interviews.get(row.interviewId))?.ownerId === row.recipient) {
      await this.d.interviews.setCard(row.interviewId, { channel: result.channel, ts: result.ts });
    }
    if (row.kind === 'coaching_advice' && row.interviewId !== undefined) {
      const i = await this.d.interviews.get(row.interviewId);
      if (i?.coaching && i.coaching.coachingNeed !== 'minimal') await this.d.interviews.markAdviceSent(i.id, now);
    }
  }

  private async perform(row: OutboxRow, now: Date): Promise<{ channel?: string; ts?: string; fileId?: string }> {
    if (row.kind === 'file_delete') {
      await this.d.client.files.delete({ file: row.fileId as string });
      return {};
    }
    if (row.kind === 'card_update') return this.updateCard(row, now);
    if (row.kind === 'handover_rewrite') {
      const interview = row.interviewId !== undefined ? await this.d.interviews.get(row.interviewId) : undefined;
      if (!interview) return {};
      const handover = { to: String(row.params.to), by: String(row.params.by), at: new Date(Number(row.params.at)) };
      const message = buildHandedOverCard(interview, handover, await this.d.timezoneOf(row.recipient), this.d.t);
      await this.d.client.chat.update({ channel: row.channel as string, ts: row.ts as string, ...message } as Parameters<WebClient['chat']['update']>[0]);
      return {};
    }
    if (row.kind === 'escalation_update') {
      const message = await this.escalationNow(row);
      if (message) await this.d.client.chat.update({ channel: row.channel as string, ts: row.ts as string, ...message } as Parameters<WebClient['chat']['update']>[0]);
      return {};
    }
    if (row.kind === 'reminder_update') {
      const message = await this.reminderNow(row, now);
      if (message) await this.d.client.chat.update({ channel: row.channel as string, ts: row.ts as string, ...message } as Parameters<WebClient['chat']['update']>[0]);
      return {};
    }
    if (row.kind === 'erasure_rewrite') {
      const message = await this.erasedMessage(row);
      await this.d.client.chat.update({ channel: row.channel as string, ts: row.ts as string, ...message } as Parameters<WebClient['chat']['update']>[0]);
      return {};
    }
    const message = await this.render(row, now);
    if (!message) return {};
    // The card posts to the user id (Slack answers with the DM channel), as it always has; other DMs
    // go to the DM channel the app opened with the user.
    const channel = row.kind === 'digest' || row.kind === 'card' ? row.recipient : await this.d.gateway.dmChannel(row.recipient);
    const res = await this.d.client.chat.postMessage({ channel, ...withOutboxId(message, row.id) } as Parameters<WebClient['chat']['postMessage']>[0]);
    if (!res.ts) throw new Error('chat.postMessage returned no ts');
    return { channel: res.channel ?? channel, ts: res.ts };
  }

  /** The card as the record is now, in place; a card deleted in Slack is posted again (once). */
  private async updateCard(row: OutboxRow, now: Date): Promise<{ channel?: string; ts?: string }> {
    const interview = row.interviewId !== undefined ? await this.d.interviews.get(row.interviewId) : undefined;
    if (!interview?.card) return {};
    const card = buildInterviewCard(interview, await this.d.timezoneOf(interview.ownerId), this.d.t);
    try {
      await this.d.client.chat.update({ channel: interview.card.channel, ts: interview.card.ts, ...card } as Parameters<WebClient['chat']['update']>[0]);
    } catch (error) {
      const code = classifySlackError(error).code;
      if (code !== 'message_not_found' && code !== 'cant_update_message') throw error;
      this.d.logger.info({ interviewId: interview.id, slackError: code }, 'card gone; posting a new one');
      await this.cardAgain(interview, interview.card.ts, now);
    }
    return {};
  }

  /** The message of a post row, from the record as it is now; undefined = nothing to send any more. */
  private async render(row: OutboxRow, now: Date): Promise<Outgoing | undefined> {
    if (row.kind === 'digest') {
      const from = new Date(Number(row.params.from));
      const to = new Date(Number(row.params.to));
      const stats = computeStats(await this.d.interviews.statsRows({ from, to }));
      const openLoops = await this.d.interviews.listOpenFollowUp({ since: new Date(now.getTime() - 30 * DAY), now, limit: 200 });
      return { ...buildDigest(stats, openLoops, this.d.digestTz, this.d.t), metadata: { event_type: 'interviewprep_digest', event_payload: { week: String(row.params.week) } } };
    }
    const interview = row.interviewId !== undefined ? await this.d.interviews.get(row.interviewId) : undefined;
    if (!interview) return undefined;
    switch (row.kind) {
      case 'card':
        // Handed over before this card went out: the new owner has a card row of their own.
        if (row.recipient !== interview.ownerId) return undefined;
        return buildInterviewCard(interview, await this.d.timezoneOf(interview.ownerId), this.d.t);
      case 'coaching_advice':
        // Erased in the meantime: the advice would carry nothing of use; the row is done.
        return interview.erased || !interview.coaching ? undefined : buildCoachingAdvice(interview, this.d.t, await this.d.timezoneOf(interview.ownerId), this.d.playbookUrl);
      case 'change_confirmation': {
        const change = interview.changes.find((c) => c.id === Number(row.params.changeId));
        if (!change || interview.erased) return undefined;
        return buildChangeConfirmation(interview, change, await this.d.timezoneOf(row.recipient), this.d.t, now);
      }
      case 'nudge':
        return this.nudgeNow(row, interview, now);
      case 'escalation':
        return this.escalationNow(row);
      default:
        return undefined;
    }
  }

  /** The nudge, if its reminder still waits for the work; undefined = done, moved, gone: no message. */
  private async nudgeNow(row: OutboxRow, interview: Interview, now: Date): Promise<Outgoing | undefined> {
    // Handed over since: the reminder in this DM is no longer this consultant's to tick off.
    if (row.recipient !== interview.ownerId) return undefined;
    const item = await this.d.timeline.get(Number(row.params.itemId));
    if (!item || item.state !== 'sent' || !item.channel || !item.ts || item.doneAt) return undefined;
    if (decide(item.kind, interview, now, item.plan).action !== 'send') return undefined;
    const tz = await this.d.timezoneOf(interview.ownerId);
    const quietEnd = quietUntil(now, tz, this.d.quietHours);
    if (quietEnd) {
      const deadline = usefulUntil(item.kind, interview);
      if (deadline !== undefined && quietEnd.getTime() >= deadline.getTime()) return undefined;
      throw new NotBefore(quietEnd);
    }
    return { ...buildNudge(item, interview, this.d.t, tz), thread_ts: item.ts };
  }

  /** A lead's copy of a risk alert, as the alert is now; undefined = the interview is gone. */
  private async escalationNow(row: OutboxRow): Promise<Outgoing | undefined> {
    const alert = await this.d.risks.get(Number(row.params.alertId));
    const interview = alert ? await this.d.interviews.get(alert.interviewId) : undefined;
    if (!alert || !interview) return undefined;
    // A first post of an alert claimed or resolved meanwhile — or about an interview erased or
    // cancelled since — would be a false alarm.
    const stale = alert.claimedBy || alert.resolvedAt || interview.erased || interview.status === 'cancelled' || isRiskResolved(alert, interview);
    if (row.kind === 'escalation' && stale) return undefined;
    return buildEscalation(alert, interview, await this.d.timezoneOf(row.recipient), this.d.t, this.d.escalateAfterMinutes ?? 0, await this.d.timezoneOf(interview.ownerId));
  }

  /** A reminder's (or the coaching advice's) message as the record says it is now; undefined = gone. */
  private async reminderNow(row: OutboxRow, now: Date): Promise<Outgoing | undefined> {
    const interview = row.interviewId !== undefined ? await this.d.interviews.get(row.interviewId) : undefined;
    if (interview && row.params.adviceRowId !== undefined) {
      return interview.erased || !interview.coaching ? undefined : buildCoachingAdvice(interview, this.d.t, await this.d.timezoneOf(interview.ownerId), this.d.playbookUrl);
    }
    const item = await this.d.timeline.get(Number(row.params.itemId));
    if (!item || !interview) return undefined;
    const tz = await this.d.timezoneOf(interview.ownerId);
    const covered = item.kind === 'catch_up' ? await this.d.timeline.caughtUp(interview.id, item.plan) : undefined;
    const status = item.kind === 'catch_up' ? undefined : statusFromRecord(item, interview, row.ts, now);
    return buildTimelineMessage({ item, interview, covered, tz, t: this.d.t, now, status });
  }

  /** What an erased interview's message says instead, per kind of message. */
  private async erasedMessage(row: OutboxRow): Promise<Outgoing> {
    const interview = row.interviewId !== undefined ? await this.d.interviews.get(row.interviewId) : undefined;
    const id = row.interviewId ?? 0;
    const generic = erasedMessage(id, this.d.t);
    if (!interview) return generic;
    const tz = await this.d.timezoneOf(interview.ownerId);
    const target = row.params as RewriteTarget;
    if (target.target === 'card') return buildInterviewCard(interview, tz, this.d.t);
    if (target.target === 'timeline') {
      const item = await this.d.timeline.get(target.itemId);
      if (!item) return generic;
      // Erased: the builder answers with the erased text before it looks at the time.
      return buildTimelineMessage({ item, interview, tz, t: this.d.t, now: new Date(0) });
    }
    if (target.target === 'risk') {
      const alert = await this.d.risks.get(target.alertId);
      return alert ? buildRiskAlert(alert, interview, tz, this.d.t) : generic;
    }
    return generic;
  }

  /** The ts of this row's message in its channel's recent history, if Slack has it. */
  private async findPosted(row: OutboxRow): Promise<{ channel: string; ts: string } | undefined> {
    const channel = row.kind === 'digest' ? row.recipient : await this.d.gateway.dmChannel(row.recipient);
    const res = await this.d.client.conversations.history({ channel, include_all_metadata: true, limit: 200 });
    for (const m of res.messages ?? []) {
      const meta = m.metadata as { event_payload?: Record<string, unknown> } | undefined;
      if (m.ts && Number(meta?.event_payload?.outbox_id) === row.id) return { channel, ts: m.ts };
    }
    return undefined;
  }
}

const isPost = (row: OutboxRow) =>
  row.kind === 'card' || row.kind === 'coaching_advice' || row.kind === 'change_confirmation' || row.kind === 'digest' || row.kind === 'nudge' || row.kind === 'escalation';

/** Marks the message with its row id, so a send after a crash can be found in the history. */
function withOutboxId(message: Outgoing, id: number): Outgoing {
  const meta = message.metadata ?? { event_type: METADATA_EVENT.reminder, event_payload: {} };
  return { ...message, metadata: { ...meta, event_payload: { ...(meta.event_payload ?? {}), outbox_id: id } } };
}
