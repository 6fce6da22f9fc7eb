import type { Row, Sql } from './sql.js';
import type { TimelineKind, TimelineState } from '../domain/interview.js';
import type { PlannedItem } from '../domain/timeline.js';
import type { SkipReason, TimelineItem, TimelineRepository } from '../domain/timelineItems.js';

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

const Q = {
  // Sent (or being sent) items keep their history; a stale skip already told to the consultant
  // stays told. Everything else of the plan takes its new due instant and starting state.
  upsert: `INSERT INTO timeline_items (team_id, interview_id, kind, plan, due_at, state, skip_reason, updated_at)
    VALUES (@team, @interviewId, @kind, @plan, @dueAt, @state, @skipReason, @now)
    ON CONFLICT (interview_id, kind, plan) DO UPDATE SET
      due_at = excluded.due_at, state = excluded.state, attempts = 0, next_attempt_at = NULL,
      snoozed_until = NULL, last_error = NULL, skip_reason = excluded.skip_reason, summarized_at = NULL,
      updated_at = excluded.updated_at
    WHERE timeline_items.state NOT IN ('sent', 'sending') AND timeline_items.team_id = excluded.team_id
      AND NOT (timeline_items.state = 'skipped' AND timeline_items.skip_reason = 'stale')`,
  // Older plans: nothing more is sent for them; their messages are rewritten as moved (owed).
  retire: `UPDATE timeline_items SET
      state = CASE WHEN state IN ('sent', 'sending') THEN state ELSE 'cancelled' END,
      skip_reason = 'moved', updated_at = @now
    WHERE interview_id = @interviewId AND team_id = @team AND plan < @plan AND skip_reason IS DISTINCT FROM 'moved'`,
  movedOwed: `SELECT * FROM timeline_items
    WHERE skip_reason = 'moved' AND ts IS NOT NULL AND moved_marked_at IS NULL AND state <> 'sending' AND team_id = ?
    ORDER BY id LIMIT ?`,
  movedMarked: 'UPDATE timeline_items SET moved_marked_at = ?, lease_until = NULL WHERE id = ? AND team_id = ?',
  // A sent message's rewrite ("Verplaatst") is taken by one process at a time, with a lease.
  rewriteClaim: `UPDATE timeline_items SET lease_until = @leaseUntil WHERE id = @id AND team_id = @team AND state <> 'sending'
    AND moved_marked_at IS NULL AND (lease_until IS NULL OR lease_until <= @leaseNow)`,
  rewriteRelease: `UPDATE timeline_items SET lease_until = NULL WHERE id = ? AND state <> 'sending' AND team_id = ?`,
  caughtUp: `SELECT * FROM timeline_items WHERE interview_id = ? AND plan = ? AND team_id = ?
    AND state = 'skipped' AND skip_reason = 'caught_up' ORDER BY due_at, id`,
  due: `SELECT * FROM timeline_items
    WHERE state = 'pending' AND due_at <= @now AND team_id = @team AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
    ORDER BY due_at, id LIMIT @limit`,
  stuck: `SELECT * FROM timeline_items WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= ?) AND team_id = ? ORDER BY id`,
  get: 'SELECT * FROM timeline_items WHERE id = ? AND team_id = ?',
  forInterview: 'SELECT * FROM timeline_items WHERE interview_id = ? AND team_id = ? ORDER BY due_at, id',
  byMessage: 'SELECT * FROM timeline_items WHERE channel = ? AND ts = ? AND team_id = ?',
  // A `sending` row with next_attempt_at set is one whose call got no answer (markInDoubt).
  // No answer: anyone may look it up in the history now (the lease is let go).
  inDoubt: `UPDATE timeline_items SET last_error = ?, next_attempt_at = ?, lease_until = NULL, updated_at = ?
    WHERE id = ? AND state = 'sending' AND team_id = ?`,
  sent: `UPDATE timeline_items SET state = 'sent', channel = ?, ts = ?, sent_at = ?, last_error = NULL,
    next_attempt_at = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND team_id = ?`,
  // Taken for a history check after a lapsed lease: one process at a time.
  relet: `UPDATE timeline_items SET lease_until = @leaseUntil WHERE id = @id AND team_id = @team AND state = 'sending'
    AND (lease_until IS NULL OR lease_until <= @leaseNow)`,
  retry: `UPDATE timeline_items SET state = 'pending', last_error = ?, next_attempt_at = ?, updated_at = ?
    WHERE id = ? AND team_id = ?`,
  failed: `UPDATE timeline_items SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND team_id = ?`,
  skipped: `UPDATE timeline_items SET state = 'skipped', skip_reason = ?, updated_at = ? WHERE id = ? AND team_id = ?`,
  reset: `UPDATE timeline_items SET state = 'pending', updated_at = ? WHERE id = ? AND state = 'sending' AND team_id = ?`,
  done: `UPDATE timeline_items SET done_at = ?, done_by = ?, updated_at = ? WHERE id = ? AND done_at IS NULL AND team_id = ?`,
  hold: `UPDATE timeline_items SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND team_id = ?`,
  snooze: `UPDATE timeline_items SET state = 'pending', due_at = ?, snoozed_until = ?, attempts = 0,
    next_attempt_at = NULL, updated_at = ? WHERE id = ? AND team_id = ?`,
  sentOf: `SELECT * FROM timeline_items WHERE interview_id = ? AND state = 'sent' AND team_id = ? ORDER BY id`,
  cancel: `UPDATE timeline_items SET state = 'cancelled', updated_at = ?
    WHERE interview_id = ? AND state IN ('pending', 'failed', 'sending') AND team_id = ?`,
  unsummarized: `SELECT * FROM timeline_items
    WHERE state = 'skipped' AND skip_reason = 'stale' AND summarized_at IS NULL AND team_id = ?
    ORDER BY interview_id, due_at LIMIT ?`,
} as const;

