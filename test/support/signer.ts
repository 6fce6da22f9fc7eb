/**
 * Plays Slack's side of the inbound HTTP traffic: signs requests with the app's signing secret and POSTs
 * slash commands, interactivity payloads and Events API callbacks to the app's `/slack/events`, byte for
 * byte the way Slack does (see test/fixtures/*.json|txt, copied from Slack's own examples).
 */
import { createHmac } from 'node:crypto';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` (Slack "Verifying requests from Slack"). */
export function signSlackRequest(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  /** The body parsed as JSON when it is JSON. */
  json?: unknown;
  headers: Record<string, string>;
  /** Wall-clock time until the full response arrived (Slack gives up after 3000 ms). */
  ms: number;
}

export interface RequesterOptions {
  /** Clock in seconds used for X-Slack-Request-Timestamp (default: real time). */
  now?: () => number;
  /** Path the app serves (default '/slack/events', Bolt's default). */
  path?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  botUserId?: string;
  /**
   * Base of generated response_url values (default 'https://hooks.slack.com'). Point it at
   * `fake.responseUrlBase` so Bolt's respond() lands in the fake instead of the internet.
   */
  responseUrlBase?: string;
}

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  trigger_id: string;
  team_id?: string;
  team_domain?: string;
  response_url?: string;
}

/** Message the clicked element lives in (a StoredMessage from the fake fits). */
export interface ActionMessage {
  ts: string;
  channel: string;
  blocks?: unknown[];
  text?: string;
  metadata?: unknown;
  user?: string;
  bot_id?: string;
}

/** A view the clicked element lives in (a StoredView['view'] from the fake fits). */
export type ActionView = Record<string, unknown> & { id: string };

export interface BlockActionInput {
  user_id: string;
  user_name?: string;
  action_id: string;
  /** Defaults to the block_id of the block containing `action_id` in `message`/`view`. */
  block_id?: string;
  /** Button value, selected option value(s), picked date/user/channel... depending on the element type. */
  value?: string | string[];
  trigger_id: string;
  message?: ActionMessage;
  view?: ActionView;
  container?: Record<string, unknown>;
  /** state.values of the surface (inputs the user filled in before clicking). */
  values?: StateValues;
  team_id?: string;
  api_app_id?: string;
  response_url?: string;
  /** Force the element type when there is no message/view to find it in (default 'button'). */
  element_type?: string;
  action_ts?: string;
}

/** state.values: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface ViewSubmissionInput {
  user_id: string;
  user_name?: string;
  /** Defaults to the callback_id of `view`. */
  callback_id?: string;
  /** Defaults to the private_metadata of `view`. */
  private_metadata?: string;
  values: StateValues;
  view_id?: string;
  hash?: string;
  /**
   * Slack sends a fresh trigger_id with every submission. Pass `fake.issueTriggerId(user)` if the app
   * may push/open a view; the default is a well-formed id the fake has never issued.
   */
  trigger_id?: string;
  /** The open view being submitted (e.g. `fake.topViewOf(user)!.view`); blocks, title etc. are taken from it. */
  view?: Record<string, unknown>;
  team_id?: string;
  api_app_id?: string;
}

const DEFAULTS = {
  teamId: 'T0001',
  teamDomain: 'fake-workspace',
  apiAppId: 'A0001',
  botUserId: 'UBOT',
  botId: 'B0001',
  responseUrlBase: 'https://hooks.slack.com',
};

/** A trigger_id shaped like Slack's that no fake ever issued: views.open with it fails invalid_trigger_id. */
const UNISSUED_TRIGGER_ID = '1000000000.1000000.unissued0000000000000000000000';

let seq = 0;
function nextSeq(): number {
  seq += 1;
  return seq;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Slack encodes form values like encodeURIComponent (spaces as %20), see slash-command.form.txt. */
function formEncode(fields: Array<[string, string]>): string {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Builds the exact x-www-form-urlencoded body Slack sends for a slash command (field order as Slack's). */
export function buildSlashCommandBody(
  input: SlashCommandInput & { api_app_id?: string; token?: string; enterprise?: { id: string; name: string } },
  defaults: { responseUrlBase?: string } = {},
): string {
  const teamId = input.team_id ?? DEFAULTS.teamId;
  const channelId = input.channel_id ?? 'C0001';
  const fields: Array<[string, string]> = [
    ['token', input.token ?? 'verification_token'],
    ['team_id', teamId],
    ['team_domain', input.team_domain ?? DEFAULTS.teamDomain],
  ];
  if (input.enterprise) fields.push(['enterprise_id', input.enterprise.id], ['enterprise_name', input.enterprise.name]);
  fields.push(
    ['channel_id', channelId],
    ['channel_name', input.channel_name ?? (channelId.startsWith('D') ? 'directmessage' : 'general')],
    ['user_id', input.user_id],
    ['user_name', input.user_name ?? input.user_id.toLowerCase()],
    ['command', input.command ?? '/interviewprep'],
    ['text', input.text ?? ''],
    ['response_url', input.response_url ?? `${defaults.responseUrlBase ?? DEFAULTS.responseUrlBase}/commands/${teamId}/${nextSeq()}/fakeResponseUrlToken`],
    ['trigger_id', input.trigger_id],
    ['api_app_id', input.api_app_id ?? DEFAULTS.apiAppId],
  );
  return formEncode(fields);
}

/** Finds the block and element carrying `actionId` in a list of blocks. */
function findElement(blocks: unknown, actionId: string): { blockId: string; element: Obj } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isObj(block)) continue;
    const candidates: unknown[] = [block.accessory, block.element, ...(Array.isArray(block.elements) ? block.elements : [])];
    const element = candidates.find((e): e is Obj => isObj(e) && e.action_id === actionId);
    if (element) return { blockId: String(block.block_id ?? ''), element };
  }
  return undefined;
}

/** Every option of a select/checkboxes/radio/overflow element, including option groups. */
function optionsOf(element: Obj): Obj[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isObj);
}

/** The `actions[0]` entry Slack sends for a given element type and chosen value. */
function actionEntry(type: string, element: Obj | undefined, value: string | string[] | undefined): Obj {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const pickOption = (v: string): Obj => {
    const found = element ? optionsOf(element).find((o) => o.value === v) : undefined;
    if (element && !found) throw new Error(`buildBlockAction: option value ${JSON.stringify(v)} is not offered by ${String(element.action_id)}`);
    return found ? { text: found.text, value: found.value } : { text: { type: 'plain_text', text: v, emoji: true }, value: v };
  };
  switch (type) {
    case 'button':
      return {
        type,
        text: element?.text ?? { type: 'plain_text', text: 'Button', emoji: true },
        ...(value === undefined && element?.value === undefined ? {} : { value: element?.value ?? values[0] }),
        ...(element?.style ? { style: element.style } : {}),
      };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return { type, selected_option: values[0] === undefined ? null : pickOption(values[0]) };
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { type, selected_options: values.map(pickOption) };
    case 'datepicker':
      return { type, selected_date: values[0] ?? null };
    case 'timepicker':
      return { type, selected_time: values[0] ?? null };
    case 'users_select':
      return { type, selected_user: values[0] ?? null };
    case 'multi_users_select':
      return { type, selected_users: values };
    case 'conversations_select':
      return { type, selected_conversation: values[0] ?? null };
    case 'channels_select':
      return { type, selected_channel: values[0] ?? null };
    default:
      return { type, value: values[0] };
  }
}

/**
 * A `block_actions` payload as Slack sends it when a user clicks/selects an element, modelled on
 * test/fixtures/block_actions.json. With `message` or `view`, the element is looked up there (so the
 * payload carries its real block_id, type, text and option) and a missing element throws: Slack could
 * never send a click on something that is not displayed.
 */
export function buildBlockAction(input: BlockActionInput): Obj {
  const teamId = input.team_id ?? DEFAULTS.teamId;
  const surfaceBlocks = input.message?.blocks ?? (input.view ? input.view.blocks : undefined);
  const found = findElement(surfaceBlocks, input.action_id);
  if ((input.message || input.view) && !found) {
    throw new Error(`buildBlockAction: no element with action_id ${JSON.stringify(input.action_id)} in the given ${input.message ? 'message' : 'view'}`);
  }
  if (found && input.block_id !== undefined && input.block_id !== found.blockId) {
    throw new Error(`buildBlockAction: action ${input.action_id} is in block ${found.blockId}, not ${input.block_id}`);
  }
  const type = String(found?.element.type ?? input.element_type ?? 'button');
  const action = {
    action_id: input.action_id,
    block_id: found?.blockId ?? input.block_id ?? 'block',
    ...actionEntry(type, found?.element, input.value),
    action_ts: input.action_ts ?? `${Math.floor(Date.now() / 1000)}.${String(nextSeq()).padStart(6, '0')}`,
  };

  const payload: Obj = {
    type: 'block_actions',
    user: { id: input.user_id, username: input.user_name ?? input.user_id.toLowerCase(), name: input.user_name ?? input.user_id.toLowerCase(), team_id: teamId },
    api_app_id: input.api_app_id ?? DEFAULTS.apiAppId,
    token: 'verification_token',
    container: input.container ?? containerFor(input),
    trigger_id: input.trigger_id,
    team: { id: teamId, domain: DEFAULTS.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
  };
  if (input.message) {
    const m = input.message;
    payload.channel = { id: m.channel, name: m.channel.startsWith('D') ? 'directmessage' : 'general' };
    payload.message = {
      type: 'message',
      user: m.user ?? DEFAULTS.botUserId,
      ...(m.user === undefined || m.bot_id ? { bot_id: m.bot_id ?? DEFAULTS.botId, app_id: input.api_app_id ?? DEFAULTS.apiAppId } : {}),
      text: m.text ?? '',
      ts: m.ts,
      team: teamId,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
    };
    payload.state = { values: input.values ?? {} };
    // Only message actions get a response_url; actions inside views do not.
    payload.response_url = input.response_url ?? `${DEFAULTS.responseUrlBase}/actions/${teamId}/${nextSeq()}/fakeResponseUrlToken`;
  }
  if (input.view) {
    const view = input.view;
    const state = isObj(view.state) ? view.state : { values: {} };
    payload.view = { ...view, state: input.values ? { values: input.values } : state };
  }
  payload.actions = [action];
  return payload;
}

function containerFor(input: BlockActionInput): Obj | undefined {
  if (input.message) {
    return { type: 'message', message_ts: input.message.ts, channel_id: input.message.channel, is_ephemeral: false };
  }
  if (input.view) return { type: 'view', view_id: input.view.id };
  return undefined;
}

/**
 * A `view_submission` payload modelled on test/fixtures/view_submission.json. With `view`, the submitted
 * values are checked against its input blocks (block_id/action_id must exist), as Slack only sends state
 * for inputs that are on screen.
 */
export function buildViewSubmission(input: ViewSubmissionInput): Obj {
  const teamId = input.team_id ?? DEFAULTS.teamId;
  const base = input.view ?? {};
  const callbackId = input.callback_id ?? (typeof base.callback_id === 'string' ? base.callback_id : undefined);
  if (callbackId === undefined) throw new Error('buildViewSubmission: callback_id (or view) is required');
  if (input.view) {
    for (const [blockId, actions] of Object.entries(input.values)) {
      for (const actionId of Object.keys(actions)) {
        const found = findElement(base.blocks, actionId);
        if (!found || found.blockId !== blockId) {
          throw new Error(`buildViewSubmission: the view has no input ${blockId}/${actionId}; Slack keys state.values by the view's block_id/action_id`);
        }
      }
    }
  }
  const viewId = input.view_id ?? (typeof base.id === 'string' ? base.id : 'V0000000000');
  return {
    type: 'view_submission',
    team: { id: teamId, domain: DEFAULTS.teamDomain },
    user: { id: input.user_id, username: input.user_name ?? input.user_id.toLowerCase(), name: input.user_name ?? input.user_id.toLowerCase(), team_id: teamId },
    api_app_id: input.api_app_id ?? DEFAULTS.apiAppId,
    token: 'verification_token',
    trigger_id: input.trigger_id ?? UNISSUED_TRIGGER_ID,
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      title: { type: 'plain_text', text: 'Modal' },
      close: null,
      submit: { type: 'plain_text', text: 'Submit' },
      clear_on_close: false,
      notify_on_close: false,
      previous_view_id: null,
      root_view_id: viewId,
      app_id: input.api_app_id ?? DEFAULTS.apiAppId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: DEFAULTS.botId,
      ...base,
      private_metadata: input.private_metadata ?? (typeof base.private_metadata === 'string' ? base.private_metadata : ''),
      callback_id: callbackId,
      state: { values: input.values },
      hash: input.hash ?? (typeof base.hash === 'string' ? base.hash : '1596530361.3wRYuk3R'),
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Small constructors for state.values entries, matching what Slack sends per element type. */
export const stateValue = {
  plainText: (value: string | null) => ({ type: 'plain_text_input', value }),
  staticSelect: (value: string | null, text = value ?? '') => ({
    type: 'static_select',
    selected_option: value === null ? null : { text: { type: 'plain_text', text, emoji: true }, value },
  }),
  radio: (value: string | null, text = value ?? '') => ({
    type: 'radio_buttons',
    selected_option: value === null ? null : { text: { type: 'plain_text', text, emoji: true }, value },
  }),
  checkboxes: (values: string[]) => ({
    type: 'checkboxes',
    selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value, emoji: true }, value })),
  }),
  datepicker: (date: string | null) => ({ type: 'datepicker', selected_date: date }),
  timepicker: (time: string | null) => ({ type: 'timepicker', selected_time: time }),
  usersSelect: (user: string | null) => ({ type: 'users_select', selected_user: user }),
};

