import { migrate, openDatabase } from './db.js';
import { SqliteSql, type Sql } from './sql.js';

export interface Storage {
  sql: Sql;
  /** The schema version before and after this start's migrations. */
  migration: { from: number; to: number };
}

/**
 * The database the configuration names, migrated: PostgreSQL when `databaseUrl` is set (any number
 * of instances on one server), SQLite at `databasePath` otherwise (one host).
 */
export async function openStorage(opts: { databasePath: string; databaseUrl?: string }): Promise<Storage> {
  if (opts.databaseUrl) {
    // Loaded only when used: a SQLite deployment does not carry the PostgreSQL driver in memory.
    const { PostgresSql } = await import('./postgres/pgSql.js');
    const { migratePostgres } = await import('./postgres/migrate.js');
    const sql = PostgresSql.connect(opts.databaseUrl);
    try {
      const client = await sql.pool.connect();
      try {
        return { sql, migration: await migratePostgres(client) };
      } finally {
        client.release();
      }
    } catch (error) {
      await sql.close();
      throw error;
    }
  }
  const db = openDatabase(opts.databasePath);
  try {
    return { sql: new SqliteSql(db), migration: migrate(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}
