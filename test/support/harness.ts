import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startSlackApp, type SlackApp } from '../../src/slack/app.js';
import { migrate, openDatabase, type Db } from '../../src/storage/db.js';
import { SqliteConsultantRepository } from '../../src/storage/consultantRepository.js';
import { SqliteInterviewRepository } from '../../src/storage/interviewRepository.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from './fakeSlack.js';
import { SlackRequester } from './signer.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
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
  db: Db;
  slack: SlackApp;
  requester: SlackRequester;
  interviews: SqliteInterviewRepository;
  clock: TestClock;
  /** Every log line the app wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The real Bolt app on an ephemeral port, its WebClient pointed at a fake Slack, a real in-memory
 * SQLite database with the real migrations. Requests go in signed, as Slack sends them.
 */
export async function startHarness(opts: { env?: Record<string, string>; now?: Date } = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  fake.setUser(OWNER, { tz: 'Europe/Amsterdam', real_name: 'Olga Owner' });
  fake.setUser(OTHER, { tz: 'Europe/Amsterdam', real_name: 'Otto Other' });
  fake.setUser(ADMIN, { tz: 'Europe/London', real_name: 'Ada Admin' });

  const db = openDatabase(':memory:');
  migrate(db);
  const config = loadConfig({
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
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
  const interviews = new SqliteInterviewRepository(db);
  const slack = await startSlackApp({
    config,
    logger: createLogger(config.logLevel, sink),
    interviews,
    consultants: new SqliteConsultantRepository(db),
    now: clock.now,
    health: () => ({ ok: true, database: 'ok' }),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const requester = new SlackRequester(`http://127.0.0.1:${slack.port}`, SIGNING_SECRET);
  return {
    fake,
    db,
    slack,
    requester,
    interviews,
    clock,
    logs,
    async close() {
      await slack.stop();
      await fake.close();
      db.close();
    },
  };
}