export interface RawRequest {
  body: string;
  contentType: string;
  /** Defaults to now; `null` omits the header. */
  timestamp?: number | string | null;
  /** Defaults to a correct signature; `null` omits the header. */
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs Slack-shaped, signed requests to an app's `/slack/events`. */
export class SlackRequester {
  private readonly now: () => number;
  private readonly path: string;
  private readonly opts: Required<Omit<RequesterOptions, 'now' | 'path'>>;

  constructor(
    private readonly baseUrl: string,
    private readonly signingSecret: string,
    opts: RequesterOptions = {},
  ) {
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.path = opts.path ?? '/slack/events';
    this.opts = {
      teamId: opts.teamId ?? DEFAULTS.teamId,
      teamDomain: opts.teamDomain ?? DEFAULTS.teamDomain,
      apiAppId: opts.apiAppId ?? DEFAULTS.apiAppId,
      botUserId: opts.botUserId ?? DEFAULTS.botUserId,
      responseUrlBase: opts.responseUrlBase ?? DEFAULTS.responseUrlBase,
    };
  }

  slashCommand(input: SlashCommandInput): Promise<SlackHttpResponse> {
    const body = buildSlashCommandBody(
      { team_id: this.opts.teamId, team_domain: this.opts.teamDomain, api_app_id: this.opts.apiAppId, ...input },
      { responseUrlBase: this.opts.responseUrlBase },
    );
    return this.raw({ body, contentType: 'application/x-www-form-urlencoded' });
  }

