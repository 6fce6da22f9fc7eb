import { join } from 'node:path';
import type pg from 'pg';
import { SchemaTooNewError } from '../../errors.js';
import { MIGRATIONS_DIR, readMigrations, type Migration } from '../db.js';

/** PostgreSQL's migrations: numbered like SQLite's, bringing the schema to the same version. */
export const POSTGRES_MIGRATIONS_DIR = join(MIGRATIONS_DIR, 'postgres');

/** Any constant shared by every instance: the advisory lock that makes migrating one at a time. */
const MIGRATION_LOCK = 0x1e7e4_01;

/**
 * The PostgreSQL twin of `migrate` (storage/db.ts): the pending numbered migrations in one
 * transaction, the version recorded, a database newer than the code refused. Instances starting
 * together take turns on an advisory lock; the second reads the version after the first committed.
 */
export async function migratePostgres(client: pg.ClientBase, migrations: Migration[] = readMigrations(POSTGRES_MIGRATIONS_DIR)): Promise<{ from: number; to: number }> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const from = rows[0]?.v ?? 0;
    if (from > latest) throw new SchemaTooNewError(from, latest);
    for (const m of migrations.filter((x) => x.version > from)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, latest) };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
