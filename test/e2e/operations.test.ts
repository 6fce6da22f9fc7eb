import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { loadConfig } from '../../src/config.js';
import { MissingScopesError } from '../../src/slack/app.js';
import { migrate, openDatabase } from '../../src/storage/db.js';
import { backupDatabase } from '../../src/storage/backup.js';
import { openTestSql, testEngine, type TestSql } from '../support/database.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { createInterview, logisticsValues, validForm } from '../support/flows.js';
import { ROOT, startBot, type BotProcess } from '../support/process.js';
import { buildViewSubmission, SlackRequester } from '../support/signer.js';

let h: Harness | undefined;
let bot: BotProcess | undefined;
let fake: FakeSlack | undefined;
/** A database of the test's own (the bot processes' on PostgreSQL, or a runtime's that is not a harness). */
let database: TestSql | undefined;
afterEach(async () => {
  await h?.close();
  if (bot && bot.child.exitCode === null) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  await fake?.close();
  await database?.close();
  h = undefined;
  bot = undefined;
  fake = undefined;
  database = undefined;
});

const silent = createLogger('silent');

describe('graceful shutdown', () => {
  it('stop() waits for the running tick and starts no new one', async () => {
    let finished = 0;
    const scheduler = new Scheduler(async () => {
      await new Promise((r) => setTimeout(r, 200));
      finished += 1;
    }, silent);
    const tick = scheduler.tick();
    const stopped = scheduler.stop();
    await stopped;
    expect(finished).toBe(1);
    await tick;
    await scheduler.tick();
    expect(finished).toBe(1);
    expect(scheduler.state.ticks).toBe(1);
  });

  it('SIGTERM, then a restart on the same database: nothing is lost, the reminders still go out', async () => {
    fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'ip-restart-'));
    // The bot's database: a SQLite file, or (postgres project) a PostgreSQL database of the test server.
    if (testEngine() === 'postgres') database = await openTestSql();
    const env = {
      SLACK_BOT_TOKEN: DEFAULT_TOKEN,
      SLACK_SIGNING_SECRET: 'restart-secret-123',
      SLACK_API_URL: fake.url,
      PORT: '0',
      DATABASE_PATH: join(dir, 'bot.db'),
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      SCHEDULER_CRON: '*/1 * * * * *',
    };
    bot = startBot(env);
    const ready = await bot.waitForLog('Interview Prep is running');
    const requester = new SlackRequester(`http://127.0.0.1:${ready.port as number}`, env.SLACK_SIGNING_SECRET);
    const trigger = fake.issueTriggerId('UREST01');
    await requester.slashCommand({ user_id: 'UREST01', trigger_id: trigger });
    await fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger, 5000);
    const view = fake.topViewOf('UREST01')!.view;
    // Starts in 90 minutes (real clock): prep and check-in had passed, so one catch-up is due after the restart.
    const form = { ...validForm({ clock: { now: () => new Date() } } as unknown as Harness), start: new Date(Date.now() + 90 * 60_000) };
    const saved = await requester.viewSubmission(buildViewSubmission({ user_id: 'UREST01', view, values: logisticsValues(form) }));
    expect(saved.status).toBe(200);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toContain('shutting down');

    // Ten moments and the catch-up for what had passed (prep, check-in).
    if (database) {
      expect(await database.sql.get('SELECT COUNT(*) AS n FROM timeline_items')).toEqual({ n: 11 });
    } else {
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_items').get()).toEqual({ n: 11 });
      db.close();
    }

    bot = startBot(env);
    await bot.waitForLog('Interview Prep is running');
    const catchUps = () => fake!.dmsTo('UREST01').filter((m) => JSON.stringify(m.metadata).includes('"kind":"catch_up"'));
    await fake.waitFor(() => catchUps().length === 1, 8000);
    await new Promise((r) => setTimeout(r, 1500)); // a few more ticks: still exactly one catch-up
    expect(catchUps()).toHaveLength(1);
    expect(JSON.stringify(catchUps()[0]!.blocks)).toContain('Check-in kandidaat');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 40_000);
});

