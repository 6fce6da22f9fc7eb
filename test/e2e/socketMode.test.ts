/**
 * Socket Mode end to end: the real runtime with SLACK_APP_TOKEN set, its Web API calls going to the
 * fake Slack and its WebSocket to the fake Socket Mode server. Envelopes go in as Slack sends them;
 * each must be acknowledged on the socket with the right payload within Slack's 3 s.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { plainText } from '../../src/slack/blocks.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { ACTION, CALLBACK } from '../../src/slack/ids.js';
import { logisticsForm } from '../../src/slack/forms/index.js';
import { openTestSql, type TestSql } from '../support/database.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack, type StoredMessage } from '../support/fakeSlack.js';
import { ACK_TIMEOUT_MS, startFakeSocketMode, type FakeSocketMode } from '../support/fakeSocketMode.js';
import { actionOn, eventually, logisticsValues, type LogisticsForm } from '../support/flows.js';
import { TestClock, OWNER } from '../support/harness.js';
import { buildBlockAction, buildSlashCommandBody, buildViewSubmission } from '../support/signer.js';

let fake: FakeSlack;
let sm: FakeSocketMode;
let database: TestSql;
let runtime: Runtime | undefined;
let clock: TestClock;

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.setUser(OWNER, { tz: 'Europe/Amsterdam', real_name: 'Olga Owner' });
  sm = await startFakeSocketMode();
  fake.socketModeUrl = sm.url;
  database = await openTestSql();
  clock = new TestClock(new Date('2026-11-30T08:00:00Z'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
    SLACK_APP_TOKEN: fake.appToken,
    SLACK_API_URL: fake.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  runtime = await startRuntime({
    config,
    logger: createLogger(config.logLevel),
    sql: database.sql,
    now: clock.now,
    startCron: false,
    clientOptions: { retryConfig: { retries: 0 } },
    pacing: { perChannelPerSecond: 1000, burst: 1000, concurrency: 4 },
  });
  await sm.connected();
});

afterEach(async () => {
  // The app first, so its Socket Mode client is shutting down (and will not reconnect) when the
  // fake server goes away.
  await runtime?.stop();
  runtime = undefined;
  await sm.close();
  await fake.close();
  await database.close();
});

const app = (): Runtime => {
  if (!runtime) throw new Error('runtime not started');
  return runtime;
};

/** A slash command payload as Socket Mode carries it: the form fields as a JSON object. */
function slashCommand(text: string, triggerId: string): Record<string, unknown> {
  const form = buildSlashCommandBody({ user_id: OWNER, text, trigger_id: triggerId }, { responseUrlBase: fake.responseUrlBase });
  return { ...Object.fromEntries(new URLSearchParams(form)), is_enterprise_install: 'false' };
}

/** An Events API `event_callback`, the payload of an events_api envelope. */
function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  const nowSec = Math.floor(Date.now() / 1000);
  return {
    token: 'verification_token',
    team_id: fake.teamId,
    api_app_id: fake.appId,
    event: { event_ts: `${nowSec}.000100`, ...event },
    type: 'event_callback',
    event_id: `Ev${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
    event_time: nowSec,
    authorizations: [{ enterprise_id: null, team_id: fake.teamId, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-fake-socket-mode',
  };
}

function form(overrides: LogisticsForm = {}): LogisticsForm {
  return {
    candidateName: 'Sanne de Vries',
    candidatePhone: '+31 6 12345678',
    clientCompany: 'Acme BV',
    roleTitle: 'Backend developer',
    start: new Date(clock.now().getTime() + 2 * 24 * 3_600_000),
    durationMin: '60',
    location: 'Herengracht 1, Amsterdam',
    format: 'panel',
    ...overrides,
  };
}

const count = async () => (await database.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM interviews'))!.n;

/** `/interviewprep` over the socket; returns the new-interview modal the app opened. */
async function openModal(): Promise<Record<string, unknown> & { id: string }> {
  const trigger = fake.issueTriggerId(OWNER);
  const ack = await sm.send('slash_commands', slashCommand('', trigger));
  expect(ack.payload).toEqual({});
  await fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = fake.topViewOf(OWNER)?.view;
  expect(view?.callback_id).toBe(CALLBACK.interviewModal);
  return view!;
}

/** Command → modal → valid submission → card DM, all over the socket. */
async function createInterview(): Promise<{ id: number; card: StoredMessage }> {
  const view = await openModal();
  const ack = await sm.send('interactive', buildViewSubmission({ user_id: OWNER, view, values: logisticsValues(form()) }));
  expect(ack.payload).toEqual({});
  await fake.waitFor(() => fake.dmsTo(OWNER).length > 0);
  const card = fake.dmsTo(OWNER).at(-1)!;
  const id = Number((card.metadata?.event_payload as { interview_id: number }).interview_id);
  await eventually(async () => (await app().workspace().interviews.get(id))?.card !== undefined);
  return { id, card };
}

describe('Socket Mode connection', () => {
  it('opens the connection through apps.connections.open with the app token and is greeted by hello', () => {
    const opens = fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toBe(fake.appToken);
    expect(opens[0]!.response).toEqual({ ok: true, url: sm.url });
    expect(sm.connections).toBe(1);
    expect(sm.openConnections).toBe(1);
    expect(sm.sent[0]?.message).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: fake.appId } });
    // The bot token still drives the Web API (auth.test at start-up).
    expect(fake.callsTo('auth.test').every((c) => c.token === DEFAULT_TOKEN)).toBe(true);
    expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
  });

  it('serves GET /healthz on PORT in Socket Mode, and no inbound Slack endpoint', async () => {
    const base = `http://127.0.0.1:${app().slack.port}`;
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, mode: 'socket', database: 'ok' });
    const events = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(404);
  });
});

