import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, readMigrations } from '../../src/storage/db.js';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from '../../src/storage/postgres/migrate.js';
import { SchemaTooNewError } from '../../src/errors.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

/**
 * Issue 16: the migrations exist for both engines and produce the same schema. SQLite's come from
 * migrations/*.sql, PostgreSQL's from migrations/postgres/*.sql, applied to a real server; both are
 * read back from the engines' own catalogues and compared: tables, columns (name, nullability, kind),
 * primary keys, unique keys, foreign keys and named indexes.
 */

type Kind = 'integer' | 'text';
interface Schema {
  columns: Record<string, Array<{ name: string; nullable: boolean; kind: Kind }>>;
  primaryKeys: Record<string, string[]>;
  uniques: Record<string, string[][]>;
  foreignKeys: Record<string, string[]>;
  indexes: Record<string, { table: string; unique: boolean; partial: boolean }>;
}

const sortRecord = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));

function sqliteSchema(): Schema {
  const db = openDatabase(':memory:');
  migrate(db);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  const s: Schema = { columns: {}, primaryKeys: {}, uniques: {}, foreignKeys: {}, indexes: {} };
  for (const table of tables) {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
    s.columns[table] = cols.map((c) => ({ name: c.name, nullable: c.notnull === 0 && c.pk === 0, kind: c.type === 'INTEGER' ? 'integer' : 'text' }));
    s.primaryKeys[table] = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const fks = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as Array<{ from: string; table: string; on_delete: string }>;
    s.foreignKeys[table] = fks.map((f) => `${f.from}->${f.table}:${f.on_delete.toLowerCase()}`).sort();
    const indexes = db.prepare(`PRAGMA index_list(${table})`).all() as Array<{ name: string; unique: number; origin: string; partial: number }>;
    s.uniques[table] = indexes
      .filter((i) => i.origin === 'u')
      .map((i) => (db.prepare(`PRAGMA index_info(${JSON.stringify(i.name)})`).all() as Array<{ name: string }>).map((c) => c.name))
      .sort((a, b) => a.join().localeCompare(b.join()));
    for (const i of indexes.filter((x) => x.origin === 'c')) s.indexes[i.name] = { table, unique: i.unique === 1, partial: i.partial === 1 };
  }
  db.close();
  return { ...s, indexes: sortRecord(s.indexes) };
}

