import type { Interview } from '../domain/interview.js';
import type { InterviewRepository } from '../domain/repositories.js';
import type { RiskReason } from '../domain/repositories.js';
import { deriveChecklist, missingPrep } from '../domain/checklist.js';
import { KIND_RULES } from '../domain/rules.js';
import { decide, retryDelayMs } from '../domain/timeline.js';
import { quietUntil, type QuietHours } from '../domain/quietHours.js';
import type { TimelineItem, TimelineRepository } from '../domain/timelineItems.js';
import type { Logger } from '../logger.js';
import type { Translator } from '../slack/i18n/index.js';
import type { SlackGateway } from '../slack/services/slackGateway.js';
import { classifySlackError, type SlackFailure } from '../slack/slackErrors.js';
import { buildMissedSummary, buildReminder, buildTimelineMessage, type ReminderMessage } from '../slack/views/reminders.js';
import { dispatchByChannel, type ChannelPacer, type TaskResult } from '../scheduling/dispatch.js';

export interface DeliverDeps {
  interviews: InterviewRepository;
  timeline: TimelineRepository;
  gateway: SlackGateway;
  /** The consultant's timezone without a Slack call (cached from users.info). */
  timezoneOf: (userId: string) => Promise<string>;
  t: Translator;
  logger: Logger;
  /** Records a message sent here that an erasure must find again (the missed-reminders summary). */
  recordMessage?: (purpose: string, interviewId: number, recipient: string, where: { channel: string; ts: string }, now: Date) => Promise<unknown>;
  /** QUIET_HOURS: when the DMs that may wait (rules.ts `waitsForQuietHours`) are held. */
  quietHours?: QuietHours;
  /** Leases are about real time between processes, not business time (default Date.now). */
  wallClock?: () => number;
  /** After a reminder went out: its one nudge, if its task is still open later (rules.ts `nudges`). */
  scheduleNudge?: (item: TimelineItem, interview: Interview, sentAt: Date) => Promise<unknown>;
  /** Records a risk moment for the team channel (delivered by the risk-alert job). */
  recordRisk: (interview: Interview, reason: RiskReason, detail: string | undefined, now: Date) => Promise<unknown>;
}

/**
 * How long a process holds a reminder it is sending before another may look at it: longer than any
 * Web API call (10 s timeout) with room to spare, short enough that a killed process's sends are
 * checked within a minute.
 */
export const SEND_LEASE_MS = 20_000;
const wall = (deps: DeliverDeps) => (deps.wallClock ?? Date.now)();

export interface DeliverOptions {
  /** Due items read per database query. */
  batchSize: number;
  /** Per-channel rate limiting, shared by every run so batches and ticks do not burst again. */
  pacer: ChannelPacer;
  /** Checked between sends: a tick stops taking work when it says so (bounded ticks). */
  shouldStop: () => boolean;
  /** A 429 answered within the tick is waited out up to this long; longer ones wait for a later tick. */
  maxInTickRetryAfterMs: number;
}

export interface TickReport {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  recovered: number;
  summaries: number;
  /** Messages of an old plan rewritten as moved. */
  moved: number;
  /** DMs held until the consultant's quiet hours end. */
  held: number;
}

/**
 * One run of the reminder job at business time `now`: recover sends interrupted by a crash, then
 * send (or skip) everything due, then tell consultants what was missed while the bot was down.
 * Each item moves pending → sending → sent/skipped/failed in the database around the Slack call,
 * so a restart never sends twice and never forgets.
 */
