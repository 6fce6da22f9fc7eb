import type { Row, Sql } from './sql.js';
import type { LiveOutbox, NewOutboxRow, OutboxKind, OutboxRepository, OutboxRow, OutboxState } from '../domain/outbox.js';

const date = (v: unknown) => (typeof v === 'number' ? new Date(v) : undefined);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Rows still owed (pending, or being sent), counted once, with the erasure rewrites/deletions among them. */
const LIVE = `SELECT COUNT(*) AS pending, COALESCE(SUM(CASE WHEN kind IN ('erasure_rewrite', 'file_delete') THEN 1 ELSE 0 END), 0) AS "erasuresPending"
  FROM outbox WHERE state IN ('pending', 'sending')`;

/** Messages still owed by every installed workspace (the OAuth install's /healthz). */
export async function liveOutboxOfInstalledWorkspaces(sql: Sql): Promise<LiveOutbox> {
  return (await sql.get<LiveOutbox>(Q.liveInstalled))!;
}

function toRow(r: Row): OutboxRow {
  return {
    id: r.id as number,
    purpose: r.purpose as string,
    kind: r.kind as OutboxKind,
    interviewId: typeof r.interview_id === 'number' ? r.interview_id : undefined,
    recipient: r.recipient as string,
    params: JSON.parse(r.params as string) as Record<string, unknown>,
    state: r.state as OutboxState,
    channel: text(r.channel),
    ts: text(r.ts),
    fileId: text(r.file_id),
    attempts: r.attempts as number,
    nextAttemptAt: date(r.next_attempt_at),
    lastError: text(r.last_error),
    createdAt: new Date(r.created_at as number),
    sentAt: date(r.sent_at),
    version: r.version as number,
  };
}

