import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Atomically } from '../domain/repositories.js';

export type Row = Record<string, unknown>;
/** Positional (`?`) or named (`@name`) parameters, as better-sqlite3 takes them. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;
export type Engine = 'sqlite' | 'postgres';

/**
 * The one way the repositories talk to a database: the same SQL text on SQLite and PostgreSQL
 * (issue 16). Statements are written once, in the subset both engines understand, with `?` or
 * `@name` parameters; the few places where the engines differ ask `idsIn`. Everything is
 * asynchronous because PostgreSQL is; on SQLite the promises resolve at once.
 */
export interface Sql {
  readonly engine: Engine;
  all<T = Row>(text: string, params?: Params): Promise<T[]>;
  get<T = Row>(text: string, params?: Params): Promise<T | undefined>;
  /** Runs a statement; the number of rows it changed. */
  run(text: string, params?: Params): Promise<number>;
  /**
   * One unit of work: every statement inside is committed together or not at all. Nested calls
   * become savepoints. Units take turns (one writer at a time, as SQLite's `BEGIN IMMEDIATE`), so a
   * read-then-write inside one never races another process.
   */
  atomically: Atomically;
  /**
   * Reads that must see one state (an interview and its sub-records, read by several statements):
   * a read-only transaction that waits for no writer. Inside a unit of work, just the work.
   */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  /**
   * The WHERE of a claim (an UPDATE that takes one row for this process): on PostgreSQL the row is
   * selected `FOR UPDATE SKIP LOCKED`, so a claim never waits on another instance claiming the same
   * row — it simply does not get it. On SQLite (one writer at a time) the condition as it is.
   */
  claimable(table: string, where: string): string;
  /** `column` compared byte by byte (a range over a prefix is exact only in that order). */
  bytewise(column: string): string;
  /** `column IN (the ids)` with the ids passed as one parameter (`ids(values)`). */
  idsIn(column: string, param: string): string;
  ids(values: readonly number[]): unknown;
  close(): Promise<void>;
}

/**
 * SQLite through better-sqlite3. The driver is synchronous; a unit of work that awaits between its
 * statements must not let another caller's statements into its transaction (one connection), so
 * while a unit is open every other caller waits for it to end.
 */
export class SqliteSql implements Sql {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly unit = new AsyncLocalStorage<object>();
  private open: { owner: object; ended: Promise<void> } | undefined;
  private savepoints = 0;

  constructor(readonly db: Database.Database) {}

  private statement(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /** Waits while another caller's unit of work holds the connection. */
  private async turn(): Promise<void> {
    while (this.open && this.open.owner !== this.unit.getStore()) await this.open.ended;
  }

  private bind(params: Params | undefined): unknown[] {
    if (params === undefined) return [];
    return Array.isArray(params) ? params : [params];
  }

  async all<T = Row>(text: string, params?: Params): Promise<T[]> {
    if (this.open) await this.turn();
    return this.statement(text).all(...this.bind(params)) as T[];
  }

  async get<T = Row>(text: string, params?: Params): Promise<T | undefined> {
    if (this.open) await this.turn();
    return this.statement(text).get(...this.bind(params)) as T | undefined;
  }

  async run(text: string, params?: Params): Promise<number> {
    if (this.open) await this.turn();
    return this.statement(text).run(...this.bind(params)).changes;
  }

  atomically: Atomically = <T>(work: () => Promise<T>): Promise<T> =>
    // IMMEDIATE: the write lock is taken at BEGIN, so two processes never deadlock upgrading a
    // read lock (SQLITE_BUSY at once); the second waits for the first within busy_timeout.
    this.unitOfWork('BEGIN IMMEDIATE', work, true);

  snapshot<T>(work: () => Promise<T>): Promise<T> {
    // DEFERRED: a read transaction; another process may write meanwhile (WAL), unseen by this one.
    return this.unitOfWork('BEGIN DEFERRED', work, false);
  }

  private async unitOfWork<T>(begin: string, work: () => Promise<T>, savepoint: boolean): Promise<T> {
    const mine = this.unit.getStore();
    if (mine && this.open?.owner === mine) {
      if (!savepoint) return work();
      const name = `sp${++this.savepoints}`;
      this.db.exec(`SAVEPOINT ${name}`);
      try {
        const result = await work();
        this.db.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
        throw error;
      }
    }
    while (this.open) await this.open.ended;
    const owner = {};
    let end!: () => void;
    this.open = { owner, ended: new Promise<void>((resolve) => (end = resolve)) };
    try {
      // Prepared once (the statement cache): a save or a read runs one of these every time.
      this.statement(begin).run();
      try {
        const result = await this.unit.run(owner, work);
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.open = undefined;
      end();
    }
  }

  claimable(_table: string, where: string): string {
    return where;
  }

  bytewise(column: string): string {
    return column; // SQLite compares text bytewise (BINARY) unless told otherwise
  }

  idsIn(column: string, param: string): string {
    return `${column} IN (SELECT value FROM json_each(${param}))`;
  }

  ids(values: readonly number[]): unknown {
    return JSON.stringify(values);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * Rewrites `?` and `@name` parameters to PostgreSQL's `$n`, leaving quoted text alone. The same
 * name twice is the same `$n`.
 */
export function toPostgresText(text: string): { text: string; names: string[] | undefined; positional: number } {
  let out = '';
  const names: string[] = [];
  let positional = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      const end = close === -1 ? text.length : close;
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '?') {
      out += `$${++positional}`;
    } else if (c === '@' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))!;
      let n = names.indexOf(m[0]);
      if (n === -1) n = names.push(m[0]) - 1;
      out += `$${n + 1}`;
      i += m[0].length;
    } else {
      out += c;
    }
  }
  if (names.length > 0 && positional > 0) throw new Error('A statement mixes ? and @name parameters');
  return { text: out, names: names.length > 0 ? names : undefined, positional };
}
