import 'dotenv/config';
import { ConfigError, loadConfig } from './config.js';
import { SchemaTooNewError, TokenKeyMismatchError } from './errors.js';
import { createLogger } from './logger.js';
import { startRuntime } from './runtime.js';
import { MissingScopesError } from './slack/app.js';
import { openStorage } from './storage/open.js';

/** Wiring only: config → database (SQLite or PostgreSQL) → migrations → repositories → app → scheduler. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);

  const { sql, migration } = await openStorage(config);
  logger.info({ engine: sql.engine, schemaFrom: migration.from, schemaTo: migration.to }, 'database ready');

  if (!config.riskAlertChannel) {
    logger.warn('RISK_ALERT_CHANNEL is not set: risk alerts go to the consultant’s DM only');
  }

  const runtime = await startRuntime({ config, logger, sql, now: () => new Date(), startCron: true });
  logger.info(
    { mode: config.slack.socketMode ? 'socket' : 'http', install: config.slack.oauth ? 'oauth' : 'token', port: runtime.slack.port, cron: config.schedulerCron },
    'Interview Prep is running',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await runtime.stop();
    } finally {
      await sql.close();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // An operator reads this, not a developer: one clear message, no stack trace.
  if (error instanceof ConfigError || error instanceof SchemaTooNewError || error instanceof MissingScopesError || error instanceof TokenKeyMismatchError) {
    process.stderr.write(`Interview Prep cannot start.\n${error.message}\n`);
  } else {
    const e = error as { code?: string; data?: { error?: string }; message?: string };
    const detail = e?.data?.error ? `Slack said: ${e.data.error}` : (e?.message ?? String(error));
    const hint =
      e?.data?.error === 'invalid_auth' || e?.data?.error === 'not_authed'
        ? ' (check SLACK_BOT_TOKEN: it must be the Bot User OAuth Token of the installed app)'
        : '';
    process.stderr.write(`Interview Prep cannot start: ${detail}${hint}\n`);
  }
  process.exit(1);
});