/** Just above any character a purpose can hold: `prefix` to `prefix + MAX_CHAR` is every purpose starting with it. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

// Every statement is limited to the repository's workspace (`team_id`, issue 16): a purpose is
// unique within a workspace, and an id of another workspace's row reads as absent and changes nothing.
const Q = {
  insert: `INSERT INTO outbox (purpose, kind, interview_id, recipient, params, state, channel, ts, file_id, next_attempt_at, created_at, sent_at, team_id)
    VALUES (@purpose, @kind, @interviewId, @recipient, @params, @state, @channel, @ts, @fileId, @notBefore, @now, @sentAt, @team)
    ON CONFLICT (team_id, purpose) DO NOTHING`,
  // `state IN (…)` first: it matches the partial index, so the growing history of sent rows is never scanned.
  // `outbox.version`, qualified: PostgreSQL finds a bare `version` ambiguous (the row or `excluded`).
  rearm: `INSERT INTO outbox (purpose, kind, interview_id, recipient, params, state, channel, ts, created_at, team_id)
    VALUES (@purpose, @kind, @interviewId, @recipient, @params, 'pending', @channel, @ts, @now, @team)
    ON CONFLICT (team_id, purpose) DO UPDATE SET version = outbox.version + 1, channel = excluded.channel, ts = excluded.ts,
      state = CASE WHEN outbox.state = 'sending' THEN 'sending' ELSE 'pending' END,
      attempts = CASE WHEN outbox.state = 'sending' THEN outbox.attempts ELSE 0 END,
      next_attempt_at = NULL, last_error = NULL`,
  ready: `SELECT * FROM outbox WHERE state IN ('pending', 'sending') AND team_id = @team AND (
      (state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
      OR (state = 'sending' AND (lease_until IS NULL OR lease_until <= @leaseNow)))
    ORDER BY id LIMIT @limit`,
  sent: `UPDATE outbox SET
    state = CASE WHEN CAST(@version AS BIGINT) IS NOT NULL AND version <> @version THEN 'pending' ELSE 'sent' END,
    channel = COALESCE(@channel, channel), ts = COALESCE(@ts, ts),
    file_id = COALESCE(@fileId, file_id), sent_at = @now, lease_until = NULL, last_error = NULL, next_attempt_at = NULL WHERE id = @id AND team_id = @team`,
  retry: `UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ? AND team_id = ?`,
  inDoubt: `UPDATE outbox SET state = 'sending', last_error = ?, lease_until = ? WHERE id = ? AND team_id = ?`,
  failed: `UPDATE outbox SET state = 'failed', last_error = ?, lease_until = NULL WHERE id = ? AND team_id = ?`,
  get: 'SELECT * FROM outbox WHERE id = ? AND team_id = ?',
  forInterview: 'SELECT * FROM outbox WHERE interview_id = ? AND team_id = ? ORDER BY id',
  live: `${LIVE} AND team_id = ?`,
  // With the OAuth install, /healthz asks once for every workspace still installed (not per slice).
  liveInstalled: `${LIVE} AND team_id IN (SELECT team_id FROM installations WHERE stopped_at IS NULL)`,
} as const;

export class SqlOutboxRepository implements OutboxRepository {
  /** Pending, or interrupted (a lapsed lease): taken by one process, with a lease. */
  private readonly claimRow: string;
  /**
   * Every purpose starting with a prefix: a byte-order range (on SQLite along the UNIQUE index of
   * (team_id, purpose); on PostgreSQL within the workspace's rows, in "C" order whatever the
   * database's collation — a language collation ignores punctuation such as the ':' in purposes).
   */
  private readonly byPrefix: string;

  /** `team`: the workspace (Slack team id) whose rows this repository reads and writes, only. */
  constructor(private readonly sql: Sql, private readonly team: string) {
    this.claimRow = `UPDATE outbox SET state = 'sending', lease_until = @leaseUntil, attempts = attempts + 1
      WHERE ${sql.claimable(
        'outbox',
        `id = @id AND team_id = @team AND ((state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
          OR (state = 'sending' AND (lease_until IS NULL OR lease_until <= @leaseNow)))`,
      )}`;
    const purpose = sql.bytewise('purpose');
    this.byPrefix = `SELECT * FROM outbox WHERE team_id = @team AND ${purpose} >= @prefix AND ${purpose} < @upper ORDER BY id`;
  }

  async enqueue(row: NewOutboxRow, now: Date): Promise<boolean> {
    return (await this.insert(row, 'pending', now)) === 1;
  }

  async rearm(row: NewOutboxRow, now: Date): Promise<void> {
    await this.sql.run(Q.rearm, {
      purpose: row.purpose,
      kind: row.kind,
      interviewId: row.interviewId ?? null,
      recipient: row.recipient,
      params: JSON.stringify(row.params ?? {}),
      channel: row.channel ?? null,
      ts: row.ts ?? null,
      now: now.getTime(),
      team: this.team,
    });
  }

  async recordSent(row: NewOutboxRow & { channel: string; ts?: string; fileId?: string }, now: Date): Promise<void> {
    await this.insert(row, 'sent', now);
  }

  /** The number of rows added: 0 when a row with that purpose exists. */
  private insert(row: NewOutboxRow, state: OutboxState, now: Date): Promise<number> {
    return this.sql.run(Q.insert, {
      purpose: row.purpose,
      kind: row.kind,
      interviewId: row.interviewId ?? null,
      recipient: row.recipient,
      params: JSON.stringify(row.params ?? {}),
      state,
      channel: row.channel ?? null,
      ts: row.ts ?? null,
      fileId: row.fileId ?? null,
      notBefore: row.notBefore?.getTime() ?? null,
      now: now.getTime(),
      sentAt: state === 'sent' ? now.getTime() : null,
      team: this.team,
    });
  }

  async byPurposePrefix(prefix: string): Promise<OutboxRow[]> {
    return (await this.sql.all<Row>(this.byPrefix, { team: this.team, prefix, upper: prefix + MAX_CHAR })).map(toRow);
  }

  async ready(now: Date, leaseNow: Date, limit: number): Promise<OutboxRow[]> {
    return (await this.sql.all<Row>(Q.ready, { team: this.team, now: now.getTime(), leaseNow: leaseNow.getTime(), limit })).map(toRow);
  }

  async claim(id: number, now: Date, leaseNow: Date, leaseUntil: Date): Promise<boolean> {
    return (await this.sql.run(this.claimRow, { id, team: this.team, now: now.getTime(), leaseNow: leaseNow.getTime(), leaseUntil: leaseUntil.getTime() })) === 1;
  }

  async markSent(id: number, result: { channel?: string; ts?: string; fileId?: string }, now: Date, version?: number): Promise<void> {
    await this.sql.run(Q.sent, { id, team: this.team, channel: result.channel ?? null, ts: result.ts ?? null, fileId: result.fileId ?? null, now: now.getTime(), version: version ?? null });
  }

  async markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.sql.run(Q.retry, [error, nextAttemptAt.getTime(), id, this.team]);
  }

  async markInDoubt(id: number, error: string, leaseUntil: Date): Promise<void> {
    await this.sql.run(Q.inDoubt, [error, leaseUntil.getTime(), id, this.team]);
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.sql.run(Q.failed, [error, id, this.team]);
  }

  async get(id: number): Promise<OutboxRow | undefined> {
    const r = await this.sql.get<Row>(Q.get, [id, this.team]);
    return r ? toRow(r) : undefined;
  }

  async forInterview(interviewId: number): Promise<OutboxRow[]> {
    return (await this.sql.all<Row>(Q.forInterview, [interviewId, this.team])).map(toRow);
  }

  async live(): Promise<LiveOutbox> {
    return (await this.sql.get<LiveOutbox>(Q.live, [this.team]))!;
  }
}
