// Memory probe, run as plain JavaScript from dist/ like `npm start` runs the bot: the runtime on a
// database of 100k interviews; RSS after startup and after a scheduler tick over the 1M timeline
// items. Slack's side (the fake) runs in the benchmark process. Prints one JSON line.
import { loadConfig } from '../../dist/config.js';
import { createLogger } from '../../dist/logger.js';
import { startRuntime } from '../../dist/runtime.js';
import { migrate, openDatabase } from '../../dist/storage/db.js';
import { SqliteSql } from '../../dist/storage/sql.js';

const [path, slackUrl, token] = process.argv.slice(2);
const db = openDatabase(path);
migrate(db);
const now = new Date('2026-12-07T08:00:00Z');
const config = loadConfig({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'memory-probe-secret', SLACK_API_URL: slackUrl, PORT: '0', LOG_LEVEL: 'silent' });
const runtime = await startRuntime({ config, logger: createLogger('silent'), sql: new SqliteSql(db), now: () => now, startCron: false, clientOptions: { retryConfig: { retries: 0 } } });
const mb = () => Math.round((process.memoryUsage.rss() / 1024 / 1024) * 10) / 10;
globalThis.gc?.();
const afterStartupMb = mb();
// Ten reminders due now among the million items.
// In the workspace the runtime adopted the seeded rows into.
const team = db.prepare('SELECT team_id FROM interviews LIMIT 1').get().team_id;
const insertInterview = db.prepare(`INSERT INTO interviews (team_id, owner_id, candidate_name, client_company, role_title, start_at,
  duration_min, location, format, created_at, updated_at, context_checked_at) VALUES (?, ?, 'Probe', 'Probe BV', 'Dev', ?, 60, 'Utrecht', 'panel', ?, ?, ?)`);
const insertItem = db.prepare(`INSERT INTO timeline_items (team_id, interview_id, kind, due_at, state, updated_at) VALUES (?, ?, 'candidate_checkin', ?, 'pending', ?)`);
for (let n = 0; n < 10; n++) {
  const id = insertInterview.run(team, `UMEM${n}`, now.getTime() + 7_200_000, now.getTime(), now.getTime(), now.getTime()).lastInsertRowid;
  insertItem.run(team, id, now.getTime(), now.getTime());
}
const report = await runtime.runJob(now);
globalThis.gc?.();
const afterTickMb = mb();
const interviews = db.prepare('SELECT COUNT(*) AS n FROM interviews').get().n;
await runtime.stop();
db.close();
process.stdout.write(`${JSON.stringify({ afterStartupMb, afterTickMb, interviews, sent: report.sent })}\n`);
