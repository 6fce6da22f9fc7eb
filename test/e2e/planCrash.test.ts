import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, CARD_KIND } from '../../src/slack/ids.js';
import { changeForm } from '../../src/slack/forms/index.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack, type StoredMessage } from '../support/fakeSlack.js';
import { actionOn, formValues, logisticsValues, validForm } from '../support/flows.js';
import type { Harness } from '../support/harness.js';
import { startBot, type BotProcess } from '../support/process.js';
import { SEND_LEASE_MS } from '../../src/jobs/deliverDue.js';
import { buildViewSubmission, SlackRequester, stateValue } from '../support/signer.js';
import { openTestSql, testEngine, type TestSql } from '../support/database.js';

/**
 * kill -9 while a rescheduled plan's message is in flight: the restarted bot checks the DM history
 * by interview, kind *and plan*, so the old date's message of the same kind does not count as sent,
 * and the new one goes out exactly once. The real bot process, a real SQLite file (or, in the
 * postgres project, a real PostgreSQL database), real time.
 */

const USER = 'UCRASH01';
let bot: BotProcess | undefined;
let fake: FakeSlack | undefined;
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

type Meta = { event_payload?: { kind?: string; plan?: number } };
const meta = (m: { metadata?: unknown }) => (m.metadata ?? {}) as Meta;

describe('a crash during a rescheduled plan’s send', () => {
  it('kill -9 with the new plan’s catch-up in flight: after restart it is sent once, the old plan’s is not mistaken for it', async () => {
    fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'ip-plan-crash-'));
    // SQLite: the bot's own file. PostgreSQL: a fresh database of the test server, which the bot uses instead.
    if (testEngine() === 'postgres') database = await openTestSql();
    const env = {
      SLACK_BOT_TOKEN: DEFAULT_TOKEN,
      SLACK_SIGNING_SECRET: 'plan-crash-secret-123',
      SLACK_API_URL: fake.url,
      PORT: '0',
      DATABASE_PATH: join(dir, 'bot.db'),
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      SCHEDULER_CRON: '*/1 * * * * *',
    };
    const catchUps = (plan: number) =>
      fake!.dmsTo(USER).filter((m) => meta(m).event_payload?.kind === 'catch_up' && Number(meta(m).event_payload?.plan) === plan);

    bot = startBot(env);
    let ready = await bot.waitForLog('Interview Prep is running');
    let requester = new SlackRequester(`http://127.0.0.1:${ready.port as number}`, env.SLACK_SIGNING_SECRET);

    // Logged 110 minutes ahead: prep and check-in had passed → plan 1's catch-up goes out.
    const trigger = fake.issueTriggerId(USER);
    await requester.slashCommand({ user_id: USER, trigger_id: trigger });
    await fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger, 5000);
    const form = { ...validForm({ clock: { now: () => new Date() } } as unknown as Harness), start: new Date(Date.now() + 110 * 60_000) };
    expect((await requester.viewSubmission(buildViewSubmission({ user_id: USER, view: fake.topViewOf(USER)!.view, values: logisticsValues(form) }))).status).toBe(200);
    // The card (outbox, after the ack) and the catch-up (the next tick) arrive in either order.
    const cardOf = () => fake!.dmsTo(USER).find((m) => meta(m).event_payload?.kind === CARD_KIND);
    await fake.waitFor(() => catchUps(1).length === 1 && cardOf() !== undefined, 8000);

    // Moved a few minutes later: plan 2, whose catch-up never gets an answer from Slack.
    fake.hangNext('chat.postMessage', (args) => {
      const p = meta(args).event_payload;
      return p?.kind === 'catch_up' && Number(p.plan) === 2;
    });
    const card = cardOf() as StoredMessage;
    const clickTrigger = fake.issueTriggerId(USER);
    await requester.blockActions(actionOn(card, USER, ACTION.openChange, clickTrigger));
    await fake.waitForCall('views.open', (c) => c.args.trigger_id === clickTrigger, 5000);
    const newStart = Math.floor((Date.now() + 115 * 60_000) / 1000);
    const values = formValues(changeForm.blocks, {
      what: stateValue.radio('technical'),
      decision: stateValue.radio('reschedule'),
      newStartEpochSeconds: { type: 'datetimepicker', selected_date_time: newStart },
      note: stateValue.plainText(null),
    });
    expect((await requester.viewSubmission(buildViewSubmission({ user_id: USER, view: fake.topViewOf(USER)!.view, values }))).body).toBe('');
    const inFlight = () => fake!.calls.some((c) => c.method === 'chat.postMessage' && c.status === 0 && Number(meta(c.args).event_payload?.plan) === 2);
    await fake.waitFor(inFlight, 8000);

    bot.child.kill('SIGKILL');
    await bot.exited;
    const catchUpRows = "SELECT plan, state FROM timeline_items WHERE kind = 'catch_up' ORDER BY plan";
    let rows: unknown[];
    if (database) rows = await database.sql.all(catchUpRows);
    else {
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      rows = db.prepare(catchUpRows).all();
      db.close();
    }
    expect(rows).toEqual([
      { plan: 1, state: 'sent' },
      { plan: 2, state: 'sending' },
    ]);
    expect(catchUps(2)).toHaveLength(0);

    bot = startBot(env);
    ready = await bot.waitForLog('Interview Prep is running');
    requester = new SlackRequester(`http://127.0.0.1:${ready.port as number}`, env.SLACK_SIGNING_SECRET);
    // The killed process held the send with a lease (SEND_LEASE_MS): the new one checks the DM history
    // once the lease has lapsed (it cannot tell a dead holder from another live process).
    await fake.waitFor(() => catchUps(2).length === 1, SEND_LEASE_MS + 15_000);
    await new Promise((r) => setTimeout(r, 1500)); // a few more ticks
    expect(catchUps(1)).toHaveLength(1);
    expect(catchUps(2)).toHaveLength(1);
    bot.child.kill('SIGTERM');
    await bot.exited;
  }, 90_000);
});
