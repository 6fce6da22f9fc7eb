/**
 * The outbox (SPEC "every message exactly once, tracked and erasable"): a message is first a row,
 * then a delivery. Pure types and the repository port; src/storage implements it.
 */

export const OUTBOX_KINDS = ['card', 'card_update', 'coaching_advice', 'change_confirmation', 'digest', 'erasure_rewrite', 'file_delete', 'ledger', 'reminder_update', 'nudge', 'escalation', 'escalation_update', 'handover_rewrite'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** What an erasure rewrite rewrites: the card, a reminder, a risk alert, or another outbox message. */
export type RewriteTarget = { target: 'card' } | { target: 'timeline'; itemId: number } | { target: 'risk'; alertId: number } | { target: 'outbox'; rowId: number };

export interface OutboxRow {
  id: number;
  purpose: string;
  kind: OutboxKind;
  interviewId?: number;
  recipient: string;
  params: Record<string, unknown>;
  state: OutboxState;
  channel?: string;
  ts?: string;
  fileId?: string;
  attempts: number;
  nextAttemptAt?: Date;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
  version: number;
}

export interface NewOutboxRow {
  purpose: string;
  kind: OutboxKind;
  interviewId?: number;
  recipient: string;
  params?: Record<string, unknown>;
  /** For an update or a deletion: the message or file it acts on. */
  channel?: string;
  ts?: string;
  fileId?: string;
  /** Not delivered before this moment (a nudge after its grace period). */
  notBefore?: Date;
}

export interface OutboxRepository {
  /** Adds the row unless a row with that purpose exists; returns whether it was added. */
  enqueue(row: NewOutboxRow, now: Date): Promise<boolean>;
  /**
   * A rewrite that must reflect the latest data (the card): adds the row, or makes a delivered one
   * due again; either way bumps its version so an attempt in flight with older data is not final.
   */
  rearm(row: NewOutboxRow, now: Date): Promise<void>;
  /** Records a message delivered elsewhere so it can be found (and erased) later. */
  recordSent(row: NewOutboxRow & { channel: string; ts?: string; fileId?: string }, now: Date): Promise<void>;
  /** Rows ready for an attempt at `now`: pending and past their back-off, or `sending` with a lapsed lease. */
  ready(now: Date, leaseNow: Date, limit: number): Promise<OutboxRow[]>;
  /** Takes a row for one attempt until `leaseUntil` (wall clock); false if someone else has it. */
  claim(id: number, now: Date, leaseNow: Date, leaseUntil: Date): Promise<boolean>;
  /** Done — unless the row was re-armed since `version` was read (then it stays due). */
  markSent(id: number, result: { channel?: string; ts?: string; fileId?: string }, now: Date, version?: number): Promise<void>;
  markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** A send whose answer never came: stays `sending`, looked up in the history once `leaseUntil` passes. */
  markInDoubt(id: number, error: string, leaseUntil: Date): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  get(id: number): Promise<OutboxRow | undefined>;
  /** Every row about an interview (for erasure and export). */
  forInterview(interviewId: number): Promise<OutboxRow[]>;
  /** Rows of `kind` whose purpose starts with `prefix` (an alert's escalation copies). */
  byPurposePrefix(prefix: string): Promise<OutboxRow[]>;
  /** Rows not yet delivered, and how many of them finish an erasure (health). */
  live(): Promise<LiveOutbox>;
}

/** What /healthz reports of the outbox: messages still owed; erasure rewrites/deletions among them. */
export interface LiveOutbox {
  pending: number;
  erasuresPending: number;
}
