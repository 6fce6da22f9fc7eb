import type { Interview, TimelineKind } from '../../domain/interview.js';
import type { InterviewRepository } from '../../domain/repositories.js';
import { planTimeline, snoozeUntil } from '../../domain/timeline.js';
import type { TimelineItem, TimelineRepository } from '../../domain/timelineRepository.js';
import { UserFacingError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../i18n/index.js';
import { classifySlackError } from '../slackErrors.js';
import { slackDate } from '../format.js';
import { buildReminder, TICKABLE, type ReminderStatus } from '../views/reminders.js';
import type { ReminderGateway } from './reminderGateway.js';
import type { TimezoneResolver } from './timezones.js';

/**
 * Everything a person does to an interview's timeline: (re)planning after a save, ticking a task
 * off, snoozing, cancelling. The scheduler job only sends.
 */
export class TimelineService {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly interviews: InterviewRepository,
    private readonly timezones: TimezoneResolver,
    private readonly gateway: ReminderGateway,
    private readonly t: Translator,
    private readonly logger: Logger,
  ) {}

  /** Synchronous, on the save path, with the cached timezone: a crash after the save loses nothing. */
  plan(interview: Interview, now: Date): void {
    this.timeline.replan(interview.id, planTimeline(interview, this.timezones.cached(interview.ownerId), now), now);
  }

  /** After the ack: if Slack now reports another timezone than the cached one, plan again with it. */
  async planWithFreshTimezone(interview: Interview, now: Date): Promise<void> {
    const before = this.timezones.cached(interview.ownerId);
    const tz = await this.timezones.resolve(interview.ownerId, now);
    if (tz !== before) this.timeline.replan(interview.id, planTimeline(interview, tz, now), now);
  }

  /** `Gedaan` or a ✅ reaction: the task is done; interview-day tasks also tick the checklist. */
  async complete(item: TimelineItem, interview: Interview, userId: string, now: Date): Promise<void> {
    if (!TICKABLE.has(item.kind)) return;
    if (item.doneAt) throw new UserFacingError('reminder.alreadyDone');
    this.timeline.markDone(item.id, userId, now);
    if (item.kind === 'candidate_checkin') this.interviews.markDayTask(interview.id, 'checkin', now);
    if (item.kind === 'client_reminder') this.interviews.markDayTask(interview.id, 'client_reminder', now);
    this.logger.info({ interviewId: interview.id, kind: item.kind }, 'reminder task done');
    await this.redraw(item, { type: 'done', by: userId, at: now }, now);
  }

  /**
   * An interview-day task ticked off from the card: the checklist ticks, and the reminder for it is
   * done too (updated in place if it was already sent, not sent at all if it was still ahead).
   */
  async completeDayTask(interview: Interview, task: 'checkin' | 'client_reminder', userId: string, now: Date): Promise<void> {
    const kind = task === 'checkin' ? 'candidate_checkin' : 'client_reminder';
    const item = this.timeline.forInterview(interview.id).find((i) => i.kind === kind);
    if (item && !item.doneAt) {
      await this.complete(item, interview, userId, now);
      return;
    }
    this.interviews.markDayTask(interview.id, task, now);
  }

  /**
   * A follow-up was logged: its reminders are done. Those already sent (the prompt, the overdue
   * alert) are updated in place; pending ones are then skipped by the scheduler as satisfied.
   */
  async completeKinds(interview: Interview, kinds: TimelineKind[], userId: string, now: Date): Promise<void> {
    for (const item of this.timeline.forInterview(interview.id)) {
      if (!kinds.includes(item.kind) || item.doneAt || item.state !== 'sent') continue;
      this.timeline.markDone(item.id, userId, now);
      await this.redraw(item, { type: 'done', by: userId, at: now }, now);
    }
  }

  async snooze(item: TimelineItem, interview: Interview, minutes: number, now: Date): Promise<void> {
    const until = snoozeUntil(item.kind, interview, now, minutes);
    if (!until) {
      const deadline = slackDate(interview.logistics.start, this.timezones.cached(interview.ownerId), this.t.language);
      throw new UserFacingError('reminder.snoozeRefused', { deadline });
    }
    this.timeline.snooze(item.id, until, now);
    this.logger.info({ interviewId: interview.id, kind: item.kind, minutes }, 'reminder snoozed');
    await this.redraw(item, { type: 'snoozed', until }, now);
  }

  /** Cancels the interview: nothing more is sent, and every reminder already sent says so. */
  async cancel(interview: Interview, userId: string, now: Date): Promise<boolean> {
    if (!this.interviews.cancel(interview.id, userId, now)) return false;
    const sent = this.timeline.cancelAll(interview.id, now);
    this.logger.info({ interviewId: interview.id, sentMessages: sent.length }, 'interview cancelled');
    for (const item of sent) await this.redraw(item, { type: 'cancelled' }, now);
    return true;
  }

  /** Re-renders a sent reminder with its new status (fresh data, same script). */
  private async redraw(item: TimelineItem, status: ReminderStatus, now: Date): Promise<void> {
    if (!item.channel || !item.ts) return;
    const interview = this.interviews.get(item.interviewId);
    if (!interview) return;
    const tz = this.timezones.cached(interview.ownerId);
    try {
      await this.gateway.update(item.channel, item.ts, buildReminder({ item, interview, tz, t: this.t, now, status }));
    } catch (error) {
      this.logger.warn({ itemId: item.id, slackError: classifySlackError(error).code }, 'could not update the reminder message');
    }
  }
}
