import type { TimelineKind, TimelineState } from './interview.js';
import type { PlannedItem } from './timeline.js';

/**
 * Why an item was not sent: its work was done, its moment passed while the bot was down, the
 * interview was cancelled or moved to a new plan, its moment had passed when the plan was made (in
 * the catch-up message instead), or it would have said nothing worth saying (quiet).
 */
export type SkipReason = 'satisfied' | 'stale' | 'cancelled' | 'moved' | 'caught_up' | 'quiet';

export interface TimelineItem {
  id: number;
  interviewId: number;
  kind: TimelineKind;
  /** The plan this item belongs to: at most one message per (interview, kind, plan). */
  plan: number;
  dueAt: Date;
  state: TimelineState;
  attempts: number;
  nextAttemptAt?: Date;
  snoozedUntil?: Date;
  channel?: string;
  ts?: string;
  lastError?: string;
  sentAt?: Date;
  doneAt?: Date;
  doneBy?: string;
  skipReason?: SkipReason;
}

/** Storage of timeline items; every transition is one atomic statement. */
export interface TimelineRepository {
  /**
   * Writes plan number `plan` of an interview (one transaction): its items are added, every item of
   * it not yet sent gets its new due instant and starting state; sent items stay as they are. Items
   * of older plans are cancelled as `moved`, and those that have a message owe a "verplaatst" rewrite.
   */
  replan(interviewId: number, plan: number, items: PlannedItem[], now: Date): Promise<void>;
  /** Messages of old plans still to be rewritten as moved. */
  movedOwed(limit: number): Promise<TimelineItem[]>;
  markMovedRewritten(id: number, now: Date): Promise<void>;
  /** Items of a plan that its catch-up message covers. */
  caughtUp(interviewId: number, plan: number): Promise<TimelineItem[]>;
  /** Pending items due at `now` (and past any retry back-off), earliest first. */
  due(now: Date, limit: number): Promise<TimelineItem[]>;
  /**
   * Items left in `sending`: by a process that died mid-call, or by a call that got no answer
   * (`markInDoubt`, which sets `nextAttemptAt`). The DM history decides whether they were sent.
   */
  stuckSending(leaseNow: Date): Promise<TimelineItem[]>;
  /** Takes a stuck item for one history check until `leaseUntil`; false if another process has it. */
  releaseForCheck(id: number, leaseNow: Date, leaseUntil: Date): Promise<boolean>;
  get(id: number): Promise<TimelineItem | undefined>;
  /** Every item of the interview, all plans. */
  forInterview(interviewId: number): Promise<TimelineItem[]>;
  findByMessage(channel: string, ts: string): Promise<TimelineItem | undefined>;

  /** pending → sending, recording the channel; false if another worker took it first. */
  markSending(id: number, channel: string, now: Date, leaseUntil: Date): Promise<boolean>;
  markSent(id: number, channel: string, ts: string, now: Date): Promise<void>;
  /** Back to pending after a failure that may pass, not before `nextAttemptAt`. */
  markRetry(id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void>;
  /**
   * A call that got no answer (timed out) may have reached Slack: the item stays `sending`, so the
   * next tick looks it up in the DM history before sending again; if it is not there, it is due at
   * `nextAttemptAt` (the back-off).
   */
  markInDoubt(id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void>;
  /** A permanent failure: recorded, not retried. */
  markFailed(id: number, error: string, now: Date): Promise<void>;
  markSkipped(id: number, reason: SkipReason, now: Date): Promise<void>;
  /** A send that never reached Slack (checked against history): due again. */
  resetToPending(id: number, now: Date): Promise<void>;

  markDone(id: number, userId: string, now: Date): Promise<void>;
  /** Not sent before `until` (quiet hours); its moment (`dueAt`) stays what it was. */
  hold(id: number, until: Date, now: Date): Promise<void>;
  /** Due again at `until` (a new message then); the current message keeps its ts until replaced. */
  snooze(id: number, until: Date, now: Date): Promise<void>;
  /** Cancels everything not yet sent; returns the sent items so their messages can be marked. */
  cancelAll(interviewId: number, now: Date): Promise<TimelineItem[]>;

  /** Stale-skipped items not yet reported to the consultant, grouped by interview. */
  unsummarizedStale(limit: number): Promise<Map<number, TimelineItem[]>>;
  markSummarized(ids: number[], now: Date): Promise<void>;
  /** Takes an old plan's message for its "Verplaatst" rewrite until `leaseUntil`; false if another process has it. */
  claimRewrite(id: number, leaseNow: Date, leaseUntil: Date): Promise<boolean>;
  /** The rewrite failed and will be tried again on the next tick. */
  releaseRewrite(id: number): Promise<void>;
  /** Takes these stale items for one missed-reminders summary; false if another process has (some of) them. */
  claimSummary(ids: number[], now: Date): Promise<boolean>;
  /** The summary could not be sent: the items are looked at again. */
  releaseSummary(ids: number[], now: Date): Promise<void>;
}
