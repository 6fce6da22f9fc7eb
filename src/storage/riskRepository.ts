import type { Sql } from './sql.js';
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

// Every statement is limited to the repository's workspace (issue 16): `team_id = ?` is the last
// positional parameter of each (the first of an INSERT), so another workspace's rows are neither
// read nor changed, even through an id.
const Q = {
  // One statement: the row it inserted, or none when (interview, reason, occurrence) was recorded
  // already, so a concurrent second record cannot read the first one's row as its own.
  insert: `INSERT INTO risk_alerts (team_id, interview_id, reason, occurrence, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (interview_id, reason, occurrence) DO NOTHING RETURNING *`,
  reasons: 'SELECT reason FROM risk_alerts WHERE interview_id = ? AND team_id = ? ORDER BY id',
  get: 'SELECT * FROM risk_alerts WHERE id = ? AND team_id = ?',
  pending: `SELECT * FROM risk_alerts WHERE state = 'pending'
    AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND team_id = ? ORDER BY id LIMIT ?`,
  allFor: 'SELECT * FROM risk_alerts WHERE interview_id = ? AND team_id = ? ORDER BY id',
  openPosted: `SELECT * FROM risk_alerts WHERE interview_id = ? AND state = 'posted' AND resolved_at IS NULL AND team_id = ?`,
  posted: `UPDATE risk_alerts SET state = 'posted', channel = ?, ts = ?, posted_at = ?, last_error = NULL,
    attempts = attempts + 1, next_attempt_at = NULL, lease_until = NULL WHERE id = ? AND team_id = ?`,
  // Every outcome of an attempt releases its lease.
  retry: `UPDATE risk_alerts SET last_error = ?, next_attempt_at = ?, attempts = attempts + 1, lease_until = NULL
    WHERE id = ? AND team_id = ?`,
  inDoubt: `UPDATE risk_alerts SET last_error = ?, next_attempt_at = ?, attempts = attempts + 1, lease_until = ?
    WHERE id = ? AND team_id = ?`,
  failed: `UPDATE risk_alerts SET state = 'failed', last_error = ?, attempts = attempts + 1, lease_until = NULL
    WHERE id = ? AND team_id = ?`,
  warned: 'UPDATE risk_alerts SET warned_at = ? WHERE id = ? AND team_id = ?',
  // A user id can own interviews in several workspaces (Enterprise Grid): only this one's warnings count.
  ownerWarned: `SELECT 1 FROM risk_alerts r JOIN interviews i ON i.id = r.interview_id
    WHERE i.owner_id = ? AND r.warned_at >= ? AND r.team_id = ? AND i.team_id = ? LIMIT 1`,
  claim: 'UPDATE risk_alerts SET claimed_by = ?, claimed_at = ? WHERE id = ? AND claimed_by IS NULL AND team_id = ?',
  resolve: 'UPDATE risk_alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL AND team_id = ?',
  // The partial index risk_alerts_unescalated holds exactly the open, unescalated alerts.
  unescalated: `SELECT * FROM risk_alerts WHERE claimed_by IS NULL AND resolved_at IS NULL AND escalated_at IS NULL
    AND created_at <= ? AND state <> 'failed' AND team_id = ? ORDER BY created_at, id LIMIT ?`,
  escalated: 'UPDATE risk_alerts SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL AND team_id = ?',
  openUnclaimed: `SELECT * FROM risk_alerts WHERE claimed_by IS NULL AND resolved_at IS NULL AND state <> 'failed'
    AND team_id = ? ORDER BY created_at, id LIMIT ?`,
  // A week's digest is posted once per workspace (key (team_id, week)).
  digestPosted: 'SELECT 1 FROM digests WHERE team_id = ? AND week = ?',
  digestInsert: `INSERT INTO digests (team_id, week, channel, ts, posted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  // Each workspace runs its jobs on its own schedule (key (team_id, name)).
  jobLastRun: 'SELECT last_run_at FROM job_runs WHERE team_id = ? AND name = ?',
  jobRecordRun: `INSERT INTO job_runs (team_id, name, last_run_at) VALUES (?, ?, ?)
    ON CONFLICT (team_id, name) DO UPDATE SET last_run_at = excluded.last_run_at`,
} as const;

export class SqlRiskRepository implements RiskRepository {
  // A lease: the first caller to set lease_until past now owns the send until it expires.
  private readonly leaseRow: string;

  constructor(private readonly sql: Sql, private readonly team: string) {
    this.leaseRow = `UPDATE risk_alerts SET lease_until = @until
      WHERE ${sql.claimable('risk_alerts', "id = @id AND team_id = @team AND state = 'pending' AND (lease_until IS NULL OR lease_until <= @now)")}`;
  }

  async record(interviewId: number, reason: RiskReason, occurrence: number, detail: string | undefined, now: Date): Promise<RiskAlert | undefined> {
    const r = await this.sql.get<Row>(Q.insert, [this.team, interviewId, reason, occurrence, detail ?? null, now.getTime()]);
    return r ? toAlert(r) : undefined;
  }

  async reasonsFor(interviewId: number): Promise<RiskReason[]> {
    return (await this.sql.all<{ reason: RiskReason }>(Q.reasons, [interviewId, this.team])).map((r) => r.reason);
  }

  async get(id: number): Promise<RiskAlert | undefined> {
    const r = await this.sql.get<Row>(Q.get, [id, this.team]);
    return r ? toAlert(r) : undefined;
  }

  async pending(now: Date, limit: number): Promise<RiskAlert[]> {
    return (await this.sql.all<Row>(Q.pending, [now.getTime(), this.team, limit])).map(toAlert);
  }

  async allFor(interviewId: number): Promise<RiskAlert[]> {
    return (await this.sql.all<Row>(Q.allFor, [interviewId, this.team])).map(toAlert);
  }

  async openPosted(interviewId: number): Promise<RiskAlert[]> {
    return (await this.sql.all<Row>(Q.openPosted, [interviewId, this.team])).map(toAlert);
  }

  async markPosted(id: number, channel: string, ts: string, now: Date): Promise<void> {
    await this.sql.run(Q.posted, [channel, ts, now.getTime(), id, this.team]);
  }

  async lease(id: number, now: Date, until: Date): Promise<boolean> {
    return (await this.sql.run(this.leaseRow, { id, team: this.team, now: now.getTime(), until: until.getTime() })) === 1;
  }

  async markRetry(id: number, error: string, nextAttemptAt: Date, _now: Date): Promise<void> {
    await this.sql.run(Q.retry, [error, nextAttemptAt.getTime(), id, this.team]);
  }

  async markInDoubt(id: number, error: string, nextAttemptAt: Date, leaseUntil: Date): Promise<void> {
    await this.sql.run(Q.inDoubt, [error, nextAttemptAt.getTime(), leaseUntil.getTime(), id, this.team]);
  }

  async markFailed(id: number, error: string, _now: Date): Promise<void> {
    await this.sql.run(Q.failed, [error, id, this.team]);
  }

  async markWarned(id: number, now: Date): Promise<void> {
    await this.sql.run(Q.warned, [now.getTime(), id, this.team]);
  }

  async ownerWarnedSince(ownerId: string, since: Date): Promise<boolean> {
    return (await this.sql.get(Q.ownerWarned, [ownerId, since.getTime(), this.team, this.team])) !== undefined;
  }

  async claim(id: number, userId: string, now: Date): Promise<boolean> {
    return (await this.sql.run(Q.claim, [userId, now.getTime(), id, this.team])) === 1;
  }

  async resolve(id: number, now: Date): Promise<void> {
    await this.sql.run(Q.resolve, [now.getTime(), id, this.team]);
  }

  async unescalated(before: Date, limit: number): Promise<RiskAlert[]> {
    return (await this.sql.all<Row>(Q.unescalated, [before.getTime(), this.team, limit])).map(toAlert);
  }

  async markEscalated(id: number, now: Date): Promise<void> {
    await this.sql.run(Q.escalated, [now.getTime(), id, this.team]);
  }

  async openUnclaimed(limit: number): Promise<RiskAlert[]> {
    return (await this.sql.all<Row>(Q.openUnclaimed, [this.team, limit])).map(toAlert);
  }
}

export class SqlDigestRepository implements DigestRepository {
  constructor(private readonly sql: Sql, private readonly team: string) {}

  async posted(week: string): Promise<boolean> {
    return (await this.sql.get(Q.digestPosted, [this.team, week])) !== undefined;
  }

  async save(week: string, channel: string, ts: string | undefined, now: Date): Promise<void> {
    await this.sql.run(Q.digestInsert, [this.team, week, channel, ts ?? null, now.getTime()]);
  }
}

export class SqlJobRunRepository implements JobRunRepository {
  constructor(private readonly sql: Sql, private readonly team: string) {}

  async lastRun(name: string): Promise<Date | undefined> {
    const r = await this.sql.get<{ last_run_at: number }>(Q.jobLastRun, [this.team, name]);
    return r ? new Date(r.last_run_at) : undefined;
  }

  async recordRun(name: string, at: Date): Promise<void> {
    await this.sql.run(Q.jobRecordRun, [this.team, name, at.getTime()]);
  }
}
