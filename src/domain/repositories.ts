import type { CoachingNeed, CultureNotes, Interview, InterviewContext, LastMinuteChange, Logistics, Stakeholder } from './interview.js';
import type { Task } from './rules.js';
import type { StatsRow } from './stats.js';
import type { CoachingFields, DebriefFields, ExpectationsFields, FeedbackFields, LoopFields } from './validation.js';

export type StakeholderFields = Omit<Stakeholder, 'id'>;
export type ContextFields = Omit<InterviewContext, 'updatedAt'>;

/**
 * Storage ports the domain and the Slack layer depend on; src/storage implements them once for
 * SQLite and PostgreSQL (storage/sql.ts). Every method is asynchronous (PostgreSQL is) and atomic.
 */
export interface InterviewRepository {
  /**
   * Stores a new interview. The same `originViewId` twice (a double-submitted modal) returns the
   * interview stored the first time instead of a duplicate.
   */
  create(ownerId: string, logistics: Logistics, now: Date, originViewId?: string): Promise<Interview>;
  /**
   * Replaces the logistics. With `expectedRevision`, a concurrent change (a double submit, a second
   * tab) is refused with RevisionConflictError instead of silently overwriting.
   */
  updateLogistics(id: number, logistics: Logistics, now: Date, expectedRevision?: number): Promise<Interview>;
  get(id: number): Promise<Interview | undefined>;
  /** Several at once (one query per table, not per interview): the scheduler's batches. */
  getMany(ids: number[]): Promise<Interview[]>;
  setCard(id: number, card: { channel: string; ts: string }): Promise<void>;
  /**
   * `overdragen`: `to` becomes the owner (the old card is let go, the ownership history grows);
   * undefined when nothing changed (already theirs, erased, gone). Run it inside `atomically`.
   */
  handOver(id: number, to: string, by: string, now: Date): Promise<Interview | undefined>;
  /** Scheduled interviews starting at or after `from`, soonest first; `ownerId` undefined = everyone. */
  listUpcoming(query: { ownerId?: string; from: Date; until?: Date; limit: number }): Promise<Interview[]>;
  countUpcoming(query: { ownerId?: string; from: Date; until?: Date }): Promise<number>;
  /**
   * Interviews that have ended (start + duration ≤ now), started at or after `since`, and whose loop
   * is not closed: follow-up still owed. Most recent first.
   */
  listOpenFollowUp(query: { ownerId?: string; since: Date; now: Date; limit: number }): Promise<Interview[]>;

  addStakeholder(interviewId: number, fields: StakeholderFields, now: Date): Promise<Stakeholder>;
  /** False when the stakeholder does not exist or belongs to another interview. */
  updateStakeholder(interviewId: number, stakeholderId: number, fields: StakeholderFields, now: Date): Promise<boolean>;
  removeStakeholder(interviewId: number, stakeholderId: number, now: Date): Promise<boolean>;
  saveCulture(interviewId: number, culture: CultureNotes, now: Date): Promise<void>;
  saveContext(interviewId: number, context: ContextFields, now: Date): Promise<void>;
  /** False when it was not scheduled (already cancelled). */
  cancel(interviewId: number, userId: string, now: Date): Promise<boolean>;
  /** Records a `Gedaan` for a task in the current plan; false when it was already done in this plan. */
  markTaskDone(interviewId: number, task: Task, userId: string, now: Date): Promise<boolean>;
  /** Stores (or replaces) the coaching check with its derived need. */
  saveCoaching(interviewId: number, fields: CoachingFields, need: CoachingNeed, now: Date): Promise<void>;
  markAdviceSent(interviewId: number, now: Date): Promise<void>;
  saveExpectations(interviewId: number, fields: ExpectationsFields, now: Date): Promise<void>;
  /** Records a last-minute change; a reschedule also moves the start (one transaction). */
  recordChange(interviewId: number, change: Omit<LastMinuteChange, 'id' | 'createdAt' | 'previousStart'>, now: Date): Promise<Interview>;
  saveDebrief(interviewId: number, fields: DebriefFields, now: Date): Promise<void>;
  saveFeedback(interviewId: number, fields: FeedbackFields, now: Date): Promise<void>;
  closeLoop(interviewId: number, fields: LoopFields, now: Date): Promise<void>;
  /** SLA rows of interviews that ended in [from, to), not cancelled; `ownerId` undefined = team. */
  statsRows(query: { ownerId?: string; from: Date; to: Date }): Promise<StatsRow[]>;
  /** Scheduled interviews starting within (now, until] whose context-risk check has not run. */
  dueContextChecks(now: Date, until: Date, limit: number): Promise<Interview[]>;
  markContextChecked(interviewId: number, now: Date): Promise<void>;
  /**
   * Erases the personal data of an interview (candidate name and contact, every free-text note,
   * the interviewers' profiles) and keeps the anonymous shape the figures need: times, formats,
   * choices, which follow-up happened when. Returns false if it was erased already.
   */
  erase(interviewId: number, now: Date): Promise<boolean>;
  /** Interviews not yet erased that ended before `endedBefore` (retention). */
  dueForErasure(endedBefore: Date, limit: number): Promise<number[]>;
}

/** Risk moments worth a team lead's attention (SPEC "Risk moments"); one per (interview, reason). */
export const RISK_REASONS = [
  'coaching_intensive',
  'prep_incomplete',
  'last_minute_change',
  'debrief_overdue',
  'client_feedback_overdue',
  'loop_overdue',
  'context_risk',
] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