  /** Any interactivity payload (block_actions, view_submission, view_closed, shortcut...). */
  interaction(payload: object): Promise<SlackHttpResponse> {
    let p = payload as Obj;
    // A requester for another workspace: payloads built with the default team say which one it is.
    if (this.opts.teamId !== DEFAULTS.teamId && (p.team as Obj | undefined)?.id === DEFAULTS.teamId) {
      const team = this.opts.teamId;
      p = {
        ...p,
        team: { ...(p.team as Obj), id: team },
        ...(p.user ? { user: { ...(p.user as Obj), team_id: team } } : {}),
        ...(p.view ? { view: { ...(p.view as Obj), team_id: team, app_installed_team_id: team } } : {}),
      };
      payload = p;
    }
    // Point generated response_urls at the configured base (the builders default to hooks.slack.com).
    if (typeof p.response_url === 'string' && p.response_url.startsWith(DEFAULTS.responseUrlBase) && this.opts.responseUrlBase !== DEFAULTS.responseUrlBase) {
      payload = { ...p, response_url: this.opts.responseUrlBase + p.response_url.slice(DEFAULTS.responseUrlBase.length) };
    }
    return this.raw({ body: formEncode([['payload', JSON.stringify(payload)]]), contentType: 'application/x-www-form-urlencoded' });
  }

