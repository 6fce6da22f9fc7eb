import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestSql, testEngine, type TestSql } from '../support/database.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { startBot, type BotProcess } from '../support/process.js';
import { SlackRequester } from '../support/signer.js';

const SECRET = 'process-test-signing-secret';
let bot: BotProcess | undefined;
let fake: FakeSlack | undefined;
/** The bot's PostgreSQL database in the postgres project. */
let database: TestSql | undefined;
afterEach(async () => {
  if (bot && bot.child.exitCode === null) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  await fake?.close();
  await database?.close();
  bot = undefined;
  fake = undefined;
  database = undefined;
});

describe('npm start', () => {
  it('is the compiled bot: `npm start` builds dist/ and names missing variables', async () => {
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('../support/process.js');
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      // No .env of a developer: dotenv reads this path instead.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env' },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).not.toBe(0);
    expect(err).toContain('SLACK_BOT_TOKEN is required');
  }, 60_000);

  it('without configuration exits non-zero with one clear message per variable and no stack trace', async () => {
    bot = startBot({});
    expect(await bot.exited).not.toBe(0);
    const err = bot.stderr();
    expect(err).toContain('Interview Prep cannot start.');
    expect(err).toContain('SLACK_BOT_TOKEN is required');
    expect(err).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('names a malformed variable', async () => {
    bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefghij', APP_LANGUAGE: 'fr' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('APP_LANGUAGE must be nl or en');
  });

  it('says clearly when Slack refuses the token', async () => {
    fake = await startFakeSlack();
    bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, PORT: '0' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('invalid_auth');
    expect(bot.stderr()).toContain('SLACK_BOT_TOKEN');
  });

  it(`reads .env, ${testEngine() === 'postgres' ? 'uses DATABASE_URL (PostgreSQL, DATABASE_PATH unused)' : 'creates the database folder'}, serves /healthz and Slack requests, and stops on SIGTERM`, async () => {
    fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'ip-env-'));
    const dbPath = join(dir, 'nested', 'bot.db');
    // SQLite: the file at DATABASE_PATH; postgres project: a database of the test server, named in .env too.
    if (testEngine() === 'postgres') database = await openTestSql();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, '.env'),
      [
        `SLACK_BOT_TOKEN=${DEFAULT_TOKEN}`,
        `SLACK_SIGNING_SECRET=${SECRET}`,
        `SLACK_API_URL=${fake.url}`,
        'PORT=0',
        `DATABASE_PATH=${dbPath}`,
        ...(database?.url ? [`DATABASE_URL=${database.url}`] : []),
      ].join('\n'),
    );
    bot = startBot({}, dir);
    const ready = await bot.waitForLog('Interview Prep is running');
    expect(ready.mode).toBe('http');
    expect(await bot.waitForLog('database ready')).toMatchObject({ engine: testEngine() });
    // The SQLite file (and its folder) exists exactly when SQLite is the database.
    expect(existsSync(dbPath)).toBe(testEngine() === 'sqlite');
    const port = ready.port as number;

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'ok', engine: testEngine() });

    const requester = new SlackRequester(`http://127.0.0.1:${port}`, SECRET);
    const trigger = fake.issueTriggerId('UPROC01');
    const res = await requester.slashCommand({ user_id: 'UPROC01', trigger_id: trigger });
    expect(res.status).toBe(200);
    await fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger, 5000);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