export async function deliverDue(deps: DeliverDeps, now: Date, opts: DeliverOptions): Promise<TickReport> {
  const report: TickReport = { sent: 0, skipped: 0, retried: 0, failed: 0, recovered: 0, summaries: 0, moved: 0, held: 0 };
  const cache = new Map<number, Interview | undefined>();
  const load = async (id: number) => {
    if (!cache.has(id)) cache.set(id, await deps.interviews.get(id));
    return cache.get(id);
  };

  await recoverInterrupted(deps, now, report, opts);

  for (;;) {
    if (opts.shouldStop()) break;
    const batch = await deps.timeline.due(now, opts.batchSize);
    if (batch.length === 0) break;
    // One query per table for the whole batch instead of ten per item.
    const missing = [...new Set(batch.map((i) => i.interviewId))].filter((id) => !cache.has(id));
    const found = new Map((await deps.interviews.getMany(missing)).map((i) => [i.id, i]));
    for (const id of missing) cache.set(id, found.get(id));
    const work: Array<{ channel: string; task: { item: TimelineItem; interview: Interview } }> = [];
    for (const item of batch) {
      const interview = await load(item.interviewId);
      const decision = interview ? decide(item.kind, interview, now, item.plan) : ({ action: 'skip', reason: 'cancelled' } as const);
      if (decision.action === 'skip' || !interview) {
        await deps.timeline.markSkipped(item.id, decision.action === 'skip' ? decision.reason : 'cancelled', now);
        report.skipped += 1;
        continue;
      }
      const rule = KIND_RULES[item.kind];
      // The team channel never waits for quiet hours (recording twice is a no-op: one alert per occurrence).
      if (rule.risk && rule.to.riskChannel) await deps.recordRisk(interview, rule.risk, riskDetail(item.kind, interview), now);
      // A snoozed reminder comes back when the consultant chose, quiet hours or not.
      const quietEnd = rule.waitsForQuietHours && rule.to.dm && !item.snoozedUntil ? quietUntil(now, await deps.timezoneOf(interview.ownerId), deps.quietHours) : undefined;
      if (quietEnd) {
        await deps.timeline.hold(item.id, quietEnd, now);
        report.held += 1;
        continue;
      }
      if (!rule.to.dm) {
        // A channel-only moment: handed to the risk alerts, which have their own retries.
        await deps.timeline.markSent(item.id, 'risk-alert', `risk:${rule.risk}`, now);
        report.sent += 1;
        continue;
      }
      try {
        work.push({ channel: await deps.gateway.dmChannel(interview.ownerId), task: { item, interview } });
      } catch (error) {
        await fail(deps, item, error, now, report);
      }
    }
    const left = await dispatchByChannel(
      work,
      ({ item, interview }) => send(deps, item, interview, now, opts, report),
      opts.pacer,
      opts.shouldStop,
    );
    // Not started before the tick ran out of time: still pending, picked up by the next tick.
    if (left.length > 0 || batch.length < opts.batchSize) break;
  }

  await summarizeMissed(deps, now, report, opts);
  await rewriteMoved(deps, now, report, opts);
  if (Object.values(report).some((n) => n > 0)) {
    deps.logger.info({ ...report }, 'reminder tick');
  }
  return report;
}

async function send(
  deps: DeliverDeps,
  item: TimelineItem,
  interview: Interview,
  now: Date,
  opts: DeliverOptions,
  report: TickReport,
): Promise<TaskResult> {
  const channel = await deps.gateway.dmChannel(interview.ownerId);
  if (!(await deps.timeline.markSending(item.id, channel, now, new Date(wall(deps) + SEND_LEASE_MS)))) return { status: 'done' };
  const message = await messageFor(deps, item, interview, now);
  try {
    const ts = await deps.gateway.post(channel, message);
    await deps.timeline.markSent(item.id, channel, ts, now);
    report.sent += 1;
    if (KIND_RULES[item.kind].nudges) await deps.scheduleNudge?.(item, interview, now);
    if (item.ts && item.channel) await markSuperseded(deps, item, interview, now);
    return { status: 'done' };
  } catch (error) {
    const failure = classifySlackError(error);
    const waitMs = (failure.retryAfterSeconds ?? 0) * 1000;
    if (failure.code === 'ratelimited' && waitMs <= opts.maxInTickRetryAfterMs && !opts.shouldStop()) {
      // Slack said when to come back and it is soon: keep the item in this tick.
      await deps.timeline.resetToPending(item.id, now);
      return { status: 'retry_after', ms: Math.max(waitMs, 1000) };
    }
    if (failure.retryable && failure.maybeDelivered) {
      await inDoubt(deps, item, failure, now, report);
      return { status: 'done' };
    }
    await fail(deps, item, error, now, report);
    return { status: 'done' };
  }
}

