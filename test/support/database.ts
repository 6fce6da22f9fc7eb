import { inject } from 'vitest';
import pg from 'pg';
import { migrate, openDatabase, type Db } from '../../src/storage/db.js';
import { PostgresSql } from '../../src/storage/postgres/pgSql.js';
import { SqliteSql, type Engine, type Sql } from '../../src/storage/sql.js';

/**
 * Which engine this test run is on: the `sqlite` project of vitest.config.ts, or the `postgres`
 * project, whose global setup (test/support/pgGlobalSetup.ts) started a real PostgreSQL and left a
 * migrated template database for each test to copy.
 */
export function testEngine(): Engine {
  return pgUrl() ? 'postgres' : 'sqlite';
}

/** The postgres project's server; undefined in the sqlite project and outside vitest (bench). */
function pgUrl(): string | undefined {
  try {
    return inject('pgUrl') || undefined;
  } catch {
    return undefined;
  }
}

export interface TestSql {
  sql: Sql;
  engine: Engine;
  /** SQLite only: the underlying file or in-memory database. */
  db?: Db;
  /** PostgreSQL only: a URL to this test's own database (for child processes). */
  url?: string;
  close(): Promise<void>;
}

let counter = 0;

/** Creates an empty, migrated PostgreSQL database for one test, copied from the template. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = pgUrl();
  if (!server) throw new Error('not in the postgres project');
  const name = `t_${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  const url = server.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A fresh migrated database on this run's engine: SQLite in memory (or `sqlite` given), or a new
 * PostgreSQL database of the test server.
 */
export async function openTestSql(opts: { sqlite?: Db } = {}): Promise<TestSql> {
  if (testEngine() === 'postgres' && !opts.sqlite) {
    const database = await createPostgresDatabase();
    const sql = PostgresSql.connect(database.url, { max: 4 });
    return {
      sql,
      engine: 'postgres',
      url: database.url,
      async close() {
        await sql.close();
        await database.drop();
      },
    };
  }
  const db = opts.sqlite ?? openDatabase(':memory:');
  migrate(db);
  return {
    sql: new SqliteSql(db),
    engine: 'sqlite',
    db,
    async close() {
      if (!opts.sqlite) db.close();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL server's admin URL; empty in the sqlite project. */
    pgUrl: string;
    /** The migrated database each test copies. */
    pgTemplate: string;
  }
}
