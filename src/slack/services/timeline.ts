import type { Interview, TimelineKind } from '../../domain/interview.js';
import type { InterviewRepository } from '../../domain/repositories.js';
import { planTimeline, snoozeUntil, type PlannedItem, type WorkingCalendar } from '../../domain/timeline.js';
import type { TimelineItem, TimelineRepository } from '../../domain/timelineItems.js';
import { UserFacingError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { slackDate } from '../format.js';
import { KIND_RULES, TICKABLE_KINDS, type Task } from '../../domain/rules.js';
import type { OutboxService } from './outbox.js';
import type { TimezoneResolver } from './timezones.js';

/** Upcoming interviews of one consultant replanned at once when their zone changes (a bound, not a page). */
const UPCOMING_REPLAN_LIMIT = 1000;

/**
 * Everything a person does to an interview's timeline: (re)planning after a save, ticking a task
 * off, snoozing, cancelling. The scheduler job only sends.
 */
export class TimelineService {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly interviews: InterviewRepository,
    private readonly timezones: TimezoneResolver,
    private readonly outbox: OutboxService,
    private readonly clock: () => Date,
    private readonly t: Translator,
    private readonly logger: Logger,
    /** Weekends and HOLIDAY_COUNTRY's public holidays: where "the last working day before T" falls. */
    private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * On the save path (no Slack call), with the cached timezone: a crash after the save loses nothing.
   * The interview's plan number (bumped by the repository when the start moved) decides whether
   * this writes the current plan again or starts a new one and retires the old.
   */
  async plan(interview: Interview, now: Date): Promise<void> {
    await this.timeline.replan(interview.id, interview.plan, planTimeline(interview, await this.timezones.cached(interview.ownerId), now, this.calendar), now);
  }

  /**
   * After the ack: if Slack now reports another timezone than the cached one, plan again with it.
   * If users.info failed, the plan stays provisional (made in the cached zone or DEFAULT_TIMEZONE)
   * until the timezone job learns the zone and replans it (`replanInZone`).
   */
  async planWithFreshTimezone(interview: Interview, now: Date): Promise<void> {
    const before = await this.timezones.cached(interview.ownerId);
    const tz = await this.timezones.resolve(interview.ownerId, now);
    if (tz !== before) await this.applyZone(interview, tz, now);
  }

  /**
   * After a handover: what has not gone out yet is planned in the new owner's (cached) zone, in the
   * same plan — nothing is sent again, nothing done is undone.
   */
  async inOwnersZone(interview: Interview, now: Date): Promise<void> {
    await this.applyZone(interview, await this.timezones.cached(interview.ownerId), now);
  }

  /**
   * The consultant's zone is new (first known after a failed lookup, or changed): the current plan
   * of each of their upcoming interviews is rewritten in it. Only what has not gone out moves; sent
   * messages, snoozes and the scheduler's decisions stay. Returns how many interviews changed.
   */
  async replanInZone(ownerId: string, tz: string, now: Date): Promise<number> {
    let changed = 0;
    for (const interview of await this.interviews.listUpcoming({ ownerId, from: now, limit: UPCOMING_REPLAN_LIMIT })) {
      if (await this.applyZone(interview, tz, now)) changed += 1;
    }
    return changed;
  }

  /**
   * Rewrites the current plan's not-yet-sent items with their moments in `tz` (same plan number:
   * nothing is retired or sent again). An item keeps its state unless it is still open: pending and
   * not snoozed, or — while the plan's catch-up message has not gone out — caught up or quiet. Once
   * the catch-up was sent, a moment the new zone puts in the past is sent on its own (at once)
   * rather than folded into a message that is already out; a catch-up left with nothing to say is
   * not sent. Returns whether anything changed.
   */
  private async applyZone(interview: Interview, tz: string, now: Date): Promise<boolean> {
    const current = new Map(
      (await this.timeline.forInterview(interview.id)).filter((i) => i.plan === interview.plan).map((i) => [i.kind, i] as const),
    );
    const catchUp = current.get('catch_up');
    // Out (or going out): a message exists, or the scheduler is sending or already decided it.
    const catchUpOut =
      catchUp !== undefined && (catchUp.ts !== undefined || (catchUp.state !== 'pending' && !(catchUp.state === 'skipped' && catchUp.skipReason === 'quiet')));
    const planned = planTimeline(interview, tz, now, this.calendar);
    const changes: PlannedItem[] = [];
    for (const p of planned) {
      const item = current.get(p.kind);
      const next: PlannedItem = catchUpOut && p.state === 'caught_up' ? { ...p, state: 'pending' } : p;
      if (item) {
        const open =
          (item.state === 'pending' && !item.snoozedUntil) ||
          (!catchUpOut && item.state === 'skipped' && (item.skipReason === 'caught_up' || item.skipReason === 'quiet'));
        if (!open) continue;
        const state = item.state === 'pending' ? 'pending' : item.skipReason;
        if (item.dueAt.getTime() === next.dueAt.getTime() && state === next.state) continue;
      }
      changes.push(next);
    }
    let changed = changes.length > 0;
    if (changed) await this.timeline.replan(interview.id, interview.plan, changes, now);
    // The new zone left nothing to catch up on: the pending catch-up would say nothing.
    if (catchUp && !catchUpOut && catchUp.state === 'pending' && !planned.some((p) => p.kind === 'catch_up')) {
      await this.timeline.markSkipped(catchUp.id, 'quiet', now);
      changed = true;
    }
    return changed;
  }

  /**
   * `Gedaan` or a ✅ reaction on a reminder: its task is recorded as done (when, by whom, in this
   * plan), which stops the reminders and alerts that only wait for it (rules.ts), and the message
   * shows it. On the catch-up message a ✅ ticks every task it lists.
   */
  async complete(item: TimelineItem, interview: Interview, userId: string, now: Date): Promise<void> {
    if (item.plan !== interview.plan) throw new UserFacingError('reminder.moved');
    if (item.kind === 'catch_up') {
      const covered = (await this.timeline.caughtUp(interview.id, item.plan)).filter((x) => TICKABLE_KINDS.has(x.kind));
      const open = covered.filter((x) => !interview.done[KIND_RULES[x.kind].gedaan as Task]);
      if (open.length === 0) throw new UserFacingError('reminder.alreadyDone');
      for (const x of open) await this.record(x, interview, userId, now);
      await this.redrawCatchUp(interview.id, item.plan, now);
      return;
    }
    const task = KIND_RULES[item.kind].gedaan;
    if (!task) return;
    if (interview.done[task] || item.doneAt) throw new UserFacingError('reminder.alreadyDone');
    await this.record(item, interview, userId, now);
    if (item.skipReason === 'caught_up') await this.redrawCatchUp(interview.id, item.plan, now);
    else await this.redraw(item, now);
    // The same task may have another message in this plan (debrief prompt and overdue alert).
    await this.completeKinds(interview, [], userId, now, task);
  }

  private async record(item: TimelineItem, interview: Interview, userId: string, now: Date): Promise<void> {
    const task = KIND_RULES[item.kind].gedaan;
    if (!task) return;
    await this.interviews.markTaskDone(interview.id, task, userId, now);
    await this.timeline.markDone(item.id, userId, now);
    this.logger.info({ interviewId: interview.id, kind: item.kind, task }, 'reminder task done');
  }

  /**
   * An interview-day task ticked off from the card: recorded like `Gedaan`, and the reminder for it
   * is done too (updated in place if it was already sent, not sent at all if it was still ahead).
   */
  async completeTask(interview: Interview, task: Task, userId: string, now: Date): Promise<void> {
    if (interview.done[task]) throw new UserFacingError('reminder.alreadyDone');
    const item = (await this.timeline.forInterview(interview.id)).find((i) => KIND_RULES[i.kind].gedaan === task && i.plan === interview.plan && !i.doneAt);
    if (item) {
      await this.complete(item, interview, userId, now);
      return;
    }
    await this.interviews.markTaskDone(interview.id, task, userId, now);
    this.logger.info({ interviewId: interview.id, task }, 'task confirmed');
  }

  /**
   * A task was done (a follow-up form logged, or `Gedaan` on one of its messages): every sent
   * message of the current plan that waits for it — `kinds`, or all kinds whose `Gedaan` records
   * `task` — is updated in place; pending ones are then skipped by the scheduler as satisfied.
   */
  async completeKinds(interview: Interview, kinds: TimelineKind[], userId: string, now: Date, task?: Task): Promise<void> {
    for (const item of await this.timeline.forInterview(interview.id)) {
      const waits = kinds.includes(item.kind) || (task !== undefined && KIND_RULES[item.kind].gedaan === task);
      if (!waits || item.plan !== interview.plan || item.doneAt || item.state !== 'sent') continue;
      await this.timeline.markDone(item.id, userId, now);
      await this.redraw(item, now);
    }
  }

  async snooze(item: TimelineItem, interview: Interview, minutes: number, now: Date): Promise<void> {
    if (item.plan !== interview.plan) throw new UserFacingError('reminder.moved');
    const until = snoozeUntil(item.kind, interview, now, minutes);
    if (!until) {
      const deadline = slackDate(interview.logistics.start, await this.timezones.cached(interview.ownerId), this.t.language);
      throw new UserFacingError('reminder.snoozeRefused', { deadline });
    }
    await this.timeline.snooze(item.id, until, now);
    this.logger.info({ interviewId: interview.id, kind: item.kind, minutes }, 'reminder snoozed');
    await this.redraw(item, now);
  }

  /** Cancels the interview: nothing more is sent, and every reminder already sent says so. */
  async cancel(interview: Interview, userId: string, now: Date): Promise<boolean> {
    if (!(await this.interviews.cancel(interview.id, userId, now))) return false;
    const sent = await this.timeline.cancelAll(interview.id, now);
    this.logger.info({ interviewId: interview.id, sentMessages: sent.length }, 'interview cancelled');
    for (const item of sent) await this.redraw(item, now);
    return true;
  }

  /** Re-renders the plan's catch-up message after one of its tasks was ticked off. */
  private async redrawCatchUp(interviewId: number, plan: number, now: Date): Promise<void> {
    const item = (await this.timeline.forInterview(interviewId)).find((x) => x.kind === 'catch_up' && x.plan === plan);
    const interview = await this.interviews.get(interviewId);
    if (!item || !interview) return;
    await this.redraw(item, now, interview);
  }

  /**
   * A sent reminder shows its new status: an outbox row, rendered from the record when delivered
   * (so a failed `chat.update` is retried, and a retry never shows an outdated status).
   */
  private async redraw(item: TimelineItem, now: Date, interview?: Interview): Promise<void> {
    if (!item.channel || !item.ts) return;
    const owner = interview ?? (await this.interviews.get(item.interviewId));
    if (!owner) return;
    await this.outbox.reminderUpdate(item, owner, now);
    await this.outbox.kick(this.clock);
  }
}
