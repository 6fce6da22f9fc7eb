import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A consistent copy of a live database through SQLite's online backup API: safe while the bot
 * runs (WAL readers do not block it), unlike copying the file, which can catch it mid-write.
 */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file name`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