/** Thrown inside `claimSummary`'s unit of work to roll back a partial claim. */
class PartialClaim extends Error {}

export class SqlTimelineRepository implements TimelineRepository {
  /** The statements over a list of ids (`Sql.idsIn` differs by engine). */
  private readonly q;

  /** Every statement reads and writes only this workspace's items (issue 16). */
  constructor(
    private readonly sql: Sql,
    private readonly team: string,
  ) {
    this.q = {
      // Only rows nobody has claimed; `claimSummary` requires every one of them.
      summaryClaim: `UPDATE timeline_items SET summarized_at = ? WHERE ${sql.idsIn('id', '?')} AND summarized_at IS NULL AND team_id = ?`,
      summaryRelease: `UPDATE timeline_items SET summarized_at = NULL WHERE ${sql.idsIn('id', '?')} AND summarized_at = ? AND team_id = ?`,
      summarized: `UPDATE timeline_items SET summarized_at = ? WHERE ${sql.idsIn('id', '?')} AND team_id = ?`,
      // The claim: only one process (or caller) moves a pending item to `sending`; it holds a lease.
      sending: `UPDATE timeline_items SET state = 'sending', channel = ?, attempts = attempts + 1, next_attempt_at = NULL,
        lease_until = ?, updated_at = ? WHERE ${sql.claimable('timeline_items', "id = ? AND state = 'pending' AND team_id = ?")}`,
    } as const;
  }

