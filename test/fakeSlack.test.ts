import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, LogLevel, WebClient, type Logger } from '@slack/web-api';
import { DEFAULT_SCOPES, startFakeSlack, validateBlocks, validateView, type FakeSlack } from './support/fakeSlack.js';

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlack;
let client: WebClient;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'prep',
  title: { type: 'plain_text' as const, text: 'Interview prep' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [{ type: 'input', block_id: 'notes', label: { type: 'plain_text', text: 'Notes' }, element: { type: 'plain_text_input', action_id: 'in' } }],
  ...overrides,
});

/** Resolves to the error a WebClient call rejected with (fails the test if it resolved). */
async function rejectionOf(p: Promise<unknown>): Promise<{ code: string; data?: { error: string; response_metadata?: { messages?: string[] } }; statusCode?: number; retryAfter?: number }> {
  try {
    await p;
  } catch (err) {
    return err as never;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

async function slackError(p: Promise<unknown>): Promise<string> {
  const err = await rejectionOf(p);
  expect(err.code).toBe(ErrorCode.PlatformError);
  return err.data!.error;
}

beforeAll(async () => {
  fake = await startFakeSlack();
  client = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silentLogger });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  fake.now = () => Date.now();
});

describe('auth and transport', () => {
  it('answers auth.test with the bot identity and reports scopes in x-oauth-scopes', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: 'UBOT', team_id: 'T0001', bot_id: 'B0001' });
    // The WebClient parses x-oauth-scopes into response_metadata.scopes.
    expect(res.response_metadata?.scopes).toEqual([...DEFAULT_SCOPES]);
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    const bad = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silentLogger });
    expect(await slackError(bad.auth.test())).toBe('invalid_auth');
    expect(await slackError(bad.chat.postMessage({ channel: 'C1', text: 'x' }))).toBe('invalid_auth');
    expect(fake.messages('C1')).toEqual([]);

    const res = await fetch(`${fake.url}auth.test`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-oauth-scopes')).toBe(DEFAULT_SCOPES.join(','));
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
    // Failed calls are recorded too, with the token kept out of args.
    expect(fake.callsTo('auth.test').map((c) => [c.token, (c.response as { error?: string }).error])).toEqual([
      ['xoxb-wrong', 'invalid_auth'],
      [undefined, 'not_authed'],
    ]);
  });

  it('accepts JSON bodies and answers unknown methods with HTTP 200 unknown_method', async () => {
    const post = (method: string, body: unknown) =>
      fetch(`${fake.url}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-test-token' },
        body: JSON.stringify(body),
      });
    const ok = await post('chat.postMessage', { channel: 'C9', text: 'json', metadata: { event_type: 'e', event_payload: { a: 1 } } });
    expect(await ok.json()).toMatchObject({ ok: true, channel: 'C9' });
    expect(fake.messages('C9')[0]?.metadata).toEqual({ event_type: 'e', event_payload: { a: 1 } });

    const broken = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-token' },
      body: '{not json',
    });
    expect(await broken.json()).toEqual({ ok: false, error: 'invalid_json' });

    const unknown = await post('chat.frobnicate', {});
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('x-oauth-scopes')).toBeTruthy();
    expect(await unknown.json()).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('refuses methods the granted scopes do not cover, with missing_scope', async () => {
    // An install from before channels:history was added: im:history only.
    fake.scopes = DEFAULT_SCOPES.filter((s) => s !== 'channels:history');
    const err = await rejectionOf(client.conversations.history({ channel: 'C1' }));
    expect(err.data).toMatchObject({ error: 'missing_scope', needed: 'channels:history' });
    fake.scopes = [...DEFAULT_SCOPES];
    try {
      await expect(client.conversations.history({ channel: 'C1' })).resolves.toMatchObject({ ok: true, messages: [] });
    } finally {
      fake.scopes = [...DEFAULT_SCOPES];
    }
  });
});

describe('messages', () => {
  const metadata = { event_type: 'interview_prep', event_payload: { interview_id: 7 } };

  it('posts, updates and lists messages with metadata', async () => {
    const blocks = [section('*Prep* for Friday')];
    const posted = await client.chat.postMessage({ channel: 'U1', text: 'Prep for Friday', blocks, metadata });
    // Posting to a user id lands in the DM with that user.
    expect(posted).toMatchObject({ ok: true, channel: 'DU1' });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);

    // Args come back as objects, not the JSON strings the WebClient sent.
    expect(fake.callsTo('chat.postMessage')[0]?.args).toMatchObject({ channel: 'U1', blocks, metadata });

    const second = await client.chat.postMessage({ channel: 'DU1', text: 'second' });
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts));

    const updated = await client.chat.update({ channel: 'DU1', ts: posted.ts!, text: 'Prep done', blocks: [section('Done :white_check_mark:')] });
    expect(updated).toMatchObject({ ok: true, channel: 'DU1', ts: posted.ts, text: 'Prep done' });

    const stored = fake.message('DU1', posted.ts!)!;
    expect(stored).toMatchObject({ text: 'Prep done', editCount: 1, metadata });
    expect(stored.history).toEqual([{ text: 'Prep for Friday', blocks: [expect.objectContaining(blocks[0])], metadata }]);

    const plain = await client.conversations.history({ channel: 'DU1' });
    expect(plain.messages?.map((m) => m.text)).toEqual(['second', 'Prep done']);
    expect(plain.messages?.[1]).not.toHaveProperty('metadata');

    const withMeta = await client.conversations.history({ channel: 'DU1', include_all_metadata: true });
    expect(withMeta.messages?.[1]).toMatchObject({ ts: posted.ts, metadata, edited: { user: 'UBOT' } });
    expect(withMeta.messages?.[0]).not.toHaveProperty('metadata');
  });

  it('removes metadata on update only when given an empty object', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'x', metadata });
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'y' });
    expect(fake.message('C1', posted.ts!)?.metadata).toEqual(metadata);
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'z', metadata: {} as never });
    expect(fake.message('C1', posted.ts!)?.metadata).toBeUndefined();
  });

  it('pages history with oldest, latest and limit', async () => {
    const ts: string[] = [];
    for (const text of ['a', 'b', 'c', 'd']) ts.push((await client.chat.postMessage({ channel: 'DU2', text })).ts!);
    const page = await client.conversations.history({ channel: 'DU2', limit: 2 });
    expect(page.messages?.map((m) => m.text)).toEqual(['d', 'c']);
    expect(page.has_more).toBe(true);
    const between = await client.conversations.history({ channel: 'DU2', oldest: ts[0], latest: ts[3] });
    expect(between.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    const inclusive = await client.conversations.history({ channel: 'DU2', oldest: ts[0], latest: ts[3], inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['d', 'c', 'b', 'a']);

    // Seeded user replies show up; thread replies do not (they belong to conversations.replies).
    fake.addMessage('DU2', { user: 'U2', text: 'reply' });
    fake.addMessage('DU2', { user: 'U2', text: 'in thread', thread_ts: ts[0] });
    const latest = await client.conversations.history({ channel: 'DU2', limit: 2 });
    expect(latest.messages?.map((m) => [m.user, m.text])).toEqual([
      ['U2', 'reply'],
      ['UBOT', 'd'],
    ]);
  });

  it('answers chat errors like Slack', async () => {
    expect(await slackError(client.chat.postMessage({ channel: '', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: 'C1' } as never))).toBe('no_text');
    fake.unknownChannels.add('CGONE');
    try {
      expect(await slackError(client.chat.postMessage({ channel: 'CGONE', text: 'x' }))).toBe('channel_not_found');
    } finally {
      fake.unknownChannels.delete('CGONE');
    }
    expect(await slackError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    const dm = await client.chat.postMessage({ channel: 'U3', text: 'hi' });
    // chat.update needs the DM id, not the user id.
    expect(await slackError(client.chat.update({ channel: 'U3', ts: dm.ts!, text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', metadata: { event_type: 'e' } as never }))).toBe('invalid_metadata_format');
  });

  it('posts ephemeral messages and opens DMs', async () => {
    const eph = await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.ephemerals('C1')).toEqual([expect.objectContaining({ user: 'U1', text: 'only you' })]);

    const opened = await client.conversations.open({ users: 'U5' });
    expect(opened.channel?.id).toBe('DU5');
    expect((await client.conversations.open({ users: 'U5' })).already_open).toBe(true);
    fake.setUser('U6', { deleted: true });
    expect(await slackError(client.conversations.open({ users: 'U6' }))).toBe('user_disabled');
  });
});

describe('users.info', () => {
  it('knows only users the test set up', async () => {
    expect(await slackError(client.users.info({ user: 'U404' }))).toBe('user_not_found');
    fake.setUser('U1', { tz: 'America/New_York', real_name: 'Ada' });
    fake.now = () => Date.UTC(2025, 0, 15, 12);
    const res = await client.users.info({ user: 'U1' });
    expect(res.user).toMatchObject({ id: 'U1', real_name: 'Ada', tz: 'America/New_York', tz_offset: -5 * 3600, deleted: false });
    fake.now = () => Date.UTC(2025, 6, 15, 12);
    expect((await client.users.info({ user: 'U1' })).user?.tz_offset).toBe(-4 * 3600);
    fake.setUser('U1', { deleted: true });
    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({ deleted: true, real_name: 'Ada' });
  });
});

describe('views', () => {
  it('accepts a trigger once, within 3 seconds', async () => {
    let now = 1_700_000_000_000;
    fake.now = () => now;
    const trigger = fake.issueTriggerId('U1');
    expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);

    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'prep', state: { values: {} }, root_view_id: opened.view?.id });
    expect(opened.view?.id).toMatch(/^V/);
    expect(fake.topViewOf('U1')?.id).toBe(opened.view?.id);

    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
    expect(await slackError(client.views.open({ trigger_id: '123.456.deadbeef', view: modal() }))).toBe('invalid_trigger_id');

    const late = fake.issueTriggerId('U1');
    now += 3001;
    expect(await slackError(client.views.open({ trigger_id: late, view: modal() }))).toBe('expired_trigger_id');

    const inTime = fake.issueTriggerId('U1');
    now += 2999;
    await expect(client.views.open({ trigger_id: inTime, view: modal() })).resolves.toMatchObject({ ok: true });
  });

  it('rejects an invalid view without using up the trigger', async () => {
    const trigger = fake.issueTriggerId('U1');
    const err = await rejectionOf(client.views.open({ trigger_id: trigger, view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }) }));
    expect(err.data?.error).toBe('invalid_arguments');
    expect(err.data?.response_metadata?.messages).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]']);
    await expect(client.views.open({ trigger_id: trigger, view: modal({ title: { type: 'plain_text', text: 'x'.repeat(24) } }) })).resolves.toMatchObject({ ok: true });
  });

  it('updates views by id or external_id and detects hash conflicts', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTriggerId('U1'), view: modal({ external_id: 'prep-7' }) });
    const { id, hash } = opened.view as { id: string; hash: string };

    const updated = await client.views.update({ view_id: id, hash, view: modal({ private_metadata: '{"step":2}' }) });
    expect(updated.view).toMatchObject({ id, private_metadata: '{"step":2}', external_id: 'prep-7' });
    expect(updated.view?.hash).not.toBe(hash);

    // The old hash is now stale.
    expect(await slackError(client.views.update({ view_id: id, hash, view: modal() }))).toBe('hash_conflict');
    await expect(client.views.update({ external_id: 'prep-7', view: modal() })).resolves.toMatchObject({ ok: true, view: { id } });
    expect(await slackError(client.views.update({ view_id: 'VNOPE', view: modal() }))).toBe('not_found');
    expect(fake.view(id)?.updates).toBe(2);
  });

  it('pushes onto the user stack, at most 3 deep', async () => {
    expect(await slackError(client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal() }))).toBe('not_found');
    const root = await client.views.open({ trigger_id: fake.issueTriggerId('U1'), view: modal() });
    const pushed = await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal({ callback_id: 'step2' }) });
    expect(pushed.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal() });
    expect(await slackError(client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal() }))).toBe('push_limit_reached');
    expect(fake.viewStack('U1').map((v) => v.view.callback_id)).toEqual(['prep', 'step2', 'prep']);
  });

  it('publishes the home tab per user, keeping its id', async () => {
    const first = await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section('Hello')] } });
    const second = await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section('Again')] } });
    expect(second.view?.id).toBe(first.view?.id);
    expect(fake.homeOf('U1')?.view.blocks).toEqual([expect.objectContaining({ text: { type: 'mrkdwn', text: 'Again' } })]);
    expect(fake.homeOf('U2')).toBeUndefined();
    const tooMany = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const err = await rejectionOf(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: tooMany } }));
    expect(err.data?.response_metadata?.messages).toEqual(['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]']);
    expect(await slackError(client.views.publish({ user_id: 'U1', view: modal() as never }))).toBe('invalid_arguments');
  });
});

describe('Block Kit limits', () => {
  it('rejects 51 blocks in a message and accepts 50', async () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`line ${i}`));
    const err = await rejectionOf(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks(51) }));
    expect(err.data?.error).toBe('invalid_blocks');
    expect(err.data?.response_metadata?.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks(50) })).resolves.toMatchObject({ ok: true });
  });

  it('rejects a 3001-character section and accepts 3000', async () => {
    const err = await rejectionOf(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('x'.repeat(3001))] }));
    expect(err.data?.error).toBe('invalid_blocks');
    expect(err.data?.response_metadata?.messages).toEqual(['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('x'.repeat(3000))] })).resolves.toMatchObject({ ok: true });
    // chat.update validates too, and leaves the message untouched.
    const { ts } = fake.messages('C1')[0]!;
    expect(await slackError(client.chat.update({ channel: 'C1', ts, text: 'y', blocks: [section('')] }))).toBe('invalid_blocks');
    expect(fake.messages('C1')[0]?.editCount).toBe(0);
  });

  it('validates the other documented limits', () => {
    const button = (text: string, action_id = 'a') => ({ type: 'button', action_id, text: { type: 'plain_text', text } });
    const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
    expect(validateBlocks([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], 'message')).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateBlocks([{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], 'message')).toEqual([
      '[ERROR] must be plain_text [json-pointer:/blocks/0/text/type]',
    ]);
    expect(validateBlocks([{ type: 'actions', elements: [button('b'.repeat(76))] }], 'message')).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    expect(validateBlocks([{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', `a${i}`)) }], 'message')).toEqual([
      '[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]',
    ]);
    expect(validateBlocks([{ type: 'actions', elements: [button('x'), button('y')] }], 'message')).toEqual([
      '[ERROR] duplicate action_id: a [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
    expect(validateBlocks([{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }], 'message')).toEqual([
      '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]',
    ]);
    expect(validateBlocks([{ type: 'divider', block_id: 'd' }, { type: 'divider', block_id: 'd' }], 'message')).toEqual([
      '[ERROR] duplicate block_id: d [json-pointer:/blocks/1/block_id]',
    ]);
    expect(validateBlocks([{ type: 'divider', block_id: 'x'.repeat(256) }], 'message')).toEqual([
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/block_id]',
    ]);
    expect(validateBlocks([{ type: 'markdown_table' }], 'message')[0]).toMatch(/^\[ERROR\] must be a valid enum value .*\[json-pointer:\/blocks\/0\/type\]$/);
    expect(validateBlocks([section('')], 'message')).toEqual(['[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([{ type: 'section', text: { type: 'html', text: 'x' } }], 'message')[0]).toContain('[json-pointer:/blocks/0/text/type]');

    const select = (options: unknown[]) => [
      { type: 'section', text: { type: 'mrkdwn', text: 's' }, accessory: { type: 'static_select', action_id: 's', options } },
    ];
    expect(validateBlocks(select(Array.from({ length: 100 }, (_, i) => option(`o${i}`, `v${i}`))), 'modal')).toEqual([]);
    expect(validateBlocks(select(Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`))), 'modal')).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/accessory/options]',
    ]);
    expect(validateBlocks(select([option('o'.repeat(76), 'v'.repeat(151))]), 'modal')).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/accessory/options/0/text/text]',
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/accessory/options/0/value]',
    ]);

    const input = (element: Record<string, unknown>, label = 'Notes') => ({ type: 'input', block_id: 'i', label: { type: 'plain_text', text: label }, element });
    expect(validateBlocks([input({ type: 'plain_text_input', action_id: 'x', max_length: 3001 })], 'modal')).toEqual([
      '[ERROR] must be less than or equal to 3000 [json-pointer:/blocks/0/element/max_length]',
    ]);
    expect(validateBlocks([input({ type: 'plain_text_input', action_id: 'x' }, 'l'.repeat(2001))], 'modal')).toEqual([
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/label/text]',
    ]);
    expect(validateBlocks([input({ type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'b' } })], 'modal')[0]).toContain(
      '[json-pointer:/blocks/0/element/type]',
    );
  });

  it('validates modal-level fields', () => {
    expect(validateView(modal())).toEqual([]);
    expect(validateView(modal({ submit: undefined }))).toEqual(['[ERROR] must provide a submit property when using input blocks [json-pointer:/view]']);
    expect(validateView(modal({ blocks: [section('no inputs')], submit: undefined }))).toEqual([]);
    expect(validateView(modal({ title: undefined }))).toEqual(['[ERROR] missing required field: title [json-pointer:/view]']);
    expect(validateView(modal({ close: { type: 'plain_text', text: 'c'.repeat(25) } }))).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/close/text]',
    ]);
    expect(validateView(modal({ private_metadata: 'p'.repeat(3001), callback_id: 'c'.repeat(256) }))).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
      '[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]',
    ]);
    expect(validateView({ type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) })).toEqual([]);
    expect(validateView({ type: 'dialog', blocks: [] })).toEqual(['[ERROR] must be a valid enum value (modal or home) [json-pointer:/view/type]']);
  });
});

