import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateFile, PRIVATE_FILE_MODE } from './db.js';

/**
 * A consistent copy of a live database through SQLite's online backup API: safe while the bot
 * runs (WAL readers do not block it), unlike copying the file, which can catch it mid-write.
 */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file name`);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The copy holds the same personal data: created 0600 (exclusively, so a file that appeared
    // meanwhile is not overwritten); SQLite fills the empty file and gives its journal the same mode.
    ensurePrivateFile(target, { exclusive: true });
    try {
      const result = await db.backup(target);
      chmodSync(target, PRIVATE_FILE_MODE);
      return { pages: result.totalPages };
    } catch (error) {
      rmSync(target, { force: true });
      throw error;
    }
  } finally {
    db.close();
  }
}