/**
 * No answer (a timeout): Slack may have posted the message anyway. Left in `sending` with its
 * back-off, so the next tick's history check decides — sent, or due again after the back-off —
 * exactly as for a send interrupted by a crash; never a blind second post.
 */
async function inDoubt(deps: DeliverDeps, item: TimelineItem, failure: SlackFailure, now: Date, report: TickReport): Promise<void> {
  const next = new Date(now.getTime() + retryDelayMs(item.attempts + 1, failure.retryAfterSeconds));
  await deps.timeline.markInDoubt(item.id, failure.code, next, now);
  report.retried += 1;
  deps.logger.warn(
    { itemId: item.id, interviewId: item.interviewId, kind: item.kind, slackError: failure.code, retryAt: next.toISOString() },
    'reminder send got no answer; the DM history is checked before it is sent again',
  );
}

/** The message of a due item; a catch-up lists the moments it stands in for. */
async function messageFor(deps: DeliverDeps, item: TimelineItem, interview: Interview, now: Date): Promise<ReminderMessage> {
  const covered = item.kind === 'catch_up' ? await deps.timeline.caughtUp(interview.id, item.plan) : [];
  return buildTimelineMessage({ item, interview, covered, tz: await deps.timezoneOf(interview.ownerId), t: deps.t, now });
}

/** Codes only (never personal data): for prep-incomplete, the checklist items still open. */
function riskDetail(kind: TimelineItem['kind'], interview: Interview): string | undefined {
  return kind === 'prep_incomplete_risk' ? missingPrep(deriveChecklist(interview)).join(',') : undefined;
}

/**
 * Messages of a plan that was replaced by a reschedule say so ("verplaatst naar …", no buttons).
 * Owed in the database until done, so a failed update is retried on the next tick.
 */
async function rewriteMoved(deps: DeliverDeps, now: Date, report: TickReport, opts: DeliverOptions): Promise<void> {
  for (const item of await deps.timeline.movedOwed(200)) {
    if (opts.shouldStop()) return;
    if (!(await deps.timeline.claimRewrite(item.id, new Date(wall(deps)), new Date(wall(deps) + SEND_LEASE_MS)))) continue;
    const interview = await deps.interviews.get(item.interviewId);
    if (!interview || !item.channel || !item.ts) {
      await deps.timeline.markMovedRewritten(item.id, now);
      continue;
    }
    try {
      const status = { type: 'moved', to: interview.logistics.start } as const;
      const message = buildTimelineMessage({ item, interview, tz: await deps.timezoneOf(interview.ownerId), t: deps.t, now, status });
      await deps.gateway.update(item.channel, item.ts, message);
      await deps.timeline.markMovedRewritten(item.id, now);
      report.moved += 1;
    } catch (error) {
      const failure = classifySlackError(error);
      if (!failure.retryable) await deps.timeline.markMovedRewritten(item.id, now);
      else await deps.timeline.releaseRewrite(item.id);
      deps.logger.warn({ itemId: item.id, interviewId: item.interviewId, slackError: failure.code }, 'could not mark a moved reminder');
    }
  }
}

async function fail(deps: DeliverDeps, item: TimelineItem, error: unknown, now: Date, report: TickReport): Promise<void> {
  const failure = classifySlackError(error);
  const context = { itemId: item.id, interviewId: item.interviewId, kind: item.kind, slackError: failure.code };
  if (failure.retryable) {
    const next = new Date(now.getTime() + retryDelayMs(item.attempts + 1, failure.retryAfterSeconds));
    await deps.timeline.markRetry(item.id, failure.code, next, now);
    report.retried += 1;
    deps.logger.warn({ ...context, retryAt: next.toISOString() }, 'reminder not delivered; will retry');
  } else {
    await deps.timeline.markFailed(item.id, failure.code, now);
    report.failed += 1;
    deps.logger.error(context, 'reminder failed permanently');
  }
}

