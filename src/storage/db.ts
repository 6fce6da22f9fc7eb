import Database from 'better-sqlite3';
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaTooNewError } from '../errors.js';

export type Db = Database.Database;

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/** Owner read/write only: the database holds candidates' personal data (SPEC "Security and privacy"). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `path` empty with mode 0600 if it does not exist (`exclusive`: fails if it does), and
 * otherwise tightens it to 0600. SQLite gives a database's `-wal`, `-shm` and `-journal` files the
 * mode of the database file, so a 0600 database keeps its companions 0600 too, whatever the umask.
 */
export function ensurePrivateFile(path: string, opts: { exclusive?: boolean } = {}): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if (opts.exclusive || (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    tightenIfPresent(path);
    return;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE); // exactly 0600, also under an unusual umask
  } finally {
    closeSync(fd);
  }
}

/**
 * Tightens an existing file (one created 0644 by an older version) to 0600. Absent is fine; so is a
 * file owned by another user (EPERM), which this process cannot change and must still be able to open.
 */
function tightenIfPresent(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

export function openDatabase(path: string): Db {
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    ensurePrivateFile(path);
    for (const suffix of ['-wal', '-shm', '-journal']) tightenIfPresent(path + suffix);
  }
  const db = new Database(path);
  // Erased personal data is overwritten with zeros, not left in free space of the file (SPEC).
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Concurrent readers (a backup, a second process) must wait rather than fail at once.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/**
 * Applies the pending numbered migrations, all in one transaction so a failure leaves the database
 * as it was. Forward-only: a database whose recorded version is newer than the code is refused.
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  // IMMEDIATE: two processes starting together (a rolling restart) take turns; the second reads the
  // version inside its transaction, after the first committed, and finds nothing left to do.
  const current = db.transaction(() => {
    const from = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    if (from > latest) throw new SchemaTooNewError(from, latest);
    for (const m of migrations.filter((x) => x.version > from)) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
    return from;
  }).immediate();
  if (current === latest) return { from: current, to: current };
  const fkProblems = db.pragma('foreign_key_check') as unknown[];
  if (fkProblems.length > 0) throw new Error('Migration left foreign key violations');
  return { from: current, to: latest };
}
