import type { Db } from './db.js';
import type { DigestRepository, JobRunRepository, RiskAlert, RiskReason, RiskRepository } from '../domain/repositories.js';

type Row = Record<string, unknown>;
const date = (v: unknown) => (typeof v === 'number' ? new Date(v) : undefined);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

function toAlert(r: Row): RiskAlert {
  return {
    id: r.id as number,
    interviewId: r.interview_id as number,
    reason: r.reason as RiskReason,
    occurrence: r.occurrence as number,
    state: r.state as RiskAlert['state'],
    detail: text(r.detail),
    channel: text(r.channel),
    ts: text(r.ts),
    attempts: r.attempts as number,
    nextAttemptAt: date(r.next_attempt_at),
    lastError: text(r.last_error),
    claimedBy: text(r.claimed_by),
    claimedAt: date(r.claimed_at),
    resolvedAt: date(r.resolved_at),
    warnedAt: date(r.warned_at),
    escalatedAt: date(r.escalated_at),
    postedAt: date(r.posted_at),
    leaseUntil: date(r.lease_until),
    createdAt: new Date(r.created_at as number),
  };
}

export class SqliteRiskRepository implements RiskRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(`INSERT INTO risk_alerts (interview_id, reason, occurrence, detail, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (interview_id, reason, occurrence) DO NOTHING`),
      reasons: db.prepare('SELECT reason FROM risk_alerts WHERE interview_id = ? ORDER BY id'),
      get: db.prepare('SELECT * FROM risk_alerts WHERE id = ?'),
      pending: db.prepare(`SELECT * FROM risk_alerts WHERE state = 'pending'
        AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?`),
      allFor: db.prepare('SELECT * FROM risk_alerts WHERE interview_id = ? ORDER BY id'),
      openPosted: db.prepare(`SELECT * FROM risk_alerts WHERE interview_id = ? AND state = 'posted' AND resolved_at IS NULL`),
      posted: db.prepare(`UPDATE risk_alerts SET state = 'posted', channel = ?, ts = ?, posted_at = ?, last_error = NULL,
        attempts = attempts + 1, next_attempt_at = NULL, lease_until = NULL WHERE id = ?`),
      // A lease: the first caller to set lease_until past now owns the send until it expires.
      lease: db.prepare(`UPDATE risk_alerts SET lease_until = @until WHERE id = @id AND state = 'pending'
        AND (lease_until IS NULL OR lease_until <= @now)`),
      // Every outcome of an attempt releases its lease.
      retry: db.prepare(`UPDATE risk_alerts SET last_error = ?, next_attempt_at = ?, attempts = attempts + 1, lease_until = NULL WHERE id = ?`),
      inDoubt: db.prepare(`UPDATE risk_alerts SET last_error = ?, next_attempt_at = ?, attempts = attempts + 1, lease_until = ? WHERE id = ?`),
      failed: db.prepare(`UPDATE risk_alerts SET state = 'failed', last_error = ?, attempts = attempts + 1, lease_until = NULL WHERE id = ?`),
      warned: db.prepare('UPDATE risk_alerts SET warned_at = ? WHERE id = ?'),
      ownerWarned: db.prepare(`SELECT 1 FROM risk_alerts r JOIN interviews i ON i.id = r.interview_id
        WHERE i.owner_id = ? AND r.warned_at >= ? LIMIT 1`),
      claim: db.prepare('UPDATE risk_alerts SET claimed_by = ?, claimed_at = ? WHERE id = ? AND claimed_by IS NULL'),
      resolve: db.prepare('UPDATE risk_alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL'),
      // The partial index risk_alerts_unescalated holds exactly the open, unescalated alerts.
      unescalated: db.prepare(`SELECT * FROM risk_alerts WHERE claimed_by IS NULL AND resolved_at IS NULL AND escalated_at IS NULL
        AND created_at <= ? AND state <> 'failed' ORDER BY created_at, id LIMIT ?`),
      escalated: db.prepare('UPDATE risk_alerts SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL'),
      openUnclaimed: db.prepare(`SELECT * FROM risk_alerts WHERE claimed_by IS NULL AND resolved_at IS NULL AND state <> 'failed'
        ORDER BY created_at, id LIMIT ?`),
    };
  }

  record(interviewId: number, reason: RiskReason, occurrence: number, detail: string | undefined, now: Date): RiskAlert | undefined {
    const result = this.s.insert.run(interviewId, reason, occurrence, detail ?? null, now.getTime());
    return result.changes === 1 ? this.get(Number(result.lastInsertRowid)) : undefined;
  }

  reasonsFor(interviewId: number): RiskReason[] {
    return (this.s.reasons.all(interviewId) as { reason: RiskReason }[]).map((r) => r.reason);
  }

  get(id: number): RiskAlert | undefined {
    const r = this.s.get.get(id) as Row | undefined;
    return r ? toAlert(r) : undefined;
  }

  pending(now: Date, limit: number): RiskAlert[] {
    return (this.s.pending.all(now.getTime(), limit) as Row[]).map(toAlert);
  }

  allFor(interviewId: number): RiskAlert[] {
    return (this.s.allFor.all(interviewId) as Row[]).map(toAlert);
  }

  openPosted(interviewId: number): RiskAlert[] {
    return (this.s.openPosted.all(interviewId) as Row[]).map(toAlert);
  }

  markPosted(id: number, channel: string, ts: string, now: Date): void {
    this.s.posted.run(channel, ts, now.getTime(), id);
  }

  lease(id: number, now: Date, until: Date): boolean {
    return this.s.lease.run({ id, now: now.getTime(), until: until.getTime() }).changes === 1;
  }

  markRetry(id: number, error: string, nextAttemptAt: Date, _now: Date): void {
    this.s.retry.run(error, nextAttemptAt.getTime(), id);
  }

  markInDoubt(id: number, error: string, nextAttemptAt: Date, leaseUntil: Date): void {
    this.s.inDoubt.run(error, nextAttemptAt.getTime(), leaseUntil.getTime(), id);
  }

  markFailed(id: number, error: string, _now: Date): void {
    this.s.failed.run(error, id);
  }

  markWarned(id: number, now: Date): void {
    this.s.warned.run(now.getTime(), id);
  }

  ownerWarnedSince(ownerId: string, since: Date): boolean {
    return this.s.ownerWarned.get(ownerId, since.getTime()) !== undefined;
  }

  claim(id: number, userId: string, now: Date): boolean {
    return this.s.claim.run(userId, now.getTime(), id).changes === 1;
  }

  resolve(id: number, now: Date): void {
    this.s.resolve.run(now.getTime(), id);
  }

  unescalated(before: Date, limit: number): RiskAlert[] {
    return (this.s.unescalated.all(before.getTime(), limit) as Row[]).map(toAlert);
  }

  markEscalated(id: number, now: Date): void {
    this.s.escalated.run(now.getTime(), id);
  }

  openUnclaimed(limit: number): RiskAlert[] {
    return (this.s.openUnclaimed.all(limit) as Row[]).map(toAlert);
  }
}

export class SqliteDigestRepository implements DigestRepository {
  private readonly has;
  private readonly insert;

  constructor(db: Db) {
    this.has = db.prepare('SELECT 1 FROM digests WHERE week = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO digests (week, channel, ts, posted_at) VALUES (?, ?, ?, ?)');
  }

  posted(week: string): boolean {
    return this.has.get(week) !== undefined;
  }

  save(week: string, channel: string, ts: string | undefined, now: Date): void {
    this.insert.run(week, channel, ts ?? null, now.getTime());
  }
}

export class SqliteJobRunRepository implements JobRunRepository {
  private readonly get;
  private readonly set;

  constructor(db: Db) {
    this.get = db.prepare('SELECT last_run_at FROM job_runs WHERE name = ?');
    this.set = db.prepare(`INSERT INTO job_runs (name, last_run_at) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at`);
  }

  lastRun(name: string): Date | undefined {
    const r = this.get.get(name) as { last_run_at: number } | undefined;
    return r ? new Date(r.last_run_at) : undefined;
  }

  recordRun(name: string, at: Date): void {
    this.set.run(name, at.getTime());
  }
}