/** The message a snoozed reminder replaces gets a note pointing at the new one (best effort). */
async function markSuperseded(deps: DeliverDeps, item: TimelineItem, interview: Interview, now: Date): Promise<void> {
  try {
    const message = buildReminder({ item, interview, tz: await deps.timezoneOf(interview.ownerId), t: deps.t, now, status: { type: 'superseded' } });
    await deps.gateway.update(item.channel as string, item.ts as string, message);
  } catch (error) {
    deps.logger.info({ itemId: item.id, slackError: classifySlackError(error).code }, 'could not mark the old reminder');
  }
}

/**
 * Items found in `sending` were interrupted between "about to call Slack" and "recorded the
 * answer" (a crash), or their call got no answer (a timeout). The DM history decides: if the
 * message is there it was sent, else it is due again (after its back-off, for a timeout).
 */
async function recoverInterrupted(deps: DeliverDeps, now: Date, report: TickReport, opts: DeliverOptions): Promise<void> {
  for (const item of await deps.timeline.stuckSending(new Date(wall(deps)))) {
    // Each lookup is a Slack call: the rest waits for the next tick when the budget is spent.
    if (opts.shouldStop()) return;
    // Another process may be checking (or still sending) it: one at a time.
    if (!(await deps.timeline.releaseForCheck(item.id, new Date(wall(deps)), new Date(wall(deps) + SEND_LEASE_MS)))) continue;
    if (!item.channel) {
      await deps.timeline.resetToPending(item.id, now);
      continue;
    }
    try {
      // A snoozed resend must be newer than the message it replaces.
      const ts = await deps.gateway.findSent(item.channel, item.interviewId, item.kind, item.plan, item.ts);
      if (ts) {
        await deps.timeline.markSent(item.id, item.channel, ts, now);
        report.recovered += 1;
        const interview = await deps.interviews.get(item.interviewId);
        if (interview && KIND_RULES[item.kind].nudges) await deps.scheduleNudge?.(item, interview, now);
        deps.logger.info({ itemId: item.id, kind: item.kind }, 'interrupted send had reached Slack; recorded');
      } else {
        if (item.nextAttemptAt) await deps.timeline.markRetry(item.id, item.lastError ?? 'timeout', item.nextAttemptAt, now);
        else await deps.timeline.resetToPending(item.id, now);
        deps.logger.info({ itemId: item.id, kind: item.kind }, 'interrupted send had not reached Slack; due again');
      }
    } catch (error) {
      // History unreadable now: leave it in `sending` and look again next tick rather than risk a duplicate.
      deps.logger.warn({ itemId: item.id, slackError: classifySlackError(error).code }, 'could not check DM history');
    }
  }
}

async function summarizeMissed(deps: DeliverDeps, now: Date, report: TickReport, opts: DeliverOptions): Promise<void> {
  for (const [interviewId, items] of await deps.timeline.unsummarizedStale(500)) {
    if (opts.shouldStop()) return;
    const interview = await deps.interviews.get(interviewId);
    if (!interview || interview.status !== 'scheduled' || interview.erased) {
      await deps.timeline.markSummarized(items.map((i) => i.id), now);
      continue;
    }
    const ids = items.map((i) => i.id);
    // Claimed before the call, so two processes never both send it; released again if it fails.
    if (!(await deps.timeline.claimSummary(ids, now))) continue;
    try {
      const channel = await deps.gateway.dmChannel(interview.ownerId);
      const summary = buildMissedSummary(interview, items, await deps.timezoneOf(interview.ownerId), deps.t);
      const ts = await deps.gateway.post(channel, summary);
      await deps.recordMessage?.(`missed:${interviewId}:${items[0]?.id ?? 0}`, interviewId, interview.ownerId, { channel, ts }, now);
      report.summaries += 1;
    } catch (error) {
      await deps.timeline.releaseSummary(ids, now);
      deps.logger.warn({ interviewId, slackError: classifySlackError(error).code }, 'missed-reminders summary not delivered; will retry');
    }
  }
}
