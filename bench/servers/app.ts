/**
 * The real Interview Prep app for the ack-latency benchmark: HTTP receiver, SQLite file database,
 * Web API calls to the fake Slack that the benchmark process runs (SLACK_API_URL), as in production
 * where Slack is elsewhere. Prints `READY <port>` and serves until killed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { migrate, openDatabase } from '../../src/storage/db.js';
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
const runtime = await startRuntime({ config, logger: createLogger('error'), db, now: () => new Date(), startCron: false, clientOptions: { retryConfig: { retries: 0 } } });
process.stdout.write(`READY ${runtime.slack.port}\n`);
process.on('SIGTERM', async () => {
  await runtime.stop();
  db.close();
  process.exit(0);
});
