import type { Db } from './db.js';
import type { TimelineKind, TimelineState } from '../domain/interview.js';
import type { PlannedItem } from '../domain/timeline.js';
import type { SkipReason, TimelineItem, TimelineRepository } from '../domain/timelineItems.js';

type Row = Record<string, unknown>;
const date = (v: unknown) => (typeof v === 'number' ? new Date(v) : undefined);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

function toItem(r: Row): TimelineItem {
  return {
    id: r.id as number,
    interviewId: r.interview_id as number,
    kind: r.kind as TimelineKind,
    plan: r.plan as number,
    dueAt: new Date(r.due_at as number),
    state: r.state as TimelineState,
    attempts: r.attempts as number,
    nextAttemptAt: date(r.next_attempt_at),
    snoozedUntil: date(r.snoozed_until),
    channel: text(r.channel),
    ts: text(r.ts),
    lastError: text(r.last_error),
    sentAt: date(r.sent_at),
    doneAt: date(r.done_at),
    doneBy: text(r.done_by),
    skipReason: text(r.skip_reason) as SkipReason | undefined,
  };
}

export class SqliteTimelineRepository implements TimelineRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      // Sent (or being sent) items keep their history; a stale skip already told to the consultant
      // stays told. Everything else of the plan takes its new due instant and starting state.
      upsert: db.prepare(`INSERT INTO timeline_items (interview_id, kind, plan, due_at, state, skip_reason, updated_at)
        VALUES (@interviewId, @kind, @plan, @dueAt, @state, @skipReason, @now)
        ON CONFLICT (interview_id, kind, plan) DO UPDATE SET
          due_at = excluded.due_at, state = excluded.state, attempts = 0, next_attempt_at = NULL,
          snoozed_until = NULL, last_error = NULL, skip_reason = excluded.skip_reason, summarized_at = NULL,
          updated_at = excluded.updated_at
        WHERE timeline_items.state NOT IN ('sent', 'sending')
          AND NOT (timeline_items.state = 'skipped' AND timeline_items.skip_reason = 'stale')`),
      // Older plans: nothing more is sent for them; their messages are rewritten as moved (owed).
      retire: db.prepare(`UPDATE timeline_items SET
          state = CASE WHEN state IN ('sent', 'sending') THEN state ELSE 'cancelled' END,
          skip_reason = 'moved', updated_at = @now
        WHERE interview_id = @interviewId AND plan < @plan AND skip_reason IS NOT 'moved'`),
      movedOwed: db.prepare(`SELECT * FROM timeline_items
        WHERE skip_reason = 'moved' AND ts IS NOT NULL AND moved_marked_at IS NULL AND state <> 'sending'
        ORDER BY id LIMIT ?`),
      movedMarked: db.prepare('UPDATE timeline_items SET moved_marked_at = ?, lease_until = NULL WHERE id = ?'),
      // A sent message's rewrite ("Verplaatst") is taken by one process at a time, with a lease.
      rewriteClaim: db.prepare(`UPDATE timeline_items SET lease_until = @leaseUntil WHERE id = @id AND state <> 'sending'
        AND moved_marked_at IS NULL AND (lease_until IS NULL OR lease_until <= @leaseNow)`),
      rewriteRelease: db.prepare(`UPDATE timeline_items SET lease_until = NULL WHERE id = ? AND state <> 'sending'`),
      caughtUp: db.prepare(`SELECT * FROM timeline_items WHERE interview_id = ? AND plan = ?
        AND state = 'skipped' AND skip_reason = 'caught_up' ORDER BY due_at, id`),
      due: db.prepare(`SELECT * FROM timeline_items
        WHERE state = 'pending' AND due_at <= @now AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
        ORDER BY due_at, id LIMIT @limit`),
      stuck: db.prepare(`SELECT * FROM timeline_items WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id`),
      get: db.prepare('SELECT * FROM timeline_items WHERE id = ?'),
      forInterview: db.prepare('SELECT * FROM timeline_items WHERE interview_id = ? ORDER BY due_at, id'),
      byMessage: db.prepare('SELECT * FROM timeline_items WHERE channel = ? AND ts = ?'),
      // A `sending` row with next_attempt_at set is one whose call got no answer (markInDoubt).
      // The claim: only one process (or caller) moves a pending item to `sending`; it holds a lease.
      sending: db.prepare(`UPDATE timeline_items SET state = 'sending', channel = ?, attempts = attempts + 1, next_attempt_at = NULL,
        lease_until = ?, updated_at = ? WHERE id = ? AND state = 'pending'`),
      // No answer: anyone may look it up in the history now (the lease is let go).
      inDoubt: db.prepare(`UPDATE timeline_items SET last_error = ?, next_attempt_at = ?, lease_until = NULL, updated_at = ?
        WHERE id = ? AND state = 'sending'`),
      sent: db.prepare(`UPDATE timeline_items SET state = 'sent', channel = ?, ts = ?, sent_at = ?, last_error = NULL,
        next_attempt_at = NULL, lease_until = NULL, updated_at = ? WHERE id = ?`),
      // Taken for a history check after a lapsed lease: one process at a time.
      relet: db.prepare(`UPDATE timeline_items SET lease_until = @leaseUntil WHERE id = @id AND state = 'sending'
        AND (lease_until IS NULL OR lease_until <= @leaseNow)`),
      summaryClaim: db.prepare('UPDATE timeline_items SET summarized_at = ? WHERE id = ? AND summarized_at IS NULL'),
      summaryRelease: db.prepare('UPDATE timeline_items SET summarized_at = NULL WHERE id = ? AND summarized_at = ?'),
      retry: db.prepare(`UPDATE timeline_items SET state = 'pending', last_error = ?, next_attempt_at = ?, updated_at = ?
        WHERE id = ?`),
      failed: db.prepare(`UPDATE timeline_items SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?`),
      skipped: db.prepare(`UPDATE timeline_items SET state = 'skipped', skip_reason = ?, updated_at = ? WHERE id = ?`),
      reset: db.prepare(`UPDATE timeline_items SET state = 'pending', updated_at = ? WHERE id = ? AND state = 'sending'`),
      done: db.prepare(`UPDATE timeline_items SET done_at = ?, done_by = ?, updated_at = ? WHERE id = ? AND done_at IS NULL`),
      hold: db.prepare(`UPDATE timeline_items SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'pending'`),
      snooze: db.prepare(`UPDATE timeline_items SET state = 'pending', due_at = ?, snoozed_until = ?, attempts = 0,
        next_attempt_at = NULL, updated_at = ? WHERE id = ?`),
      sentOf: db.prepare(`SELECT * FROM timeline_items WHERE interview_id = ? AND state = 'sent'`),
      cancel: db.prepare(`UPDATE timeline_items SET state = 'cancelled', updated_at = ?
        WHERE interview_id = ? AND state IN ('pending', 'failed', 'sending')`),
      unsummarized: db.prepare(`SELECT * FROM timeline_items
        WHERE state = 'skipped' AND skip_reason = 'stale' AND summarized_at IS NULL ORDER BY interview_id, due_at LIMIT ?`),
      summarized: db.prepare('UPDATE timeline_items SET summarized_at = ? WHERE id = ?'),
    };
  }

  replan(interviewId: number, plan: number, items: PlannedItem[], now: Date): void {
    this.db.transaction(() => {
      for (const p of items) {
        this.s.upsert.run({
          interviewId,
          kind: p.kind,
          plan,
          dueAt: p.dueAt.getTime(),
          state: p.state === 'pending' ? 'pending' : 'skipped',
          skipReason: p.state === 'pending' ? null : p.state,
          now: now.getTime(),
        });
      }
      this.s.retire.run({ interviewId, plan, now: now.getTime() });
    })();
  }

  movedOwed(limit: number): TimelineItem[] {
    return (this.s.movedOwed.all(limit) as Row[]).map(toItem);
  }

  claimRewrite(id: number, leaseNow: Date, leaseUntil: Date): boolean {
    return this.s.rewriteClaim.run({ id, leaseNow: leaseNow.getTime(), leaseUntil: leaseUntil.getTime() }).changes === 1;
  }

  releaseRewrite(id: number): void {
    this.s.rewriteRelease.run(id);
  }

  markMovedRewritten(id: number, now: Date): void {
    this.s.movedMarked.run(now.getTime(), id);
  }

  caughtUp(interviewId: number, plan: number): TimelineItem[] {
    return (this.s.caughtUp.all(interviewId, plan) as Row[]).map(toItem);
  }

  due(now: Date, limit: number): TimelineItem[] {
    return (this.s.due.all({ now: now.getTime(), limit }) as Row[]).map(toItem);
  }

  stuckSending(leaseNow: Date): TimelineItem[] {
    return (this.s.stuck.all(leaseNow.getTime()) as Row[]).map(toItem);
  }

  releaseForCheck(id: number, leaseNow: Date, leaseUntil: Date): boolean {
    return this.s.relet.run({ id, leaseNow: leaseNow.getTime(), leaseUntil: leaseUntil.getTime() }).changes === 1;
  }

  claimSummary(ids: number[], now: Date): boolean {
    return this.db.transaction(() => {
      const taken = ids.filter((id) => this.s.summaryClaim.run(now.getTime(), id).changes === 1);
      if (taken.length === ids.length) return true;
      for (const id of taken) this.s.summaryRelease.run(id, now.getTime());
      return false;
    }).immediate();
  }

  releaseSummary(ids: number[], now: Date): void {
    this.db.transaction(() => {
      for (const id of ids) this.s.summaryRelease.run(id, now.getTime());
    })();
  }

  get(id: number): TimelineItem | undefined {
    const r = this.s.get.get(id) as Row | undefined;
    return r ? toItem(r) : undefined;
  }

  forInterview(interviewId: number): TimelineItem[] {
    return (this.s.forInterview.all(interviewId) as Row[]).map(toItem);
  }

  findByMessage(channel: string, ts: string): TimelineItem | undefined {
    const r = this.s.byMessage.get(channel, ts) as Row | undefined;
    return r ? toItem(r) : undefined;
  }

  markSending(id: number, channel: string, now: Date, leaseUntil: Date): boolean {
    return this.s.sending.run(channel, leaseUntil.getTime(), now.getTime(), id).changes === 1;
  }

  markSent(id: number, channel: string, ts: string, now: Date): void {
    this.s.sent.run(channel, ts, now.getTime(), now.getTime(), id);
  }

  markRetry(id: number, error: string, nextAttemptAt: Date, now: Date): void {
    this.s.retry.run(error, nextAttemptAt.getTime(), now.getTime(), id);
  }

  markInDoubt(id: number, error: string, nextAttemptAt: Date, now: Date): void {
    this.s.inDoubt.run(error, nextAttemptAt.getTime(), now.getTime(), id);
  }

  markFailed(id: number, error: string, now: Date): void {
    this.s.failed.run(error, now.getTime(), id);
  }

  markSkipped(id: number, reason: SkipReason, now: Date): void {
    this.s.skipped.run(reason, now.getTime(), id);
  }

  hold(id: number, until: Date, now: Date): void {
    this.s.hold.run(until.getTime(), now.getTime(), id);
  }

  resetToPending(id: number, now: Date): void {
    this.s.reset.run(now.getTime(), id);
  }

  markDone(id: number, userId: string, now: Date): void {
    this.s.done.run(now.getTime(), userId, now.getTime(), id);
  }

  snooze(id: number, until: Date, now: Date): void {
    this.s.snooze.run(until.getTime(), until.getTime(), now.getTime(), id);
  }

  cancelAll(interviewId: number, now: Date): TimelineItem[] {
    return this.db.transaction(() => {
      this.s.cancel.run(now.getTime(), interviewId);
      return (this.s.sentOf.all(interviewId) as Row[]).map(toItem);
    })();
  }

  unsummarizedStale(limit: number): Map<number, TimelineItem[]> {
    const out = new Map<number, TimelineItem[]>();
    for (const item of (this.s.unsummarized.all(limit) as Row[]).map(toItem)) {
      const list = out.get(item.interviewId) ?? [];
      list.push(item);
      out.set(item.interviewId, list);
    }
    return out;
  }

  markSummarized(ids: number[], now: Date): void {
    this.db.transaction(() => {
      for (const id of ids) this.s.summarized.run(now.getTime(), id);
    })();
  }
}
