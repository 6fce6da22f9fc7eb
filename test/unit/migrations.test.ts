import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../src/errors.js';
import { migrate, openDatabase, readMigrations } from '../../src/storage/db.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ip-mig-'));
  dirs.push(dir);
  return join(dir, 'nested', 'interviewprep.db');
}

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]);

describe('migrations', () => {
  it('are numbered files applied in order from an empty database', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = openDatabase(':memory:');
    const result = migrate(db);
    expect(result).toEqual({ from: 0, to: migrations.length });
    const names = tables(db).map((t) => t.name);
    for (const t of ['interviews', 'stakeholders', 'interview_context', 'coaching_checks', 'client_expectations',
      'task_done', 'last_minute_changes', 'candidate_debriefs', 'client_feedback', 'loop_closures',
      'timeline_items', 'risk_alerts', 'consultants', 'schema_migrations']) {
      expect(names).toContain(t);
    }
  });

  it('creates STRICT tables, WAL and foreign keys on a file database (parent folder created)', () => {
    const db = openDatabase(tempDbPath());
    migrate(db);
    for (const t of tables(db)) expect(t.sql).toMatch(/\)\s*STRICT\s*$/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('is a no-op when re-run, on the same file after a restart', () => {
    const path = tempDbPath();
    const first = openDatabase(path);
    migrate(first);
    first.prepare(`INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at,
      duration_min, location, format, created_at, updated_at) VALUES ('U1','n','c','r',1,60,'l','panel',1,1)`).run();
    first.close();
    const again = openDatabase(path);
    const latest = readMigrations().length;
    expect(migrate(again)).toEqual({ from: latest, to: latest });
    expect((again.prepare('SELECT COUNT(*) AS n FROM interviews').get() as { n: number }).n).toBe(1);
    again.close();
  });

  it('refuses a database written by a newer version', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (999, '0999_future', 'x')").run();
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(() => migrate(db)).toThrow(/newer than this version/);
  });

  it('applies nothing when a migration fails halfway (one transaction)', () => {
    const db = openDatabase(':memory:');
    const broken = [
      ...readMigrations(),
      { version: 900, name: '0900_ok', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;' },
      { version: 901, name: '0901_broken', sql: 'CREATE TABLE nope (;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(tables(db).map((t) => t.name)).toEqual(['schema_migrations']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
  });

  it('enforces the record constraints (checks, cascade, one item per interview and kind)', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const insert = db.prepare(`INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at,
      duration_min, location, format, created_at, updated_at) VALUES ('U1','n','c','r',1,?, 'l', ?, 1, 1)`);
    expect(() => insert.run(10, 'panel')).toThrow(/CHECK/);
    expect(() => insert.run(60, 'speed_date')).toThrow(/CHECK/);
    const id = insert.run(60, 'panel').lastInsertRowid;
    const item = db.prepare("INSERT INTO timeline_items (interview_id, kind, due_at, updated_at) VALUES (?, 'on_call', 1, 1)");
    item.run(id);
    expect(() => item.run(id)).toThrow(/UNIQUE/);
    expect(() => item.run(12345)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM interviews WHERE id = ?').run(id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_items').get()).toEqual({ n: 0 });
  });
});

describe('0006 timezone healing', () => {
  it('adds the retry and replan columns and gives every interview owner a consultant row, keeping existing zones', () => {
    const db = openDatabase(':memory:');
    const upTo5 = readMigrations().filter((m) => m.version <= 5);
    migrate(db, upTo5);
    db.prepare("INSERT INTO consultants (user_id, tz, tz_fetched_at, dm_channel) VALUES ('UKNOWN', 'America/New_York', 5, 'D1')").run();
    const interview = db.prepare(`INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at,
      duration_min, location, format, created_at, updated_at) VALUES (?, 'n', 'c', 'r', 1, 60, 'l', 'panel', 1, 1)`);
    interview.run('UKNOWN');
    interview.run('UNOROW');
    interview.run('UNOROW');

    expect(migrate(db)).toEqual({ from: 5, to: readMigrations().length });
    const rows = db.prepare('SELECT user_id, tz, tz_fetched_at, dm_channel, tz_retry_at, tz_failures, tz_replan_owed_at FROM consultants ORDER BY user_id').all();
    expect(rows).toEqual([
      { user_id: 'UKNOWN', tz: 'America/New_York', tz_fetched_at: 5, dm_channel: 'D1', tz_retry_at: null, tz_failures: 0, tz_replan_owed_at: null },
      { user_id: 'UNOROW', tz: null, tz_fetched_at: null, dm_channel: null, tz_retry_at: null, tz_failures: 0, tz_replan_owed_at: null },
    ]);
    expect(() => db.prepare("UPDATE consultants SET tz_failures = -1 WHERE user_id = 'UKNOWN'").run()).toThrow(/CHECK/);
    const consultants = tables(db).find((t) => t.name === 'consultants');
    expect(consultants?.sql).toMatch(/\)\s*STRICT\s*$/);
  });
});

describe('0009 team lead', () => {
  it('keeps the outbox rows, and counts alerts from before the upgrade as escalated (no flood of old news to the leads)', () => {
    const db = openDatabase(':memory:');
    migrate(db, readMigrations().filter((m) => m.version <= 8));
    const id = db.prepare(`INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at,
      duration_min, location, format, created_at, updated_at) VALUES ('U1', 'n', 'c', 'r', 1, 60, 'l', 'panel', 1, 1)`).run().lastInsertRowid;
    db.prepare("INSERT INTO risk_alerts (interview_id, reason, occurrence, state, created_at) VALUES (?, 'debrief_overdue', 1, 'posted', 1000)").run(id);
    db.prepare("INSERT INTO outbox (purpose, kind, interview_id, recipient, created_at) VALUES ('card:1', 'card', ?, 'U1', 5)").run(id);

    expect(migrate(db)).toEqual({ from: 8, to: readMigrations().length });
    expect(db.prepare('SELECT escalated_at FROM risk_alerts').all()).toEqual([{ escalated_at: 1000 }]);
    expect(db.prepare('SELECT purpose, kind FROM outbox').all()).toEqual([{ purpose: 'card:1', kind: 'card' }]);
    // New kinds are allowed now; unknown ones still are not.
    db.prepare("INSERT INTO outbox (purpose, kind, interview_id, recipient, created_at) VALUES ('nudge:1', 'nudge', ?, 'U1', 6)").run(id);
    expect(() => db.prepare("INSERT INTO outbox (purpose, kind, recipient, created_at) VALUES ('x', 'pigeon', 'U1', 7)").run()).toThrow(/CHECK/);
  });
});
