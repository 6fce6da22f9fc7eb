import type { Db } from './db.js';
import type { NewOutboxRow, OutboxKind, OutboxRepository, OutboxRow, OutboxState } from '../domain/outbox.js';

type Row = Record<string, unknown>;
const date = (v: unknown) => (typeof v === 'number' ? new Date(v) : undefined);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

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

export class SqliteOutboxRepository implements OutboxRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(`INSERT INTO outbox (purpose, kind, interview_id, recipient, params, state, channel, ts, file_id, next_attempt_at, created_at, sent_at)
        VALUES (@purpose, @kind, @interviewId, @recipient, @params, @state, @channel, @ts, @fileId, @notBefore, @now, @sentAt)
        ON CONFLICT (purpose) DO NOTHING`),
      // `state IN (…)` first: it matches the partial index, so the growing history of sent rows is never scanned.
      rearm: db.prepare(`INSERT INTO outbox (purpose, kind, interview_id, recipient, params, state, channel, ts, created_at)
        VALUES (@purpose, @kind, @interviewId, @recipient, @params, 'pending', @channel, @ts, @now)
        ON CONFLICT (purpose) DO UPDATE SET version = version + 1, channel = excluded.channel, ts = excluded.ts,
          state = CASE WHEN outbox.state = 'sending' THEN 'sending' ELSE 'pending' END,
          attempts = CASE WHEN outbox.state = 'sending' THEN outbox.attempts ELSE 0 END,
          next_attempt_at = NULL, last_error = NULL`),
      ready: db.prepare(`SELECT * FROM outbox WHERE state IN ('pending', 'sending') AND (
          (state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
          OR (state = 'sending' AND (lease_until IS NULL OR lease_until <= @leaseNow)))
        ORDER BY id LIMIT @limit`),
      claim: db.prepare(`UPDATE outbox SET state = 'sending', lease_until = @leaseUntil, attempts = attempts + 1
        WHERE id = @id AND ((state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
          OR (state = 'sending' AND (lease_until IS NULL OR lease_until <= @leaseNow)))`),
      sent: db.prepare(`UPDATE outbox SET
        state = CASE WHEN @version IS NOT NULL AND version <> @version THEN 'pending' ELSE 'sent' END,
        channel = COALESCE(@channel, channel), ts = COALESCE(@ts, ts),
        file_id = COALESCE(@fileId, file_id), sent_at = @now, lease_until = NULL, last_error = NULL, next_attempt_at = NULL WHERE id = @id`),
      retry: db.prepare(`UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?`),
      inDoubt: db.prepare(`UPDATE outbox SET state = 'sending', last_error = ?, lease_until = ? WHERE id = ?`),
      failed: db.prepare(`UPDATE outbox SET state = 'failed', last_error = ?, lease_until = NULL WHERE id = ?`),
      get: db.prepare('SELECT * FROM outbox WHERE id = ?'),
      // A range on the UNIQUE index of `purpose`: never a scan.
      byPrefix: db.prepare('SELECT * FROM outbox WHERE purpose >= @prefix AND purpose < @prefix || char(1114111) ORDER BY id'),
      forInterview: db.prepare('SELECT * FROM outbox WHERE interview_id = ? ORDER BY id'),
      countLive: db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending') AND (@kind IS NULL OR kind = @kind)`),
    };
  }

  enqueue(row: NewOutboxRow, now: Date): boolean {
    return this.insert(row, 'pending', now).changes === 1;
  }

  rearm(row: NewOutboxRow, now: Date): void {
    this.s.rearm.run({
      purpose: row.purpose,
      kind: row.kind,
      interviewId: row.interviewId ?? null,
      recipient: row.recipient,
      params: JSON.stringify(row.params ?? {}),
      channel: row.channel ?? null,
      ts: row.ts ?? null,
      now: now.getTime(),
    });
  }

  recordSent(row: NewOutboxRow & { channel: string; ts?: string; fileId?: string }, now: Date): void {
    this.insert(row, 'sent', now);
  }

  private insert(row: NewOutboxRow, state: OutboxState, now: Date) {
    return this.s.insert.run({
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
    });
  }

  byPurposePrefix(prefix: string): OutboxRow[] {
    return (this.s.byPrefix.all({ prefix }) as Row[]).map(toRow);
  }

  ready(now: Date, leaseNow: Date, limit: number): OutboxRow[] {
    return (this.s.ready.all({ now: now.getTime(), leaseNow: leaseNow.getTime(), limit }) as Row[]).map(toRow);
  }

  claim(id: number, now: Date, leaseNow: Date, leaseUntil: Date): boolean {
    return this.s.claim.run({ id, now: now.getTime(), leaseNow: leaseNow.getTime(), leaseUntil: leaseUntil.getTime() }).changes === 1;
  }

  markSent(id: number, result: { channel?: string; ts?: string; fileId?: string }, now: Date, version?: number): void {
    this.s.sent.run({ id, channel: result.channel ?? null, ts: result.ts ?? null, fileId: result.fileId ?? null, now: now.getTime(), version: version ?? null });
  }

  markRetry(id: number, error: string, nextAttemptAt: Date): void {
    this.s.retry.run(error, nextAttemptAt.getTime(), id);
  }

  markInDoubt(id: number, error: string, leaseUntil: Date): void {
    this.s.inDoubt.run(error, leaseUntil.getTime(), id);
  }

  markFailed(id: number, error: string): void {
    this.s.failed.run(error, id);
  }

  get(id: number): OutboxRow | undefined {
    const r = this.s.get.get(id) as Row | undefined;
    return r ? toRow(r) : undefined;
  }

  forInterview(interviewId: number): OutboxRow[] {
    return (this.s.forInterview.all(interviewId) as Row[]).map(toRow);
  }

  countLive(kind?: OutboxKind): number {
    return (this.s.countLive.get({ kind: kind ?? null }) as { n: number }).n;
  }
}