describe('failure injection', () => {
  it('answers 429 with Retry-After, surfacing as a rate-limited error', async () => {
    const limited = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await rejectionOf(limited.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(7);
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ status: 429, response: { ok: false, error: 'ratelimited' } });
    expect(fake.messages('C1')).toEqual([]);
    // Only the next call fails.
    await expect(limited.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers 500 as an HTTP error, and injected errors as platform errors', async () => {
    fake.failNext('users.info', { status: 500 }, 2);
    fake.setUser('U1');
    for (let i = 0; i < 2; i++) {
      const err = await rejectionOf(client.users.info({ user: 'U1' }));
      expect(err.code).toBe(ErrorCode.HTTPError);
      expect(err.statusCode).toBe(500);
    }
    await expect(client.users.info({ user: 'U1' })).resolves.toMatchObject({ ok: true });

    fake.failNext('*', { error: 'fatal_error' });
    expect(await slackError(client.auth.test())).toBe('fatal_error');
    expect(fake.calls.map((c) => c.status)).toEqual([500, 500, 200, 200]);
  });

  it('rate-limits per channel with a token bucket', async () => {
    const limited = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger });
    let now = 1_700_000_000_000;
    fake.now = () => now;
    fake.rateLimit('chat.postMessage', { perChannelPerSecond: 1, burst: 2 });
    await limited.chat.postMessage({ channel: 'C1', text: '1' });
    await limited.chat.postMessage({ channel: 'C1', text: '2' });
    expect((await rejectionOf(limited.chat.postMessage({ channel: 'C1', text: '3' }))).code).toBe(ErrorCode.RateLimitedError);
    // Other channels have their own bucket.
    await expect(limited.chat.postMessage({ channel: 'C2', text: '1' })).resolves.toMatchObject({ ok: true });
    now += 1000;
    await expect(limited.chat.postMessage({ channel: 'C1', text: '3' })).resolves.toMatchObject({ ok: true });
  });
});

describe('inspection helpers', () => {
  it('waitFor resolves on later calls and times out readably', async () => {
    const waiting = fake.waitFor((calls) => calls.some((c) => c.method === 'auth.test'));
    setTimeout(() => void client.auth.test(), 30);
    await expect(waiting).resolves.toEqual([expect.objectContaining({ method: 'auth.test' })]);
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/timed out after 50 ms; calls so far: \[auth\.test\]/);
  });

  it('reset clears calls, messages and failures but keeps users', async () => {
    fake.setUser('U1');
    await client.chat.postMessage({ channel: 'C1', text: 'x' });
    fake.failNext('auth.test', { error: 'fatal_error' });
    fake.reset();
    expect(fake.calls).toEqual([]);
    expect(fake.messages('C1')).toEqual([]);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    await expect(client.users.info({ user: 'U1' })).resolves.toMatchObject({ ok: true });
  });
});
