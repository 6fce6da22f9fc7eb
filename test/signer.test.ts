import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, HTTPReceiver, LogLevel, verifySlackRequest, type Logger } from '@slack/bolt';
import {
  buildBlockAction,
  buildSlashCommandBody,
  buildViewSubmission,
  signSlackRequest,
  SlackRequester,
  stateValue,
} from './support/signer.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const knownAnswer = JSON.parse(fixture('signing-known-answer.json')) as {
  signing_secret: string;
  x_slack_request_timestamp: string;
  body: string;
  x_slack_signature: string;
};

describe('signSlackRequest', () => {
  it("reproduces Slack's documented signature", () => {
    expect(signSlackRequest(knownAnswer.signing_secret, knownAnswer.x_slack_request_timestamp, knownAnswer.body)).toBe(
      knownAnswer.x_slack_signature,
    );
    // A numeric timestamp signs the same base string.
    expect(signSlackRequest(knownAnswer.signing_secret, Number(knownAnswer.x_slack_request_timestamp), knownAnswer.body)).toBe(
      knownAnswer.x_slack_signature,
    );
  });

  it('changes when the body, timestamp or secret changes', () => {
    const { signing_secret: secret, x_slack_request_timestamp: ts, body } = knownAnswer;
    const expected = knownAnswer.x_slack_signature;
    expect(signSlackRequest(secret, ts, body.replace('text=', 'text=x'))).not.toBe(expected);
    expect(signSlackRequest(secret, Number(ts) + 1, body)).not.toBe(expected);
    expect(signSlackRequest(`${secret}0`, ts, body)).not.toBe(expected);
    expect(signSlackRequest(secret, ts, body)).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it("is accepted by Bolt's own verifier", () => {
    const body = 'payload=%7B%7D';
    const ts = 1_700_000_000;
    expect(() =>
      verifySlackRequest({
        signingSecret: 's3cr3t-s3cr3t',
        body,
        headers: { 'x-slack-signature': signSlackRequest('s3cr3t-s3cr3t', ts, body), 'x-slack-request-timestamp': ts },
        nowMilliseconds: ts * 1000,
      }),
    ).not.toThrow();
  });
});

describe('payload builders', () => {
  it("builds the slash-command form body byte for byte like Slack's example", () => {
    const body = buildSlashCommandBody({
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      team_id: 'T0001',
      team_domain: 'example',
      enterprise: { id: 'E0001', name: 'Globular Construct Inc' },
      channel_id: 'C2147483705',
      channel_name: 'test',
      user_id: 'U2147483697',
      user_name: 'Steve',
      command: '/weather',
      text: '94070',
      response_url: 'https://hooks.slack.com/commands/1234/5678',
      trigger_id: '13345224609.738474920.8088930838d88f008e0',
      api_app_id: 'A123456',
    });
    expect(body).toBe(fixture('slash-command.form.txt'));
  });

  it("gives block_actions payloads the shape of Slack's example", () => {
    const example = JSON.parse(fixture('block_actions.json')) as Record<string, Record<string, unknown>>;
    const payload = buildBlockAction({
      user_id: 'U1',
      action_id: 'done',
      trigger_id: 't.1.x',
      message: {
        ts: '1700000000.000100',
        channel: 'DU1',
        blocks: [{ type: 'actions', block_id: 'b1', elements: [{ type: 'button', action_id: 'done', value: '42', text: { type: 'plain_text', text: 'Done' } }] }],
      },
    }) as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(example)) expect(payload, key).toHaveProperty(key);
    for (const key of ['user', 'container', 'channel'] as const) {
      expect(Object.keys(payload[key]!)).toEqual(expect.arrayContaining(Object.keys(example[key]!)));
    }
    // The example comes from an Enterprise Grid org; a plain workspace has no enterprise_* in `team`.
    expect(payload.team).toEqual({ id: 'T0001', domain: 'fake-workspace' });
    const action = (payload.actions as unknown as Array<Record<string, unknown>>)[0]!;
    const exampleAction = (example.actions as unknown as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(action)).toEqual(expect.arrayContaining(Object.keys(exampleAction)));
    expect(action).toMatchObject({ action_id: 'done', block_id: 'b1', value: '42', type: 'button' });
    expect(payload.container).toEqual({ type: 'message', message_ts: '1700000000.000100', channel_id: 'DU1', is_ephemeral: false });
  });

  it('refuses to click an element that is not in the message', () => {
    expect(() =>
      buildBlockAction({ user_id: 'U1', action_id: 'nope', trigger_id: 't', message: { ts: '1.2', channel: 'C1', blocks: [] } }),
    ).toThrow(/no element with action_id "nope"/);
  });

  it('resolves select options from the element', () => {
    const view = {
      id: 'V1',
      blocks: [
        {
          type: 'section',
          block_id: 's',
          text: { type: 'mrkdwn', text: 'pick' },
          accessory: {
            type: 'static_select',
            action_id: 'pick',
            options: [{ text: { type: 'plain_text', text: 'Two days' }, value: '2d' }],
          },
        },
      ],
    };
    const payload = buildBlockAction({ user_id: 'U1', action_id: 'pick', value: '2d', trigger_id: 't', view });
    expect(payload.actions).toEqual([
      expect.objectContaining({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Two days' }, value: '2d' } }),
    ]);
    expect(payload.container).toEqual({ type: 'view', view_id: 'V1' });
    expect(() => buildBlockAction({ user_id: 'U1', action_id: 'pick', value: 'zz', trigger_id: 't', view })).toThrow(/not offered/);
  });

  it("gives view_submission payloads the shape of Slack's example", () => {
    const example = JSON.parse(fixture('view_submission.json')) as Record<string, Record<string, unknown>>;
    const payload = buildViewSubmission({
      user_id: 'U1',
      callback_id: 'prep_modal',
      private_metadata: '{"id":7}',
      values: { notes: { notes_input: stateValue.plainText('hello') } },
    }) as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(example)) expect(payload, key).toHaveProperty(key);
    expect(Object.keys(payload.view!)).toEqual(expect.arrayContaining(Object.keys(example.view!)));
    expect(payload.view).toMatchObject({
      callback_id: 'prep_modal',
      private_metadata: '{"id":7}',
      state: { values: { notes: { notes_input: { type: 'plain_text_input', value: 'hello' } } } },
    });
  });

  it('checks submitted values against the inputs of the given view', () => {
    const view = {
      id: 'V9',
      callback_id: 'cb',
      blocks: [{ type: 'input', block_id: 'notes', label: { type: 'plain_text', text: 'Notes' }, element: { type: 'plain_text_input', action_id: 'in' } }],
    };
    expect(buildViewSubmission({ user_id: 'U1', view, values: { notes: { in: stateValue.plainText('x') } } }).view).toMatchObject({ id: 'V9', callback_id: 'cb' });
    expect(() => buildViewSubmission({ user_id: 'U1', view, values: { other: { in: stateValue.plainText('x') } } })).toThrow(/no input other\/in/);
  });
});

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/**
 * End-to-end check of both support pieces against the real Bolt HTTP receiver: if Bolt accepts what the
 * requester sends and its WebClient works against the fake, app tests can rely on them.
 */
describe('SlackRequester against a Bolt app wired to the fake Slack', () => {
  const SECRET = 'test-signing-secret';
  let fake: FakeSlack;
  let server: Server;
  let slack: SlackRequester;
  const seen: Array<{ kind: string; body: unknown }> = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logger: silentLogger });
    const app = new App({
      receiver,
      token: 'xoxb-test-token',
      logger: silentLogger,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command('/interviewprep', async ({ ack, command, client }) => {
      await ack();
      seen.push({ kind: 'command', body: command });
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'prep',
          title: { type: 'plain_text', text: 'Interview prep' },
          submit: { type: 'plain_text', text: 'Save' },
          blocks: [{ type: 'input', block_id: 'notes', label: { type: 'plain_text', text: 'Notes' }, element: { type: 'plain_text_input', action_id: 'in' } }],
        },
      });
    });
    app.action('done', async ({ ack, body, respond }) => {
      await ack();
      seen.push({ kind: 'action', body });
      await respond({ text: 'noted', replace_original: false });
    });
    app.view('prep', async ({ ack, view }) => {
      seen.push({ kind: 'view', body: view.state.values });
      await ack({ response_action: 'errors', errors: { notes: 'too short' } });
    });
    app.event('reaction_added', async ({ event }) => {
      seen.push({ kind: 'event', body: event });
    });
    server = createServer(receiver.requestListener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    slack = new SlackRequester(`http://127.0.0.1:${port}`, SECRET, { responseUrlBase: fake.responseUrlBase });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('delivers a slash command that opens a modal through the fake', async () => {
    const res = await slack.slashCommand({ user_id: 'U1', text: 'help', trigger_id: fake.issueTriggerId('U1') });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(seen.find((s) => s.kind === 'command')?.body).toMatchObject({ command: '/interviewprep', text: 'help', user_id: 'U1' });
    const open = await fake.waitForCall('views.open');
    expect(open.response).toMatchObject({ ok: true });
    expect(fake.topViewOf('U1')?.view.callback_id).toBe('prep');
  });

  it('delivers a view submission and returns the ack body', async () => {
    const view = fake.topViewOf('U1')!.view;
    const res = await slack.viewSubmission(
      buildViewSubmission({ user_id: 'U1', view, values: { notes: { in: stateValue.plainText('hi') } } }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { notes: 'too short' } });
    expect(seen.find((s) => s.kind === 'view')?.body).toEqual({ notes: { in: { type: 'plain_text_input', value: 'hi' } } });
  });

  it('delivers a block action on a message posted through the fake, with respond() staying local', async () => {
    const { WebClient } = await import('@slack/web-api');
    const client = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    const posted = await client.chat.postMessage({
      channel: 'U1',
      text: 'prep',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'done', value: 'i-7', text: { type: 'plain_text', text: 'Done' } }] }],
    });
    const message = fake.message(posted.channel!, posted.ts!)!;
    const res = await slack.blockActions(buildBlockAction({ user_id: 'U1', action_id: 'done', trigger_id: fake.issueTriggerId('U1'), message }));
    expect(res.status).toBe(200);
    const action = seen.find((s) => s.kind === 'action')?.body as { actions: Array<{ value: string; block_id: string }> };
    // The fake generated a block_id (none was given), and the payload carries it like Slack would.
    expect(action.actions[0]).toMatchObject({ value: 'i-7', block_id: (message.blocks![0] as { block_id: string }).block_id });
    const responded = await fake.waitForCall('response_url');
    expect(responded.args).toMatchObject({ text: 'noted' });
  });

  it('delivers an Events API callback', async () => {
    const res = await slack.event({ type: 'reaction_added', user: 'U1', reaction: 'thumbsup', item: { type: 'message', channel: 'DU1', ts: '1.2' } });
    expect(res.status).toBe(200);
    await fake.waitFor(() => seen.some((s) => s.kind === 'event'));
    expect(seen.find((s) => s.kind === 'event')?.body).toMatchObject({ reaction: 'thumbsup', user: 'U1' });
  });

  it('is rejected by Bolt when tampered with or stale', async () => {
    const body = buildSlashCommandBody({ user_id: 'U1', trigger_id: 'x.y.z' });
    const tampered = await slack.raw({ body, contentType: 'application/x-www-form-urlencoded', signature: signSlackRequest(SECRET, Math.floor(Date.now() / 1000), `${body}&x=1`) });
    expect(tampered.status).toBe(401);
    const stale = await slack.raw({ body, contentType: 'application/x-www-form-urlencoded', timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    const unsigned = await slack.raw({ body, contentType: 'application/x-www-form-urlencoded', signature: null });
    expect(unsigned.status).toBe(401);
    expect(seen.filter((s) => s.kind === 'command')).toHaveLength(1);
  });
});
