import 'dotenv/config';
import { databasePathFrom } from './config.js';
import { backupDatabase } from './storage/backup.js';

/** `npm run backup -- <file>`: a consistent copy of DATABASE_PATH, while the bot keeps running. */
const target = process.argv[2];
if (!target) {
  process.stderr.write('Usage: npm run backup -- <backup-file>\n');
  process.exit(2);
}
const source = databasePathFrom(process.env);
backupDatabase(source, target).then(
  ({ pages }) => {
    process.stdout.write(`Backup of ${source} written to ${target} (${pages} pages).\n`);
  },
  (error: unknown) => {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