describe('slash commands over the socket', () => {
  it('acks /interviewprep within 3 s and then opens the modal with the trigger_id sent', async () => {
    const trigger = fake.issueTriggerId(OWNER);
    const ack = await sm.send('slash_commands', slashCommand('', trigger));
    expect(ack.ms).toBeLessThan(ACK_TIMEOUT_MS);
    expect(ack.payload).toEqual({});
    const call = await fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(call.response).toMatchObject({ ok: true });
    expect((call.args.view as { callback_id: string }).callback_id).toBe(CALLBACK.interviewModal);
  });

  it('answers /interviewprep help in the ack itself, as an ephemeral message', async () => {
    const ack = await sm.send('slash_commands', slashCommand('help', fake.issueTriggerId(OWNER)));
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: plainText(createTranslator('nl'), 'command.help') });
    expect(fake.callsTo('views.open')).toHaveLength(0);
    expect(fake.callsTo('response_url')).toHaveLength(0);
  });
});

describe('view_submission over the socket', () => {
  it('acks an invalid new-interview modal with inline errors and stores nothing', async () => {
    const view = await openModal();
    const payload = buildViewSubmission({ user_id: OWNER, view, values: logisticsValues(form({ candidateName: '  ' })) });
    const ack = await sm.send('interactive', payload);
    expect(ack.ms).toBeLessThan(ACK_TIMEOUT_MS);
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { [logisticsForm.blocks.candidateName]: 'Vul dit veld in.' } });
    expect(await count()).toBe(0);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('acks a valid one without errors, stores the interview and DMs the card', async () => {
    const view = await openModal();
    const ack = await sm.send('interactive', buildViewSubmission({ user_id: OWNER, view, values: logisticsValues(form()) }));
    expect(ack.ms).toBeLessThan(ACK_TIMEOUT_MS);
    expect(ack.payload).toEqual({});
    expect(await count()).toBe(1);
    const stored = await app().workspace().interviews.get(1);
    expect(stored?.ownerId).toBe(OWNER);
    expect(stored?.logistics).toMatchObject({ candidateName: 'Sanne de Vries', clientCompany: 'Acme BV', durationMin: 60 });
    await fake.waitFor(() => fake.dmsTo(OWNER).length === 1);
    const card = fake.dmsTo(OWNER)[0]!;
    expect(card.metadata?.event_payload).toMatchObject({ interview_id: 1 });
    expect(JSON.stringify(card.blocks)).toContain('Interview #1: Sanne de Vries');
  });
});

describe('block_actions over the socket', () => {
  it('acks Bewerken on the card and opens the prefilled modal', async () => {
    const { id, card } = await createInterview();
    const trigger = fake.issueTriggerId(OWNER);
    // Bewerken sits in the card's "Meer…" menu.
    const payload = { ...actionOn(card, OWNER, ACTION.editInterview, trigger), response_url: `${fake.responseUrlBase}/actions/${fake.teamId}/1/fakeResponseUrlToken` };
    const ack = await sm.send('interactive', payload);
    expect(ack.ms).toBeLessThan(ACK_TIMEOUT_MS);
    expect(ack.payload).toEqual({});
    const call = await fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(call.response).toMatchObject({ ok: true });
    const view = call.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(CALLBACK.interviewModal);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ interviewId: id });
    expect(JSON.stringify(view)).toContain('Sanne de Vries');
  });
});

describe('events_api over the socket', () => {
  it('acks app_home_opened and publishes the Home tab', async () => {
    const ack = await sm.send('events_api', eventCallback({ type: 'app_home_opened', user: OWNER, channel: fake.dmChannelOf(OWNER), tab: 'home' }));
    expect(ack.ms).toBeLessThan(ACK_TIMEOUT_MS);
    expect(ack.payload).toEqual({});
    const call = await fake.waitForCall('views.publish', (c) => c.args.user_id === OWNER);
    expect(call.response).toMatchObject({ ok: true });
    expect(fake.homeOf(OWNER)?.view.type).toBe('home');
  });
});

describe('robustness', () => {
  const unknownAction = () =>
    buildBlockAction({
      user_id: OWNER,
      action_id: 'interviewprep_no_such_action',
      trigger_id: fake.issueTriggerId(OWNER),
      element_type: 'button',
      value: '1',
    });

  it('keeps serving after an envelope no listener handles', async () => {
    // Whether this one is acked is the next test's concern; here only what follows it matters.
    void sm.send('interactive', unknownAction()).catch(() => undefined);
    // A later envelope on the same connection is still acked and handled.
    const ack = await sm.send('events_api', eventCallback({ type: 'app_home_opened', user: OWNER, channel: fake.dmChannelOf(OWNER), tab: 'home' }));
    expect(ack.payload).toEqual({});
    await fake.waitForCall('views.publish', (c) => c.args.user_id === OWNER);
    const help = await sm.send('slash_commands', slashCommand('help', fake.issueTriggerId(OWNER)));
    expect(help.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(sm.openConnections).toBe(1);
    expect(sm.connections).toBe(1);
    const health = await fetch(`http://127.0.0.1:${app().slack.port}/healthz`);
    expect(health.status).toBe(200);
  });

  // Unknown action ids are acknowledged by the fallback listener (src/slack/listeners/index.ts).
  it('acks a block_actions envelope with an unknown action_id within 3 s', async () => {
    const ack = await sm.send('interactive', unknownAction());
    expect(ack.payload).toEqual({});
  });
});
