import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import type { TickReport } from '../../src/jobs/deliverDue.js';
import type { Pacing } from '../../src/scheduling/dispatch.js';
import type { SlackApp } from '../../src/slack/app.js';
import type { Db } from '../../src/storage/db.js';
import type { SqlInterviewRepository } from '../../src/storage/interviewRepository.js';
import type { Sql } from '../../src/storage/sql.js';
import type { SqlTimelineRepository } from '../../src/storage/timelineRepository.js';
import { openTestSql, type TestSql } from './database.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack, type FakeSlackOptions } from './fakeSlack.js';
import { SlackRequester } from './signer.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const STATE_SECRET = 'test-state-secret-0123456789';
/** TOKEN_ENCRYPTION_KEY for OAuth-mode harnesses (32 bytes, base64). */
export const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
export const OWNER = 'UOWNER01';
export const OTHER = 'UOTHER02';
export const ADMIN = 'UADMIN03';

/** A controllable clock for the app's business time (Slack signatures use real time). */
export class TestClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  fake: FakeSlack;
  /** The test's database, on this run's engine (SQLite or PostgreSQL). */
  sql: Sql;
  database: TestSql;
  slack: SlackApp;
  runtime: Runtime;
  requester: SlackRequester;
  interviews: SqlInterviewRepository;
  timeline: SqlTimelineRepository;
  /** One scheduler tick at the test clock's current time (what a cron beat does). */
  tick(): Promise<TickReport>;
  clock: TestClock;
  /** Every log line the app wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The real Bolt app on an ephemeral port, its WebClient pointed at a fake Slack, a real database
 * with the real migrations: SQLite in memory, or a fresh PostgreSQL database in the postgres project. Requests go in signed, as Slack sends them.
 */
export async function startHarness(
  opts: {
    env?: Record<string, string>;
    now?: Date;
    /** A SQLite database of the test's own (a file: backups, crashes); SQLite even in the postgres project. */
    sqlite?: Db;
    /** A database the caller opened and closes (the benchmarks, two workspaces on one database). */
    sql?: Sql;
    /** The fake Slack's workspace and token (another workspace: another `teamId` and `token`). */
    slack?: FakeSlackOptions;
    /**
     * One install per workspace (SLACK_CLIENT_ID … instead of SLACK_BOT_TOKEN): no workspace until
     * one installs through the OAuth flow (support/oauth.ts); `interviews`/`timeline` are then unset.
     */
    oauth?: boolean;
    pacing?: Pacing;
    /** Added to the runtime's options (e.g. a short Slack `timeout`, a short `tickBudgetMs`). */
    runtime?: Pick<RuntimeOptions, 'clientOptions' | 'tickBudgetMs'>;
  } = {},
): Promise<Harness> {
  const fake = await startFakeSlack(opts.slack);
  fake.setUser(OWNER, { tz: 'Europe/Amsterdam', real_name: 'Olga Owner' });
  fake.setUser(OTHER, { tz: 'Europe/Amsterdam', real_name: 'Otto Other' });
  fake.setUser(ADMIN, { tz: 'Europe/London', real_name: 'Ada Admin' });

  const database: TestSql = opts.sql
    ? { sql: opts.sql, engine: opts.sql.engine, close: async () => undefined }
    : await openTestSql({ sqlite: opts.sqlite });
  const config = loadConfig({
    ...(opts.oauth
      ? { SLACK_CLIENT_ID: fake.clientId, SLACK_CLIENT_SECRET: fake.clientSecret, SLACK_STATE_SECRET: STATE_SECRET, TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY }
      : { SLACK_BOT_TOKEN: opts.slack?.token ?? DEFAULT_TOKEN }),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    LOG_LEVEL: 'debug',
    ...opts.env,
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = new TestClock(opts.now ?? new Date('2026-11-30T08:00:00Z'));
  const runtime = await startRuntime({
    config,
    logger: createLogger(config.logLevel, sink),
    sql: database.sql,
    now: clock.now,
    startCron: false,
    pacing: opts.pacing ?? { perChannelPerSecond: 1000, burst: 1000, concurrency: 4 },
    tickBudgetMs: opts.runtime?.tickBudgetMs,
    clientOptions: { retryConfig: { retries: 0 }, ...opts.runtime?.clientOptions },
  });
  const single = runtime.workspaces.installed ? undefined : runtime.workspace();
  const requester = new SlackRequester(`http://127.0.0.1:${runtime.slack.port}`, SIGNING_SECRET, { teamId: fake.teamId });
  return {
    fake,
    sql: database.sql,
    database,
    slack: runtime.slack,
    runtime,
    requester,
    // The one workspace's (unset with the OAuth install: use runtime.workspace(team)).
    interviews: single?.interviews as SqlInterviewRepository,
    timeline: single?.timeline as SqlTimelineRepository,
    clock,
    logs,
    tick: () => runtime.runJob(clock.now()),
    async close() {
      await runtime.stop();
      await fake.close();
      await database.close();
    },
  };
}