describe('GET /healthz', () => {
  it('reports the database and the scheduler with the time of the last tick', async () => {
    h = await startHarness();
    const before = (await (await fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).json()) as { scheduler: { lastTickAt: string | null } };
    expect(before).toMatchObject({ ok: true, database: 'ok', mode: 'http', scheduler: { ticks: 0, lastTickAt: null } });
    await h.runtime.scheduler.tick();
    const after = (await (await fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ ok: true, scheduler: { ticks: 1, lastTickAt: h.clock.now().toISOString(), running: false, lastError: null } });
  });

  it('answers 503 when the database is gone', async () => {
    h = await startHarness();
    const closing = h;
    await h.database.close(); // SQLite: the connection closed; PostgreSQL: the pool ended and the database dropped
    const res = await fetch(`http://127.0.0.1:${closing.slack.port}/healthz`);
    expect(res.status).toBe(503);
    await closing.runtime.stop();
    await closing.fake.close();
    h = undefined;
  });
});

describe('startup checks', () => {
  it('asks Slack who the token is once (workspace, bot and scopes from one auth.test)', async () => {
    h = await startHarness();
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
    // Bolt was given the bot's identity: it ignores the bot's own events without asking again.
    const health = (await (await fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ install: 'token', workspaces: 1, instance: { team: h.fake.teamId } });
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('names the scopes the token lacks and refuses to start', async () => {
    fake = await startFakeSlack({ scopes: ['commands', 'chat:write', 'users:read'] });
    database = await openTestSql();
    const config = loadConfig({ SLACK_BOT_TOKEN: DEFAULT_TOKEN, SLACK_SIGNING_SECRET: 'scope-secret-1', SLACK_API_URL: fake.url, PORT: '0' });
    const attempt = startRuntime({ config, logger: silent, sql: database.sql, now: () => new Date(), startCron: false });
    await expect(attempt).rejects.toThrow(MissingScopesError);
    await expect(attempt).rejects.toThrow('im:write, im:history, reactions:read, files:write');
  });

  it('npm start prints that message and exits non-zero', async () => {
    fake = await startFakeSlack({ scopes: ['commands'] });
    bot = startBot({ SLACK_BOT_TOKEN: DEFAULT_TOKEN, SLACK_SIGNING_SECRET: 'scope-secret-1', SLACK_API_URL: fake.url, PORT: '0', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'ip-scope-')), 'db.sqlite') });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('lacks these scopes: chat:write');
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('backups', () => {
  it('makes a consistent copy while the bot is running, restorable as the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ip-backup-'));
    const path = join(dir, 'live.db');
    // About SQLite's file: on SQLite in both projects.
    const db = openDatabase(path);
    h = await startHarness({ sqlite: db });
    const { id } = await createInterview(h, OWNER, { candidateName: 'Back Up' });
    const target = join(dir, 'copies', 'backup.db');
    const { pages } = await backupDatabase(path, target);
    expect(pages).toBeGreaterThan(0);
    await createInterview(h, OWNER); // the bot keeps working during and after the backup
    const copy = openDatabase(target);
    expect(migrate(copy).from).toBeGreaterThan(0); // same schema, nothing to apply
    expect((copy.prepare('SELECT candidate_name FROM interviews WHERE id = ?').get(id) as { candidate_name: string }).candidate_name).toBe('Back Up');
    expect(copy.prepare('SELECT COUNT(*) AS n FROM timeline_items WHERE interview_id = ?').get(id)).toEqual({ n: 10 });
    copy.close();
    await expect(backupDatabase(path, target)).rejects.toThrow('exists already');
    await h.close();
    db.close();
    h = undefined;
  });

  it('npm run backup -- <file> works from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ip-backup-cli-'));
    const source = join(dir, 'db.sqlite');
    const db = openDatabase(source);
    migrate(db);
    db.close();
    writeFileSync(join(dir, '.env'), `DATABASE_PATH=${source}\n`);
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'backup.ts'), join(dir, 'copy.sqlite')], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(out).toContain('copy.sqlite');
  });
});