async function postgresSchema(client: pg.Client): Promise<Schema> {
  const s: Schema = { columns: {}, primaryKeys: {}, uniques: {}, foreignKeys: {}, indexes: {} };
  const cols = await client.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
    `SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position`,
  );
  for (const c of cols.rows) {
    (s.columns[c.table_name] ??= []).push({
      name: c.column_name,
      nullable: c.is_nullable === 'YES',
      kind: c.data_type === 'bigint' || c.data_type === 'integer' ? 'integer' : 'text',
    });
  }
  const constraints = await client.query<{ table_name: string; constraint_type: string; constraint_name: string; columns: string[] }>(
    `SELECT tc.table_name, tc.constraint_type, tc.constraint_name, array_agg(kcu.column_name::text ORDER BY kcu.ordinal_position) AS columns
     FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
     WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
     GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name`,
  );
  for (const table of Object.keys(s.columns)) {
    s.primaryKeys[table] = constraints.rows.find((r) => r.table_name === table && r.constraint_type === 'PRIMARY KEY')?.columns ?? [];
    s.uniques[table] = constraints.rows.filter((r) => r.table_name === table && r.constraint_type === 'UNIQUE').map((r) => r.columns).sort((a, b) => a.join().localeCompare(b.join()));
    s.foreignKeys[table] = [];
  }
  const fks = await client.query<{ table_name: string; column_name: string; foreign_table: string; delete_rule: string }>(
    `SELECT kcu.table_name, kcu.column_name, ccu.table_name AS foreign_table, rc.delete_rule
     FROM information_schema.referential_constraints rc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name
     JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name
     WHERE kcu.table_schema = 'public'`,
  );
  for (const f of fks.rows) s.foreignKeys[f.table_name]!.push(`${f.column_name}->${f.foreign_table}:${f.delete_rule.toLowerCase()}`);
  for (const table of Object.keys(s.foreignKeys)) s.foreignKeys[table]!.sort();
  // Named indexes only: the ones behind primary and unique keys are compared as keys above.
  const indexes = await client.query<{ indexname: string; tablename: string; indexdef: string }>(
    `SELECT i.indexname, i.tablename, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const i of indexes.rows) s.indexes[i.indexname] = { table: i.tablename, unique: /CREATE UNIQUE INDEX/.test(i.indexdef), partial: / WHERE /.test(i.indexdef) };
  return { ...s, indexes: sortRecord(s.indexes) };
}

let server: TestPostgres;
let client: pg.Client;
beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migratePostgres(client);
}, 60_000);
afterAll(async () => {
  await client?.end();
  server?.stop();
});

describe('the PostgreSQL migrations produce the SQLite schema', () => {
  it('every table with the same columns (name, nullability, kind) in the same order', async () => {
    const [lite, pgs] = [sqliteSchema(), await postgresSchema(client)];
    expect(Object.keys(pgs.columns).sort()).toEqual(Object.keys(lite.columns).sort());
    expect(sortRecord(pgs.columns)).toEqual(sortRecord(lite.columns));
  });

  it('the same primary, unique and foreign keys', async () => {
    const [lite, pgs] = [sqliteSchema(), await postgresSchema(client)];
    expect(sortRecord(pgs.primaryKeys)).toEqual(sortRecord(lite.primaryKeys));
    expect(sortRecord(pgs.uniques)).toEqual(sortRecord(lite.uniques));
    expect(sortRecord(pgs.foreignKeys)).toEqual(sortRecord(lite.foreignKeys));
  });

  it('the same named indexes, unique and partial where SQLite has them so', async () => {
    const [lite, pgs] = [sqliteSchema(), await postgresSchema(client)];
    expect(pgs.indexes).toEqual(lite.indexes);
  });

  it('the same checks hold: a value outside a CHECK list is refused by PostgreSQL too', async () => {
    await expect(
      client.query(`INSERT INTO interviews (owner_id, client_company, role_title, start_at, duration_min, location, format, created_at, updated_at)
        VALUES ('U1', 'c', 'r', 1, 60, 'l', 'speed_date', 1, 1)`),
    ).rejects.toThrow(/check constraint/);
    const row = await client.query<{ id: string }>(`INSERT INTO interviews (owner_id, client_company, role_title, start_at, duration_min, location, format, created_at, updated_at)
        VALUES ('U1', 'c', 'r', 1, 60, 'l', 'panel', 1, 1) RETURNING id`);
    expect(Number(row.rows[0]!.id)).toBeGreaterThan(0);
  });
});

describe('migratePostgres', () => {
  it('records the version, the same as SQLite’s, and applies nothing twice', async () => {
    const sqliteLatest = Math.max(...readMigrations().map((m) => m.version));
    const pgLatest = Math.max(...readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version));
    expect(pgLatest).toBe(sqliteLatest);
    expect(await migratePostgres(client)).toEqual({ from: pgLatest, to: pgLatest });
  });

  it('two instances starting together migrate a fresh database once (advisory lock)', async () => {
    await client.query('CREATE DATABASE fresh');
    const url = server.url.replace(/\/postgres$/, '/fresh');
    const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      const results = await Promise.all([migratePostgres(a), migratePostgres(b)]);
      expect(results.map((r) => r.from).sort()).toEqual([0, Math.max(...readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version))]);
      expect((await a.query('SELECT COUNT(*)::int AS n FROM schema_migrations')).rows[0]).toEqual({ n: readMigrations(POSTGRES_MIGRATIONS_DIR).length });
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('refuses a database newer than the code, and a failing migration leaves nothing behind', async () => {
    await client.query('CREATE DATABASE other');
    const c = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, '/other') });
    await c.connect();
    try {
      await expect(migratePostgres(c, [{ version: 1, name: '0001_a', sql: 'CREATE TABLE a (x int)' }, { version: 2, name: '0002_b', sql: 'CREATE TABLE b (x nonsense_type)' }])).rejects.toThrow();
      expect((await c.query("SELECT to_regclass('public.a') AS t")).rows[0]).toEqual({ t: null });
      await migratePostgres(c, [{ version: 1, name: '0001_a', sql: 'CREATE TABLE a (x int)' }]);
      await c.query("INSERT INTO schema_migrations VALUES (99, '0099_future', 'x')");
      await expect(migratePostgres(c, [{ version: 1, name: '0001_a', sql: 'CREATE TABLE a (x int)' }])).rejects.toThrow(SchemaTooNewError);
    } finally {
      await c.end();
    }
  });
});
