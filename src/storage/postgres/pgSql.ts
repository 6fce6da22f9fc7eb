import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Atomically } from '../../domain/repositories.js';
import { toPostgresText, type Params, type Row, type Sql } from '../sql.js';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Times are milliseconds and ids identities, both BIGINT: well inside a JS number, so they are read
 * as numbers (pg's default is a string, to be safe beyond 2^53). Counts and sums likewise.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Any constant shared by every instance: the lock a unit of work takes (see `atomically`). */
const WRITE_LOCK = 0x1e7e4_02;

interface Unit {
  client: pg.PoolClient;
  savepoints: number;
}

/** PostgreSQL through a `pg` pool: the same statements as SQLite, rewritten to `$n` once each. */
export class PostgresSql implements Sql {
  readonly engine = 'postgres' as const;
  private readonly texts = new Map<string, ReturnType<typeof toPostgresText>>();
  private readonly unit = new AsyncLocalStorage<Unit>();

  constructor(readonly pool: pg.Pool) {}

  static connect(url: string, opts: { max?: number } = {}): PostgresSql {
    // A server that does not answer fails a call within seconds (a tick or a save reports it, and
    // /healthz says 503) instead of queueing work forever behind it.
    const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, types, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection (a server restart) must not crash the process; the
    // next query gets a fresh one.
    pool.on('error', () => {});
    return new PostgresSql(pool);
  }

  private async query(text: string, params: Params | undefined): Promise<pg.QueryResult> {
    let t = this.texts.get(text);
    if (!t) {
      t = toPostgresText(text);
      this.texts.set(text, t);
    }
    let values: unknown[] = [];
    if (params !== undefined) {
      if (Array.isArray(params)) values = params as unknown[];
      else {
        const named = params as Record<string, unknown>;
        values = (t.names ?? []).map((n) => named[n]);
      }
    }
    values = values.map((v) => (v === undefined ? null : v));
    const on = this.unit.getStore()?.client ?? this.pool;
    return on.query(t.text, values);
  }

  async all<T = Row>(text: string, params?: Params): Promise<T[]> {
    return (await this.query(text, params)).rows as T[];
  }

  async get<T = Row>(text: string, params?: Params): Promise<T | undefined> {
    return (await this.query(text, params)).rows[0] as T | undefined;
  }

  async run(text: string, params?: Params): Promise<number> {
    return (await this.query(text, params)).rowCount ?? 0;
  }

  atomically: Atomically = async <T>(work: () => Promise<T>): Promise<T> => {
    const open = this.unit.getStore();
    if (open) {
      const name = `sp${++open.savepoints}`;
      await open.client.query(`SAVEPOINT ${name}`);
      try {
        const result = await work();
        await open.client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    }
    // One unit at a time across every instance, as SQLite's BEGIN IMMEDIATE: the units are a few
    // short statements, and a read-then-write in one then never interleaves with another's.
    // Single statements outside a unit (the claims) do not wait for it.
    return this.transaction(['BEGIN', `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`], work);
  };

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    if (this.unit.getStore()) return work();
    // REPEATABLE READ: every statement of the work sees the database as of its first one.
    return this.transaction(['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'], work);
  }

  /** `work` on one pooled connection between `begin` and COMMIT (ROLLBACK on a throw). */
  private async transaction<T>(begin: string[], work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      for (const statement of begin) await client.query(statement);
      const result = await this.unit.run({ client, savepoints: 0 }, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  claimable(table: string, where: string): string {
    return `id = (SELECT id FROM ${table} WHERE ${where} FOR UPDATE SKIP LOCKED)`;
  }

  bytewise(column: string): string {
    // The database's collation may be a language's (punctuation ignored, say); "C" is byte order.
    return `${column} COLLATE "C"`;
  }

  idsIn(column: string, param: string): string {
    return `${column} = ANY(${param}::bigint[])`;
  }

  ids(values: readonly number[]): unknown {
    return values;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
