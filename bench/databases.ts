import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase } from '../src/storage/db.js';
import { migratePostgres } from '../src/storage/postgres/migrate.js';
import { PostgresSql } from '../src/storage/postgres/pgSql.js';
import { SqliteSql, type Engine, type Sql } from '../src/storage/sql.js';
import { startPostgres, type TestPostgres } from '../test/support/postgres.js';

let server: TestPostgres | undefined;
let counter = 0;

/** The benchmarks' PostgreSQL (Debian's packages), started on first use and stopped by `stopBenchPostgres`. */
async function postgresServer(): Promise<TestPostgres> {
  server ??= await startPostgres();
  return server;
}

export function stopBenchPostgres(): void {
  server?.stop();
  server = undefined;
}

export interface BenchDatabase {
  sql: Sql;
  engine: Engine;
  /** What a bot process is given to open the same database. */
  env: Record<string, string>;
  /** SQLite: the file (checkpointed by `settle`). */
  path?: string;
  /** Writes everything seeded out of the WAL, so the measured part starts from a settled file. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, migrated database on `engine`: a SQLite file in a temp folder, or a new PostgreSQL database. */
export async function benchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ip-bench-'));
    const path = join(dir, 'bench.db');
    const db = openDatabase(path);
    migrate(db);
    return {
      sql: new SqliteSql(db),
      engine,
      env: { DATABASE_PATH: path },
      path,
      async settle() {
        db.pragma('wal_checkpoint(TRUNCATE)');
      },
      async close() {
        if (db.open) db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const s = await postgresServer();
  const name = `bench_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: s.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = s.url.replace(/\/[^/]*$/, `/${name}`);
  const sql = PostgresSql.connect(url);
  const client = await sql.pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  return {
    sql,
    engine,
    env: { DATABASE_URL: url },
    async settle() {
      await sql.run('VACUUM ANALYZE');
    },
    async close() {
      await sql.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