  blockActions(payload: object): Promise<SlackHttpResponse> {
    return this.interaction(payload);
  }

  viewSubmission(payload: object): Promise<SlackHttpResponse> {
    return this.interaction(payload);
  }

  /**
   * An Events API `event_callback` (JSON), modelled on test/fixtures/reaction_added.event_callback.json.
   * `retryNum` adds Slack's X-Slack-Retry-Num / X-Slack-Retry-Reason headers for redelivery tests.
   */
  event(event: object, opts: { eventId?: string; retryNum?: number; retryReason?: string } = {}): Promise<SlackHttpResponse> {
    const nowSec = this.now();
    const ev = event as Obj;
    const envelope = {
      token: 'verification_token',
      team_id: this.opts.teamId,
      api_app_id: this.opts.apiAppId,
      event: { event_ts: `${nowSec}.${String(nextSeq()).padStart(6, '0')}`, ...ev },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${String(nextSeq()).padStart(9, '0')}`,
      event_time: nowSec,
      authorizations: [{ enterprise_id: null, team_id: this.opts.teamId, user_id: this.opts.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-fake-${nextSeq()}`,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(opts.retryNum);
      headers['X-Slack-Retry-Reason'] = opts.retryReason ?? 'http_timeout';
    }
    return this.raw({ body: JSON.stringify(envelope), contentType: 'application/json', headers });
  }

  /** The Events API URL handshake. */
  urlVerification(challenge: string): Promise<SlackHttpResponse> {
    return this.raw({
      body: JSON.stringify({ token: 'verification_token', challenge, type: 'url_verification' }),
      contentType: 'application/json',
    });
  }

  /** Sends an arbitrary body; override timestamp/signature to test tampered or stale requests. */
  async raw(req: RawRequest): Promise<SlackHttpResponse> {
    const timestamp = req.timestamp === undefined ? this.now() : req.timestamp;
    const headers: Record<string, string> = {
      'Content-Type': req.contentType,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...req.headers,
    };
    if (timestamp !== null) headers['X-Slack-Request-Timestamp'] = String(timestamp);
    const signature = req.signature === undefined ? signSlackRequest(this.signingSecret, timestamp ?? '', req.body) : req.signature;
    if (signature !== null) headers['X-Slack-Signature'] = signature;

    const started = performance.now();
    const res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${this.path}`, { method: 'POST', headers, body: req.body });
    const body = await res.text();
    const ms = performance.now() - started;
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { status: res.status, body, json, headers: Object.fromEntries(res.headers.entries()), ms };
  }
}
