import type { Db } from './db.js';
import type { ConsultantRepository, ConsultantTimezone } from '../domain/repositories.js';

export class SqliteConsultantRepository implements ConsultantRepository {
  private readonly select;
  private readonly upsert;
  private readonly retry;
  private readonly lookupsDue;
  private readonly replansOwed;
  private readonly replanned;
  private readonly selectDm;
  private readonly upsertDm;

  constructor(private readonly db: Db) {
    this.select = db.prepare('SELECT tz, tz_fetched_at, tz_retry_at, tz_failures FROM consultants WHERE user_id = ?');
    // A first answer, or another zone than before, owes a replan of the consultant's upcoming plans.
    this.upsert = db.prepare(`INSERT INTO consultants (user_id, tz, tz_fetched_at, tz_replan_owed_at) VALUES (@userId, @tz, @at, @at)
      ON CONFLICT (user_id) DO UPDATE SET
        tz_replan_owed_at = CASE WHEN consultants.tz_fetched_at IS NULL OR consultants.tz IS NOT excluded.tz
          THEN excluded.tz_fetched_at ELSE consultants.tz_replan_owed_at END,
        tz = excluded.tz, tz_fetched_at = excluded.tz_fetched_at, tz_retry_at = NULL, tz_failures = 0`);
    this.retry = db.prepare(`INSERT INTO consultants (user_id, tz_retry_at, tz_failures) VALUES (?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET tz_retry_at = excluded.tz_retry_at, tz_failures = excluded.tz_failures`);
    // The consultants table has one row per person who used the bot: a scan per tick stays small,
    // and the EXISTS is one probe of interviews_owner_start. Ordered by when each lookup fell due.
    this.lookupsDue = db.prepare(`SELECT c.user_id FROM consultants c
      WHERE CASE WHEN c.tz_retry_at IS NOT NULL THEN c.tz_retry_at <= @now
        ELSE (c.tz_fetched_at IS NULL OR c.tz_fetched_at <= @staleBefore)
          AND EXISTS (SELECT 1 FROM interviews i WHERE i.owner_id = c.user_id AND i.start_at > @now
            AND i.status = 'scheduled' AND i.erased_at IS NULL) END
      ORDER BY COALESCE(c.tz_retry_at, c.tz_fetched_at + (@now - @staleBefore), 0), c.user_id LIMIT @limit`);
    this.replansOwed = db.prepare(`SELECT user_id FROM consultants WHERE tz_replan_owed_at IS NOT NULL
      ORDER BY tz_replan_owed_at, user_id LIMIT ?`);
    this.replanned = db.prepare('UPDATE consultants SET tz_replan_owed_at = NULL WHERE user_id = ?');
    this.selectDm = db.prepare('SELECT dm_channel FROM consultants WHERE user_id = ?');
    this.upsertDm = db.prepare(`INSERT INTO consultants (user_id, dm_channel) VALUES (?, ?)
      ON CONFLICT (user_id) DO UPDATE SET dm_channel = excluded.dm_channel`);
  }

  dmChannel(userId: string): string | undefined {
    const row = this.selectDm.get(userId) as { dm_channel: string | null } | undefined;
    return row?.dm_channel ?? undefined;
  }

  saveDmChannel(userId: string, channel: string): void {
    this.upsertDm.run(userId, channel);
  }

  get(userId: string): ConsultantTimezone | undefined {
    const row = this.select.get(userId) as
      | { tz: string | null; tz_fetched_at: number | null; tz_retry_at: number | null; tz_failures: number }
      | undefined;
    if (!row) return undefined;
    return {
      tz: row.tz ?? undefined,
      fetchedAt: row.tz_fetched_at === null ? undefined : new Date(row.tz_fetched_at),
      retryAt: row.tz_retry_at === null ? undefined : new Date(row.tz_retry_at),
      failures: row.tz_failures,
    };
  }

  saveTimezone(userId: string, tz: string | undefined, fetchedAt: Date): boolean {
    return this.db.transaction(() => {
      const before = this.get(userId);
      this.upsert.run({ userId, tz: tz ?? null, at: fetchedAt.getTime() });
      return before?.fetchedAt === undefined || before.tz !== tz;
    })();
  }

  scheduleTimezoneRetry(userId: string, at: Date, failures: number): void {
    this.retry.run(userId, at.getTime(), failures);
  }

  timezoneLookupsDue(now: Date, staleBefore: Date, limit: number): string[] {
    const rows = this.lookupsDue.all({ now: now.getTime(), staleBefore: staleBefore.getTime(), limit }) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }

  timezoneReplansOwed(limit: number): string[] {
    return (this.replansOwed.all(limit) as { user_id: string }[]).map((r) => r.user_id);
  }

  markTimezoneReplanned(userId: string): void {
    this.replanned.run(userId);
  }
}
