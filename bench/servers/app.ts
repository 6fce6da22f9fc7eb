/**
 * The real Interview Prep app for the ack-latency benchmark: HTTP receiver, SQLite file database,
 * Web API calls to the fake Slack that the benchmark process runs (SLACK_API_URL), as in production
 * where Slack is elsewhere. Prints `READY <port>` and serves until killed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { migrate, openDatabase } from '../../src/storage/db.js';
import { SqliteSql } from '../../src/storage/sql.js';
import { BENCH_SECRET } from './shared.js';

const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ip-bench-app-')), 'bench.db'));
migrate(db);
const config = loadConfig({
  SLACK_BOT_TOKEN: process.env.BENCH_TOKEN,
  SLACK_SIGNING_SECRET: BENCH_SECRET,
  SLACK_API_URL: process.env.BENCH_SLACK_URL,
  PORT: '0',
  LOG_LEVEL: 'error',
});
const runtime = await startRuntime({ config, logger: createLogger('error'), sql: new SqliteSql(db), now: () => new Date(), startCron: false, clientOptions: { retryConfig: { retries: 0 } } });
// BENCH_PROFILE=<file>: a CPU profile of the app while it is measured (open it in Chrome DevTools).
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
process.stdout.write(`READY ${runtime.slack.port}\n`);
process.on('SIGTERM', async () => {
  if (profiler && process.env.BENCH_PROFILE) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
  }
  await runtime.stop();
  db.close();
  process.exit(0);
});