  async replan(interviewId: number, plan: number, items: PlannedItem[], now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      for (const p of items) {
        await this.sql.run(Q.upsert, {
          interviewId,
          kind: p.kind,
          plan,
          dueAt: p.dueAt.getTime(),
          state: p.state === 'pending' ? 'pending' : 'skipped',
          skipReason: p.state === 'pending' ? null : p.state,
          now: now.getTime(),
          team: this.team,
        });
      }
      await this.sql.run(Q.retire, { interviewId, plan, now: now.getTime(), team: this.team });
    });
  }

  async movedOwed(limit: number): Promise<TimelineItem[]> {
    return (await this.sql.all<Row>(Q.movedOwed, [this.team, limit])).map(toItem);
  }

  async claimRewrite(id: number, leaseNow: Date, leaseUntil: Date): Promise<boolean> {
    return (await this.sql.run(Q.rewriteClaim, { id, leaseNow: leaseNow.getTime(), leaseUntil: leaseUntil.getTime(), team: this.team })) === 1;
  }

  async releaseRewrite(id: number): Promise<void> {
    await this.sql.run(Q.rewriteRelease, [id, this.team]);
  }

  async markMovedRewritten(id: number, now: Date): Promise<void> {
    await this.sql.run(Q.movedMarked, [now.getTime(), id, this.team]);
  }

  async caughtUp(interviewId: number, plan: number): Promise<TimelineItem[]> {
    return (await this.sql.all<Row>(Q.caughtUp, [interviewId, plan, this.team])).map(toItem);
  }

  async due(now: Date, limit: number): Promise<TimelineItem[]> {
    return (await this.sql.all<Row>(Q.due, { now: now.getTime(), limit, team: this.team })).map(toItem);
  }

  async stuckSending(leaseNow: Date): Promise<TimelineItem[]> {
    return (await this.sql.all<Row>(Q.stuck, [leaseNow.getTime(), this.team])).map(toItem);
  }

  async releaseForCheck(id: number, leaseNow: Date, leaseUntil: Date): Promise<boolean> {
    return (await this.sql.run(Q.relet, { id, leaseNow: leaseNow.getTime(), leaseUntil: leaseUntil.getTime(), team: this.team })) === 1;
  }

  async claimSummary(ids: number[], now: Date): Promise<boolean> {
    // All or nothing: one conditional UPDATE takes what nobody else has; if that is not every row
    // (another process summarizes some of them), the unit is rolled back so none stay taken.
    try {
      return await this.sql.atomically(async () => {
        const taken = await this.sql.run(this.q.summaryClaim, [now.getTime(), this.sql.ids(ids), this.team]);
        if (taken !== ids.length) throw new PartialClaim();
        return true;
      });
    } catch (error) {
      if (error instanceof PartialClaim) return false;
      throw error;
    }
  }

  async releaseSummary(ids: number[], now: Date): Promise<void> {
    await this.sql.run(this.q.summaryRelease, [this.sql.ids(ids), now.getTime(), this.team]);
  }

  async get(id: number): Promise<TimelineItem | undefined> {
    const r = await this.sql.get<Row>(Q.get, [id, this.team]);
    return r ? toItem(r) : undefined;
  }

  async forInterview(interviewId: number): Promise<TimelineItem[]> {
    return (await this.sql.all<Row>(Q.forInterview, [interviewId, this.team])).map(toItem);
  }

  async findByMessage(channel: string, ts: string): Promise<TimelineItem | undefined> {
    const r = await this.sql.get<Row>(Q.byMessage, [channel, ts, this.team]);
    return r ? toItem(r) : undefined;
  }

  async markSending(id: number, channel: string, now: Date, leaseUntil: Date): Promise<boolean> {
    return (await this.sql.run(this.q.sending, [channel, leaseUntil.getTime(), now.getTime(), id, this.team])) === 1;
  }

  async markSent(id: number, channel: string, ts: string, now: Date): Promise<void> {
    await this.sql.run(Q.sent, [channel, ts, now.getTime(), now.getTime(), id, this.team]);
  }

  async markRetry(id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
    await this.sql.run(Q.retry, [error, nextAttemptAt.getTime(), now.getTime(), id, this.team]);
  }

  async markInDoubt(id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
    await this.sql.run(Q.inDoubt, [error, nextAttemptAt.getTime(), now.getTime(), id, this.team]);
  }

  async markFailed(id: number, error: string, now: Date): Promise<void> {
    await this.sql.run(Q.failed, [error, now.getTime(), id, this.team]);
  }

  async markSkipped(id: number, reason: SkipReason, now: Date): Promise<void> {
    await this.sql.run(Q.skipped, [reason, now.getTime(), id, this.team]);
  }

  async hold(id: number, until: Date, now: Date): Promise<void> {
    await this.sql.run(Q.hold, [until.getTime(), now.getTime(), id, this.team]);
  }

  async resetToPending(id: number, now: Date): Promise<void> {
    await this.sql.run(Q.reset, [now.getTime(), id, this.team]);
  }

  async markDone(id: number, userId: string, now: Date): Promise<void> {
    await this.sql.run(Q.done, [now.getTime(), userId, now.getTime(), id, this.team]);
  }

  async snooze(id: number, until: Date, now: Date): Promise<void> {
    await this.sql.run(Q.snooze, [until.getTime(), until.getTime(), now.getTime(), id, this.team]);
  }

  async cancelAll(interviewId: number, now: Date): Promise<TimelineItem[]> {
    return this.sql.atomically(async () => {
      await this.sql.run(Q.cancel, [now.getTime(), interviewId, this.team]);
      return (await this.sql.all<Row>(Q.sentOf, [interviewId, this.team])).map(toItem);
    });
  }

  async unsummarizedStale(limit: number): Promise<Map<number, TimelineItem[]>> {
    const out = new Map<number, TimelineItem[]>();
    for (const item of (await this.sql.all<Row>(Q.unsummarized, [this.team, limit])).map(toItem)) {
      const list = out.get(item.interviewId) ?? [];
      list.push(item);
      out.set(item.interviewId, list);
    }
    return out;
  }

  async markSummarized(ids: number[], now: Date): Promise<void> {
    await this.sql.run(this.q.summarized, [now.getTime(), this.sql.ids(ids), this.team]);
  }
}
