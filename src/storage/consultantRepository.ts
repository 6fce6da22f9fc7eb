import type { Db } from './db.js';
import type { ConsultantRepository } from '../domain/repositories.js';

export class SqliteConsultantRepository implements ConsultantRepository {
  private readonly select;
  private readonly upsert;
  private readonly selectDm;
  private readonly upsertDm;

  constructor(db: Db) {
    this.select = db.prepare('SELECT tz, tz_fetched_at FROM consultants WHERE user_id = ?');
    this.upsert = db.prepare(`INSERT INTO consultants (user_id, tz, tz_fetched_at) VALUES (?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET tz = excluded.tz, tz_fetched_at = excluded.tz_fetched_at`);
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

  get(userId: string): { tz?: string; fetchedAt?: Date } | undefined {
    const row = this.select.get(userId) as { tz: string | null; tz_fetched_at: number | null } | undefined;
    if (!row) return undefined;
    return {
      tz: row.tz ?? undefined,
      fetchedAt: row.tz_fetched_at === null ? undefined : new Date(row.tz_fetched_at),
    };
  }

  saveTimezone(userId: string, tz: string | undefined, fetchedAt: Date): void {
    this.upsert.run(userId, tz ?? null, fetchedAt.getTime());
  }
}