export interface RiskAlert {
  id: number;
  interviewId: number;
  reason: RiskReason;
  occurrence: number;
  state: 'pending' | 'posted' | 'failed';
  detail?: string;
  channel?: string;
  ts?: string;
  attempts: number;
  nextAttemptAt?: Date;
  lastError?: string;
  claimedBy?: string;
  claimedAt?: Date;
  resolvedAt?: Date;
  warnedAt?: Date;
  postedAt?: Date;
  /** Sent to the team leads after ESCALATE_AFTER_MINUTES without a claim. */
  escalatedAt?: Date;
  /** Set while an attempt holds the alert; still set afterwards = that attempt never finished. */
  leaseUntil?: Date;
  createdAt: Date;
}

export interface RiskRepository {
  /**
   * Records the moment; undefined when this interview already had one for this reason and
   * occurrence (plan, change or 0: rules.ts RISK_OCCURRENCE).
   */
  record(interviewId: number, reason: RiskReason, occurrence: number, detail: string | undefined, now: Date): Promise<RiskAlert | undefined>;
  reasonsFor(interviewId: number): Promise<RiskReason[]>;
  get(id: number): Promise<RiskAlert | undefined>;
  /** Alerts waiting to be posted (or re-posted after a failure), oldest first. */
  pending(now: Date, limit: number): Promise<RiskAlert[]>;
  allFor(interviewId: number): Promise<RiskAlert[]>;
  /** Posted alerts of an interview that are not resolved yet. */
  openPosted(interviewId: number): Promise<RiskAlert[]>;
  /**
   * Takes a pending alert for sending until `until` (wall-clock instants, not business time); false
   * if another caller holds it (a listener's refresh and a scheduler tick may both try it at once).
   */
  lease(id: number, now: Date, until: Date): Promise<boolean>;
  markPosted(id: number, channel: string, ts: string, now: Date): Promise<void>;
  markRetry(id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void>;
  /** An attempt whose answer never came (timeout): retried after `nextAttemptAt`, history first. */
  markInDoubt(id: number, error: string, nextAttemptAt: Date, leaseUntil: Date): Promise<void>;
  markFailed(id: number, error: string, now: Date): Promise<void>;
  markWarned(id: number, now: Date): Promise<void>;
  /** Whether a consultant was told since `since` that an alert about one of their interviews could not be posted. */
  ownerWarnedSince(ownerId: string, since: Date): Promise<boolean>;
  /** First claim wins; false if someone already claimed it. */
  claim(id: number, userId: string, now: Date): Promise<boolean>;
  resolve(id: number, now: Date): Promise<void>;
  /** Open alerts (not claimed, resolved, failed or escalated) recorded at or before `before`, oldest first. */
  unescalated(before: Date, limit: number): Promise<RiskAlert[]>;
  markEscalated(id: number, now: Date): Promise<void>;
  /** Open alerts nobody claimed yet, oldest first (the team lead's view). */
  openUnclaimed(limit: number): Promise<RiskAlert[]>;
}

/** When periodic jobs last completed a run. */
export interface JobRunRepository {
  lastRun(name: string): Promise<Date | undefined>;
  recordRun(name: string, at: Date): Promise<void>;
}

export interface DigestRepository {
  posted(week: string): Promise<boolean>;
  /** `ts` undefined: a quiet week, recorded without a message. */
  save(week: string, channel: string, ts: string | undefined, now: Date): Promise<void>;
}

/** What is known of a consultant's timezone (SPEC "Timeline": users.info tz, else DEFAULT_TIMEZONE). */
export interface ConsultantTimezone {
  /** From Slack; undefined = DEFAULT_TIMEZONE (Slack gave none, or has not told yet). */
  tz?: string;
  /**
   * When Slack last answered (users.info, user_change). Undefined = never: the zone is a guess, and
   * every plan made in it is provisional until the zone is known.
   */
  fetchedAt?: Date;
  /** A users.info lookup failed in a way that may pass: the next attempt, not before this. */
  retryAt?: Date;
  /** Failed lookups in a row (the back-off). */
  failures: number;
}

export interface ConsultantRepository {
  get(userId: string): Promise<ConsultantTimezone | undefined>;
  /**
   * What Slack answered, at `fetchedAt`; clears a retry owed. When the zone is new (first answer, or
   * another zone than before) the consultant's upcoming plans are marked to be replanned in it, in
   * the same statement; returns whether it was new.
   */
  saveTimezone(userId: string, tz: string | undefined, fetchedAt: Date): Promise<boolean>;
  /** users.info failed in a way that may pass: try again at `at` (`failures` in a row so far). */
  scheduleTimezoneRetry(userId: string, at: Date, failures: number): Promise<void>;
  /**
   * Consultants whose zone is to be looked up at `now`, most overdue first: a retry owed and due, or
   * (no retry owed) a zone older than `staleBefore` or never known while they have an interview ahead.
   */
  timezoneLookupsDue(now: Date, staleBefore: Date, limit: number): Promise<string[]>;
  /** Consultants whose zone was learned or changed and whose upcoming plans are not replanned in it yet. */
  timezoneReplansOwed(limit: number): Promise<string[]>;
  markTimezoneReplanned(userId: string): Promise<void>;
  /** The app's DM channel with the user, once known (conversations.open). */
  dmChannel(userId: string): Promise<string | undefined>;
  saveDmChannel(userId: string, channel: string): Promise<void>;
}

/**
 * Runs `work` as one unit: every repository write inside it is committed together or not at all
 * (a throw rolls everything back). Nested calls join the outer unit.
 */
export type Atomically = <T>(work: () => Promise<T>) => Promise<T>;

export class RevisionConflictError extends Error {
  override readonly name = 'RevisionConflictError';
  constructor(readonly interviewId: number) {
    super(`Interview ${interviewId} was changed concurrently`);
  }
}
