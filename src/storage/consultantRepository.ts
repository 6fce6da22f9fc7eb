import type { Sql } from './sql.js';
import type { ConsultantRepository, ConsultantTimezone } from '../domain/repositories.js';

// One row per (workspace, user) (issue 16): a user id can be in several workspaces (Enterprise
// Grid) with another zone and DM channel in each, so every statement is limited to this workspace.
const Q = {
  select: 'SELECT tz, tz_fetched_at, tz_retry_at, tz_failures FROM consultants WHERE team_id = ? AND user_id = ?',
  // A first answer, or another zone than before, owes a replan of the consultant's upcoming plans
  // (in this workspace: the conflict target is this workspace's row).
  upsert: `INSERT INTO consultants (team_id, user_id, tz, tz_fetched_at, tz_replan_owed_at) VALUES (@team, @userId, @tz, @at, @at)
    ON CONFLICT (team_id, user_id) DO UPDATE SET
      tz_replan_owed_at = CASE WHEN consultants.tz_fetched_at IS NULL OR consultants.tz IS DISTINCT FROM excluded.tz
        THEN excluded.tz_fetched_at ELSE consultants.tz_replan_owed_at END,
      tz = excluded.tz, tz_fetched_at = excluded.tz_fetched_at, tz_retry_at = NULL, tz_failures = 0`,
  retry: `INSERT INTO consultants (team_id, user_id, tz_retry_at, tz_failures) VALUES (?, ?, ?, ?)
    ON CONFLICT (team_id, user_id) DO UPDATE SET tz_retry_at = excluded.tz_retry_at, tz_failures = excluded.tz_failures`,
  // The consultants table has one row per person who used the bot: a scan per tick stays small,
  // and the EXISTS is one probe of interviews_owner_start. Ordered by when each lookup fell due.
  // Only this workspace's consultants, and only their interviews in this workspace.
  lookupsDue: `SELECT c.user_id FROM consultants c
    WHERE c.team_id = @team AND CASE WHEN c.tz_retry_at IS NOT NULL THEN c.tz_retry_at <= @now
      ELSE (c.tz_fetched_at IS NULL OR c.tz_fetched_at <= @staleBefore)
        AND EXISTS (SELECT 1 FROM interviews i WHERE i.owner_id = c.user_id AND i.team_id = @team
          AND i.start_at > @now AND i.status = 'scheduled' AND i.erased_at IS NULL) END
    ORDER BY COALESCE(c.tz_retry_at, c.tz_fetched_at + (@now - @staleBefore), 0), c.user_id LIMIT @limit`,
  replansOwed: `SELECT user_id FROM consultants WHERE team_id = ? AND tz_replan_owed_at IS NOT NULL
    ORDER BY tz_replan_owed_at, user_id LIMIT ?`,
  replanned: 'UPDATE consultants SET tz_replan_owed_at = NULL WHERE team_id = ? AND user_id = ?',
  selectDm: 'SELECT dm_channel FROM consultants WHERE team_id = ? AND user_id = ?',
  upsertDm: `INSERT INTO consultants (team_id, user_id, dm_channel) VALUES (?, ?, ?)
    ON CONFLICT (team_id, user_id) DO UPDATE SET dm_channel = excluded.dm_channel`,
} as const;

export class SqlConsultantRepository implements ConsultantRepository {
  constructor(private readonly sql: Sql, private readonly team: string) {}

  async dmChannel(userId: string): Promise<string | undefined> {
    const row = await this.sql.get<{ dm_channel: string | null }>(Q.selectDm, [this.team, userId]);
    return row?.dm_channel ?? undefined;
  }

  async saveDmChannel(userId: string, channel: string): Promise<void> {
    await this.sql.run(Q.upsertDm, [this.team, userId, channel]);
  }

  async get(userId: string): Promise<ConsultantTimezone | undefined> {
    const row = await this.sql.get<{
      tz: string | null;
      tz_fetched_at: number | null;
      tz_retry_at: number | null;
      tz_failures: number;
    }>(Q.select, [this.team, userId]);
    if (!row) return undefined;
    return {
      tz: row.tz ?? undefined,
      fetchedAt: row.tz_fetched_at === null ? undefined : new Date(row.tz_fetched_at),
      retryAt: row.tz_retry_at === null ? undefined : new Date(row.tz_retry_at),
      failures: row.tz_failures,
    };
  }

  async saveTimezone(userId: string, tz: string | undefined, fetchedAt: Date): Promise<boolean> {
    // The read of the zone before and the upsert (which marks the upcoming plans for a replan) are
    // one unit, so a concurrent save cannot slip between them and both report the zone as new.
    return this.sql.atomically(async () => {
      const before = await this.get(userId);
      await this.sql.run(Q.upsert, { team: this.team, userId, tz: tz ?? null, at: fetchedAt.getTime() });
      return before?.fetchedAt === undefined || before.tz !== tz;
    });
  }

  async scheduleTimezoneRetry(userId: string, at: Date, failures: number): Promise<void> {
    await this.sql.run(Q.retry, [this.team, userId, at.getTime(), failures]);
  }

  async timezoneLookupsDue(now: Date, staleBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.sql.all<{ user_id: string }>(Q.lookupsDue, {
      team: this.team,
      now: now.getTime(),
      staleBefore: staleBefore.getTime(),
      limit,
    });
    return rows.map((r) => r.user_id);
  }

  async timezoneReplansOwed(limit: number): Promise<string[]> {
    return (await this.sql.all<{ user_id: string }>(Q.replansOwed, [this.team, limit])).map((r) => r.user_id);
  }

  async markTimezoneReplanned(userId: string): Promise<void> {
    await this.sql.run(Q.replanned, [this.team, userId]);
  }
}
