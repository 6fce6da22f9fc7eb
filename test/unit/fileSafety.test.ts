import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/storage/backup.js';
import { migrate, openDatabase, type Db } from '../../src/storage/db.js';
import { SqlInterviewRepository } from '../../src/storage/interviewRepository.js';
import { SqliteSql } from '../../src/storage/sql.js';
import { logistics } from '../support/builders.js';

/** The workspace these repositories serve (every row they write carries it). */
const TEAM = 'T0001';

/** SPEC "Security and privacy": erased bytes do not survive in the file; the files are 0600. */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const now = new Date('2026-11-30T08:00:00Z');
const NAME = 'Xandra Quirijnsdochter';
const PHONE = '+31 6 98765432';
const NOTE = 'heeft burn-out gehad';

const dirs: string[] = [];
const open: Db[] = [];
let previousUmask: number;

beforeAll(() => {
  // The usual umask, which on its own gives 0644 files: the modes below must not depend on it.
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ip-files-'));
  dirs.push(dir);
  return dir;
}

function fileDb(path: string): { db: Db; repo: SqlInterviewRepository } {
  const db = openDatabase(path);
  open.push(db);
  migrate(db);
  return { db, repo: new SqlInterviewRepository(new SqliteSql(db), TEAM) };
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** An interview with the name, phone and a health fact in the main row, a sub-record and a stakeholder. */
async function storeSecrets(repo: SqlInterviewRepository): Promise<number> {
  const created = await repo.create('UOWNER', logistics({ candidateName: NAME, candidatePhone: PHONE, agenda: `Gesprek met ${NAME}`, clientContactName: 'Jan Jansen', clientContactEmail: 'jan.jansen@acme.example' }), now);
  await repo.addStakeholder(created.id, { name: 'Pieter Bakker', role: 'CTO', decisionPower: 'decision_maker' }, now);
  await repo.saveDebrief(created.id, { interestLevel: 4, notes: `${NAME} ${NOTE}`, experience: `Belt ${PHONE}` }, now);
  return created.id;
}

/** Every byte SQLite keeps on disk for this database. */
function bytesOnDisk(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter(existsSync).map((p) => readFileSync(p)));
}

const contains = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

describe('erased personal data leaves the database file', () => {
  it('after erase and a checkpoint, the .db bytes hold neither the name, the phone nor the notes', async () => {
    const path = join(tempDir(), 'bot.db');
    const { db, repo } = fileDb(path);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    const id = await storeSecrets(repo);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The check below can see the data: before erasure it is in the file.
    const before = bytesOnDisk(path);
    expect(contains(before, NAME)).toBe(true);
    expect(contains(before, PHONE)).toBe(true);

    expect(await repo.erase(id, now)).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const after = bytesOnDisk(path);
    for (const secret of [NAME, PHONE, NOTE, 'Pieter Bakker', 'Jan Jansen', 'jan.jansen@acme.example']) expect(contains(after, secret), secret).toBe(false);
    // And after closing (the last connection checkpoints and removes the WAL) it stays so.
    db.close();
    const closed = bytesOnDisk(path);
    for (const secret of [NAME, PHONE, NOTE, 'Pieter Bakker']) expect(contains(closed, secret), secret).toBe(false);
  });

  it('without secure_delete the same erase would leave them there (what the pragma prevents)', async () => {
    const path = join(tempDir(), 'bot.db');
    const { db, repo } = fileDb(path);
    db.pragma('secure_delete = OFF');
    const id = await storeSecrets(repo);
    db.pragma('wal_checkpoint(TRUNCATE)');
    await repo.erase(id, now);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(contains(bytesOnDisk(path), NAME)).toBe(true);
  });

  it('erase bumps the revision, so a form opened before it is stale', async () => {
    const { repo } = fileDb(join(tempDir(), 'bot.db'));
    const id = await storeSecrets(repo);
    const before = (await repo.get(id))!.revision;
    expect(await repo.erase(id, now)).toBe(true);
    expect((await repo.get(id))!.revision).toBe(before + 1);
    expect(await repo.erase(id, now)).toBe(false); // a second erase changes nothing
    expect((await repo.get(id))!.revision).toBe(before + 1);
  });
});

describe('file modes', () => {
  it('a new database, its WAL and shared-memory files and a new directory are owner-only', async () => {
    const dir = join(tempDir(), 'data');
    const path = join(dir, 'bot.db');
    const { repo } = fileDb(path);
    await storeSecrets(repo); // the WAL gets written
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(existsSync(`${path}-shm`)).toBe(true);
    expect(modeOf(path).toString(8)).toBe('600');
    expect(modeOf(`${path}-wal`).toString(8)).toBe('600');
    expect(modeOf(`${path}-shm`).toString(8)).toBe('600');
    expect(modeOf(dir).toString(8)).toBe('700');
  });

  it('an existing database made 0644 by an older version is tightened when opened', async () => {
    const path = join(tempDir(), 'bot.db');
    const first = fileDb(path);
    await storeSecrets(first.repo);
    first.db.close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '');
    chmodSync(`${path}-wal`, 0o644);
    const { repo } = fileDb(path);
    await storeSecrets(repo);
    expect(modeOf(path).toString(8)).toBe('600');
    expect(modeOf(`${path}-wal`).toString(8)).toBe('600');
    expect(modeOf(`${path}-shm`).toString(8)).toBe('600');
  });

  it('a backup is owner-only and still a complete copy', async () => {
    const dir = tempDir();
    const source = join(dir, 'bot.db');
    const { repo } = fileDb(source);
    const id = await storeSecrets(repo);
    const target = join(dir, 'backups', 'copy.db');
    await backupDatabase(source, target);
    expect(modeOf(target).toString(8)).toBe('600');
    const copy = openDatabase(target);
    open.push(copy);
    expect((copy.prepare('SELECT candidate_name FROM interviews WHERE id = ?').get(id) as { candidate_name: string }).candidate_name).toBe(NAME);
    await expect(backupDatabase(source, target)).rejects.toThrow('exists already');
    expect(modeOf(target).toString(8)).toBe('600');
  });

  it('npm run backup (src/backup.ts) writes an owner-only file', async () => {
    const dir = tempDir();
    const source = join(dir, 'bot.db');
    const { db, repo } = fileDb(source);
    await storeSecrets(repo);
    db.close();
    writeFileSync(join(dir, '.env'), `DATABASE_PATH=${source}\n`);
    const target = join(dir, 'copy.sqlite');
    // The child inherits this process's umask (0022, set above).
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'backup.ts'), target], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, err).toBe(0);
    expect(modeOf(target).toString(8)).toBe('600');
  });
});
