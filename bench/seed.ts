import type { Sql } from '../src/storage/sql.js';
import { TIMELINE_KINDS } from '../src/domain/interview.js';

const HOUR = 3_600_000;
const CONSULTANT = `INSERT INTO consultants (team_id, user_id, tz, tz_fetched_at) VALUES (?, ?, 'Europe/Amsterdam', ?) ON CONFLICT DO NOTHING`;

/**
 * Fills the database with `interviews` interviews of `owners` consultants and their full timelines
 * (10 items each): most in the past and sent, the rest ahead and pending — the shape a database has
 * after a few years of use. Rows of workspace `team` ('' = adopted by the next start, see
 * storage/workspace.ts). Plain SQL in one transaction: seeding is not what is measured.
 */
export async function seedHistory(sql: Sql, opts: { interviews: number; owners: number; now: Date; futureShare?: number; team?: string }): Promise<void> {
  const team = opts.team ?? '';
  const now = opts.now.getTime();
  const future = Math.floor(opts.interviews * (opts.futureShare ?? 0.1));
  const interview = `INSERT INTO interviews (team_id, owner_id, candidate_name, client_company, role_title, start_at,
    duration_min, location, format, created_at, updated_at) VALUES (?, ?, ?, 'Seed BV', 'Developer', ?, 60, 'Amsterdam', 'panel', ?, ?) RETURNING id`;

  // A plan made well ahead has no catch-up message.
  const kinds = TIMELINE_KINDS.filter((k) => k !== 'catch_up');
  // One statement per interview's items: a round trip each counts on PostgreSQL.
  const items = `INSERT INTO timeline_items (team_id, interview_id, kind, due_at, state, updated_at, sent_at)
    VALUES ${kinds.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  await sql.atomically(async () => {
    for (let o = 0; o < opts.owners; o++) await sql.run(CONSULTANT, [team, `U${String(o).padStart(8, '0')}`, now]);
    for (let n = 0; n < opts.interviews; n++) {
      const ahead = n < future;
      // Past interviews spread over three years; future ones over the next four weeks (from 2 days on).
      const start = ahead ? now + 2 * 24 * HOUR + (n % (26 * 24)) * HOUR : now - 2 * 24 * HOUR - n * 15 * 60_000;
      const row = await sql.get<{ id: number }>(interview, [team, `U${String(n % opts.owners).padStart(8, '0')}`, `Kandidaat ${n}`, start, start - 7 * 24 * HOUR, start]);
      await sql.run(
        items,
        kinds.flatMap((kind, k) => {
          const due = start - 26 * HOUR + k * 3 * HOUR;
          return [team, row!.id, kind, due, ahead ? 'pending' : 'sent', start, ahead ? null : due];
        }),
      );
    }
  });
}

/** `count` interviews whose candidate check-in is due exactly at `now`, for `owners` consultants. */
export async function seedDueNow(sql: Sql, opts: { count: number; owners: number; now: Date; ownerPrefix?: string; team?: string }): Promise<number[]> {
  const team = opts.team ?? '';
  const now = opts.now.getTime();
  // context_checked_at set: these interviews measure reminder delivery, not the context-risk check.
  const interview = `INSERT INTO interviews (team_id, owner_id, candidate_name, client_company, role_title, start_at,
    duration_min, location, format, created_at, updated_at, context_checked_at)
    VALUES (?, ?, ?, 'Burst BV', 'Developer', ?, 60, 'Utrecht', 'one_on_one', ?, ?, ?) RETURNING id`;
  const item = `INSERT INTO timeline_items (team_id, interview_id, kind, due_at, state, updated_at) VALUES (?, ?, 'candidate_checkin', ?, 'pending', ?)`;
  // Consultants whose zone is known and fresh: the tick measures delivery, not a first zone lookup
  // (which would replan the seeded interviews into full plans).
  const ids: number[] = [];
  await sql.atomically(async () => {
    for (let n = 0; n < opts.count; n++) {
      const start = now + 2 * HOUR;
      const owner = `${opts.ownerPrefix ?? 'UBURST'}${String(n % opts.owners).padStart(5, '0')}`;
      await sql.run(CONSULTANT, [team, owner, now]);
      const row = await sql.get<{ id: number }>(interview, [team, owner, `Burst ${n}`, start, now - HOUR, now - HOUR, now]);
      await sql.run(item, [team, row!.id, now, now]);
      ids.push(row!.id);
    }
  });
  return ids;
}
