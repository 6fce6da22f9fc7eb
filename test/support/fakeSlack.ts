/**
 * A fake of Slack's Web API for tests: a real HTTP server on 127.0.0.1 (ephemeral port) that a
 * `WebClient` can be pointed at with `slackApiUrl: fake.url`. It answers like Slack (HTTP 200 with
 * `{ok:true,...}` / `{ok:false,error}`, 429 with Retry-After, `x-oauth-scopes` on every response), keeps
 * messages, views and triggers in memory, validates Block Kit, and records every call for assertions.
 *
 * Behaviour and error codes follow Slack's method specs (copied from /work/shared/slack/slack-api-ref);
 * nothing here is read at run time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

// ---------------------------------------------------------------------------------------------------------
// Block Kit validation
//
// Real Slack rejects bad blocks with `invalid_blocks` (messages) or `invalid_arguments` (views) and a list
// of messages in `response_metadata.messages`, each shaped like
//   "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]".
// We reproduce that shape so failures in tests read like failures in production logs. The limits are the
// ones in SPEC "Slack platform facts" plus documented Block Kit reference limits. This is not a full
// schema, but it covers what a bot typically gets wrong: lengths, counts, ids, types, required fields.
// ---------------------------------------------------------------------------------------------------------

export type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

export const KNOWN_BLOCK_TYPES = ['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text'] as const;

/** Elements allowed as a section accessory. */
const ACCESSORY_ELEMENTS = new Set([
  'button', 'checkboxes', 'datepicker', 'image', 'multi_static_select', 'multi_external_select', 'multi_users_select',
  'multi_conversations_select', 'multi_channels_select', 'overflow', 'radio_buttons', 'static_select', 'external_select',
  'users_select', 'conversations_select', 'channels_select', 'timepicker', 'workflow_button',
]);
/** Elements allowed in an actions block. */
const ACTIONS_ELEMENTS = new Set([
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'multi_static_select', 'multi_external_select',
  'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'overflow', 'radio_buttons',
  'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select', 'timepicker',
  'workflow_button', 'rich_text_input',
]);
/** Elements allowed as the element of an input block. */
const INPUT_ELEMENTS = new Set([
  'plain_text_input', 'email_text_input', 'url_text_input', 'number_input', 'checkboxes', 'radio_buttons', 'datepicker',
  'timepicker', 'datetimepicker', 'static_select', 'external_select', 'users_select', 'conversations_select',
  'channels_select', 'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select',
  'multi_channels_select', 'rich_text_input', 'file_input',
]);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects Slack-style error messages. */
class Issues {
  readonly list: string[] = [];
  add(pointer: string, message: string): void {
    this.list.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }
}

function tooLong(max: number): string {
  return `must be less than ${max + 1} characters`;
}
function tooMany(max: number): string {
  return `no more than ${max} items allowed`;
}

/** A string field with a maximum length; `required` reports a missing field on the parent pointer. */
function checkString(iss: Issues, parent: Obj, key: string, ptr: string, max: number, required = false): void {
  const v = parent[key];
  if (v === undefined || v === null) {
    if (required) iss.add(ptr, `missing required field: ${key}`);
    return;
  }
  if (typeof v !== 'string') {
    iss.add(`${ptr}/${key}`, 'must be a string');
    return;
  }
  if (required && v.length === 0) iss.add(`${ptr}/${key}`, 'must be more than 0 characters');
  if (v.length > max) iss.add(`${ptr}/${key}`, tooLong(max));
}

/**
 * A text object ({type: plain_text|mrkdwn, text}). `plainOnly` for places where Slack only accepts
 * plain_text (header, button, labels, modal title...).
 */
function checkTextObject(iss: Issues, v: unknown, ptr: string, max: number, plainOnly: boolean): void {
  if (!isObj(v)) {
    iss.add(ptr, 'must be a text object');
    return;
  }
  const type = v.type;
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    iss.add(`${ptr}/type`, 'must be a valid enum value (plain_text or mrkdwn)');
  } else if (plainOnly && type !== 'plain_text') {
    iss.add(`${ptr}/type`, 'must be plain_text');
  }
  if (typeof v.text !== 'string') {
    iss.add(ptr, 'missing required field: text');
    return;
  }
  if (v.text.length === 0) iss.add(`${ptr}/text`, 'must be more than 0 characters');
  if (v.text.length > max) iss.add(`${ptr}/text`, tooLong(max));
}

function checkOptionalText(iss: Issues, parent: Obj, key: string, ptr: string, max: number, plainOnly: boolean): void {
  if (parent[key] !== undefined && parent[key] !== null) checkTextObject(iss, parent[key], `${ptr}/${key}`, max, plainOnly);
}

function checkRequiredText(iss: Issues, parent: Obj, key: string, ptr: string, max: number, plainOnly: boolean): void {
  if (parent[key] === undefined || parent[key] === null) iss.add(ptr, `missing required field: ${key}`);
  else checkTextObject(iss, parent[key], `${ptr}/${key}`, max, plainOnly);
}

/** An array field with min/max item counts; returns the array (or undefined when absent/invalid). */
function checkArray(iss: Issues, parent: Obj, key: string, ptr: string, min: number, max: number, required: boolean): unknown[] | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    if (required) iss.add(ptr, `missing required field: ${key}`);
    return undefined;
  }
  if (!Array.isArray(v)) {
    iss.add(`${ptr}/${key}`, 'must be an array');
    return undefined;
  }
  if (v.length < min) iss.add(`${ptr}/${key}`, `must provide at least ${min} items`);
  if (v.length > max) iss.add(`${ptr}/${key}`, tooMany(max));
  return v;
}

/** An option object (selects, overflow, checkboxes, radio buttons). */
function checkOption(iss: Issues, v: unknown, ptr: string, allowMrkdwn: boolean): void {
  if (!isObj(v)) {
    iss.add(ptr, 'must be an option object');
    return;
  }
  checkRequiredText(iss, v, 'text', ptr, 75, !allowMrkdwn);
  checkString(iss, v, 'value', ptr, 150, true);
  checkOptionalText(iss, v, 'description', ptr, 75, !allowMrkdwn);
  checkString(iss, v, 'url', ptr, 3000);
}

function checkOptions(iss: Issues, el: Obj, ptr: string, min: number, max: number, allowMrkdwn: boolean): void {
  const options = checkArray(iss, el, 'options', ptr, min, max, true);
  options?.forEach((o, i) => checkOption(iss, o, `${ptr}/options/${i}`, allowMrkdwn));
}

function checkConfirm(iss: Issues, el: Obj, ptr: string): void {
  const c = el.confirm;
  if (c === undefined) return;
  const p = `${ptr}/confirm`;
  if (!isObj(c)) {
    iss.add(p, 'must be a confirmation dialog object');
    return;
  }
  checkRequiredText(iss, c, 'title', p, 100, true);
  checkRequiredText(iss, c, 'text', p, 300, false);
  checkRequiredText(iss, c, 'confirm', p, 30, true);
  checkRequiredText(iss, c, 'deny', p, 30, true);
}

/** One interactive (or image) element. `allowed` is the set of element types valid in this position. */
function checkElement(iss: Issues, el: unknown, ptr: string, allowed: Set<string>, where: string): void {
  if (!isObj(el)) {
    iss.add(ptr, 'must be an element object');
    return;
  }
  const type = el.type;
  if (typeof type !== 'string' || !allowed.has(type)) {
    iss.add(`${ptr}/type`, `must be a valid enum value (element type ${JSON.stringify(type)} is not allowed in ${where})`);
    return;
  }
  if (type !== 'image') checkString(iss, el, 'action_id', ptr, 255);
  checkConfirm(iss, el, ptr);
  checkOptionalText(iss, el, 'placeholder', ptr, 150, true);

  switch (type) {
    case 'button':
      checkRequiredText(iss, el, 'text', ptr, 75, true);
      checkString(iss, el, 'value', ptr, 2000);
      checkString(iss, el, 'url', ptr, 3000);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        iss.add(`${ptr}/style`, 'must be a valid enum value (primary or danger)');
      }
      break;
    case 'static_select':
    case 'multi_static_select': {
      if (el.options === undefined && el.option_groups === undefined) {
        iss.add(ptr, 'missing required field: options');
      }
      if (el.options !== undefined) checkOptions(iss, el, ptr, 1, 100, false);
      const groups = checkArray(iss, el, 'option_groups', ptr, 1, 100, false);
      groups?.forEach((g, gi) => {
        const gp = `${ptr}/option_groups/${gi}`;
        if (!isObj(g)) return iss.add(gp, 'must be an option group object');
        checkRequiredText(iss, g, 'label', gp, 75, true);
        checkOptions(iss, g, gp, 1, 100, false);
      });
      if (el.initial_option !== undefined) checkOption(iss, el.initial_option, `${ptr}/initial_option`, false);
      break;
    }
    case 'overflow':
      checkOptions(iss, el, ptr, 1, 5, false);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(iss, el, ptr, 1, 10, true);
      break;
    case 'plain_text_input':
      for (const key of ['max_length', 'min_length'] as const) {
        const n = el[key];
        if (n === undefined) continue;
        if (typeof n !== 'number' || !Number.isInteger(n)) iss.add(`${ptr}/${key}`, 'must be an integer');
        else if (n > 3000) iss.add(`${ptr}/${key}`, 'must be less than or equal to 3000');
        else if (key === 'max_length' && n < 1) iss.add(`${ptr}/${key}`, 'must be greater than or equal to 1');
        else if (n < 0) iss.add(`${ptr}/${key}`, 'must be greater than or equal to 0');
      }
      if (typeof el.min_length === 'number' && typeof el.max_length === 'number' && el.min_length > el.max_length) {
        iss.add(`${ptr}/min_length`, 'must be less than or equal to max_length');
      }
      if (typeof el.initial_value === 'string' && typeof el.max_length === 'number' && el.initial_value.length > el.max_length) {
        iss.add(`${ptr}/initial_value`, tooLong(el.max_length));
      }
      break;
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        iss.add(`${ptr}/initial_date`, 'must match format YYYY-MM-DD');
      }
      break;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
        iss.add(`${ptr}/initial_time`, 'must match format HH:mm');
      }
      break;
    case 'image':
      if (el.image_url === undefined && el.slack_file === undefined) iss.add(ptr, 'missing required field: image_url');
      checkString(iss, el, 'image_url', ptr, 3000);
      checkString(iss, el, 'alt_text', ptr, 2000, true);
      break;
    default:
      break;
  }
}

function checkBlock(iss: Issues, block: unknown, ptr: string, seenBlockIds: Set<string>): { isInput: boolean } {
  if (!isObj(block)) {
    iss.add(ptr, 'must be a block object');
    return { isInput: false };
  }
  const type = block.type;
  if (typeof type !== 'string' || !(KNOWN_BLOCK_TYPES as readonly string[]).includes(type)) {
    iss.add(`${ptr}/type`, `must be a valid enum value (unknown block type ${JSON.stringify(type)})`);
    return { isInput: false };
  }
  if (block.block_id !== undefined) {
    checkString(iss, block, 'block_id', ptr, 255);
    if (typeof block.block_id === 'string') {
      if (seenBlockIds.has(block.block_id)) iss.add(`${ptr}/block_id`, `duplicate block_id: ${block.block_id}`);
      seenBlockIds.add(block.block_id);
    }
  }

  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) iss.add(ptr, 'missing required field: text');
      checkOptionalText(iss, block, 'text', ptr, 3000, false);
      const fields = checkArray(iss, block, 'fields', ptr, 1, 10, false);
      fields?.forEach((f, i) => checkTextObject(iss, f, `${ptr}/fields/${i}`, 2000, false));
      if (block.accessory !== undefined) checkElement(iss, block.accessory, `${ptr}/accessory`, ACCESSORY_ELEMENTS, 'a section accessory');
      break;
    }
    case 'header':
      checkRequiredText(iss, block, 'text', ptr, 150, true);
      break;
    case 'divider':
      break;
    case 'context': {
      const elements = checkArray(iss, block, 'elements', ptr, 1, 10, true);
      elements?.forEach((el, i) => {
        const p = `${ptr}/elements/${i}`;
        if (isObj(el) && el.type === 'image') checkElement(iss, el, p, new Set(['image']), 'a context block');
        else checkTextObject(iss, el, p, 3000, false);
      });
      break;
    }
    case 'actions': {
      const elements = checkArray(iss, block, 'elements', ptr, 1, 25, true);
      const actionIds = new Set<string>();
      elements?.forEach((el, i) => {
        const p = `${ptr}/elements/${i}`;
        checkElement(iss, el, p, ACTIONS_ELEMENTS, 'an actions block');
        // Slack requires action_ids to be unique within the block.
        if (isObj(el) && typeof el.action_id === 'string') {
          if (actionIds.has(el.action_id)) iss.add(`${p}/action_id`, `duplicate action_id: ${el.action_id}`);
          actionIds.add(el.action_id);
        }
      });
      break;
    }
    case 'input':
      checkRequiredText(iss, block, 'label', ptr, 2000, true);
      checkOptionalText(iss, block, 'hint', ptr, 2000, true);
      if (block.element === undefined) iss.add(ptr, 'missing required field: element');
      else checkElement(iss, block.element, `${ptr}/element`, INPUT_ELEMENTS, 'an input block');
      return { isInput: true };
    case 'image':
      if (block.image_url === undefined && block.slack_file === undefined) iss.add(ptr, 'missing required field: image_url');
      checkString(iss, block, 'image_url', ptr, 3000);
      checkString(iss, block, 'alt_text', ptr, 2000, true);
      checkOptionalText(iss, block, 'title', ptr, 2000, true);
      break;
    case 'rich_text':
      checkArray(iss, block, 'elements', ptr, 0, Number.MAX_SAFE_INTEGER, true);
      break;
  }
  return { isInput: false };
}

function checkBlockList(iss: Issues, blocks: unknown, ptr: string, surface: Surface): { hasInput: boolean } {
  if (!Array.isArray(blocks)) {
    iss.add(ptr, 'must be an array');
    return { hasInput: false };
  }
  const max = MAX_BLOCKS[surface];
  if (blocks.length > max) iss.add(ptr, tooMany(max));
  const seen = new Set<string>();
  let hasInput = false;
  blocks.forEach((b, i) => {
    if (checkBlock(iss, b, `${ptr}/${i}`, seen).isInput) hasInput = true;
  });
  return { hasInput };
}

/**
 * Validates a `blocks` array for the given surface. Pointers are relative to the message (`/blocks/...`).
 * Returns Slack-style messages; an empty list means valid.
 */
export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const iss = new Issues();
  checkBlockList(iss, blocks, '/blocks', surface);
  return iss.list;
}

/**
 * Validates a view payload (modal or home tab) as views.open/push/update/publish would. Pointers are
 * relative to the request (`/view/...`). Returns Slack-style messages; an empty list means valid.
 */
export function validateView(view: unknown): string[] {
  const iss = new Issues();
  const ptr = '/view';
  if (!isObj(view)) {
    iss.add(ptr, 'must be a view object');
    return iss.list;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    iss.add(`${ptr}/type`, 'must be a valid enum value (modal or home)');
    return iss.list;
  }
  if (view.blocks === undefined) iss.add(ptr, 'missing required field: blocks');
  const { hasInput } = view.blocks === undefined ? { hasInput: false } : checkBlockList(iss, view.blocks, `${ptr}/blocks`, type);
  if (type === 'modal') {
    checkRequiredText(iss, view, 'title', ptr, 24, true);
    checkOptionalText(iss, view, 'submit', ptr, 24, true);
    checkOptionalText(iss, view, 'close', ptr, 24, true);
    // Slack refuses a modal that collects input but has no way to submit it.
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      iss.add(ptr, 'must provide a submit property when using input blocks');
    }
  }
  checkString(iss, view, 'private_metadata', ptr, 3000);
  checkString(iss, view, 'callback_id', ptr, 255);
  checkString(iss, view, 'external_id', ptr, 255);
  return iss.list;
}

// ---------------------------------------------------------------------------------------------------------
// Fake Web API server
// ---------------------------------------------------------------------------------------------------------

export const DEFAULT_TOKEN = 'xoxb-test-token';
export const DEFAULT_BOT_USER_ID = 'UBOT';
export const DEFAULT_TEAM_ID = 'T0001';
export const DEFAULT_BOT_ID = 'B0001';
export const DEFAULT_APP_ID = 'A0001';
/** What a typical install of the bot is granted (see the app manifest). */
export const DEFAULT_SCOPES: readonly string[] = [
  'commands', 'chat:write', 'im:write', 'im:history', 'reactions:read', 'users:read', 'channels:read', 'groups:read',
  'files:write', 'channels:history', 'groups:history',
];
/** A trigger_id lives 3 seconds (SPEC "Slack platform facts"). */
export const TRIGGER_TTL_MS = 3000;
/** Slack's views can be pushed at most 3 deep. */
const MAX_VIEW_STACK = 3;
/** views.* refuse payloads larger than 250 kB. */
const MAX_VIEW_BYTES = 250 * 1024;

export interface FakeSlackOptions {
  botUserId?: string;
  teamId?: string;
  botId?: string;
  appId?: string;
  /** The only bot token the fake accepts (default 'xoxb-test-token'). */
  token?: string;
  /** Scopes reported in `x-oauth-scopes` and enforced per method (default DEFAULT_SCOPES). */
  scopes?: readonly string[];
  /** Channel ids for which chat.* and conversations.* answer `channel_not_found`. */
  unknownChannels?: Iterable<string>;
  /** Clock in milliseconds; also settable later through `fake.now`. */
  now?: () => number;
}

/** What `failNext` injects instead of the real answer. */
export type InjectedFailure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface RecordedCall {
  method: string;
  /** Request arguments; JSON-encoded form fields (blocks, view, metadata, attachments) are parsed back. */
  args: Record<string, unknown>;
  /** The token the request carried (Authorization header or `token` field), kept out of `args`. */
  token: string | undefined;
  /** The workspace the token belongs to (undefined for an unknown token or none). */
  team?: string;
  /** fake.now() when the request arrived. */
  at: number;
  /** HTTP status sent back (0 while the request is still being handled). */
  status: number;
  /** The JSON body sent back (or the plain-text body of an injected 500). */
  response: unknown;
}

export interface MessageVersion {
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata: MessageMetadata | undefined;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata: MessageMetadata | undefined;
  thread_ts: string | undefined;
  /** Author: the bot user for chat.postMessage, or whoever `addMessage` was given. */
  user: string;
  bot_id: string | undefined;
  /** How many times chat.update changed this message. */
  editCount: number;
  /** Set by chat.update, as Slack shows it: who edited and when. */
  edited: { user: string; ts: string } | undefined;
  /** Earlier versions, oldest first (one entry per chat.update). */
  history: MessageVersion[];
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  message_ts: string;
}

/** A view as Slack returns it from views.* (and sends in interaction payloads). */
export type SlackView = Record<string, unknown> & {
  id: string;
  hash: string;
  type: string;
  blocks: unknown[];
  callback_id: string;
  private_metadata: string;
  external_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  root_view_id: string;
  previous_view_id: string | null;
};

export interface StoredView {
  id: string;
  /** The user the view was opened for (from the trigger_id or views.publish user_id). */
  userId: string | undefined;
  /** Latest state, exactly as the last views.* response returned it. */
  view: SlackView;
  /** How many times views.update / views.publish replaced it. */
  updates: number;
  openedBy: 'views.open' | 'views.push' | 'views.publish';
}

/** Input to `setUser`: every field optional; anything extra is copied onto the user object. */
export interface FakeUserInput {
  name?: string;
  real_name?: string;
  tz?: string;
  tz_label?: string;
  tz_offset?: number;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  locale?: string;
  email?: string;
  [extra: string]: unknown;
}

export interface RateLimitOptions {
  /** Sustained requests per second per channel (default 1, Slack's chat.postMessage guidance). */
  perChannelPerSecond?: number;
  /** Bucket size (default = perChannelPerSecond). */
  burst?: number;
}

/** Slack-style API failure, turned into `{ ok: false, error, ...extra }` with HTTP 200. */
class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

function invalidArguments(messages: string[]): ApiError {
  return new ApiError('invalid_arguments', { response_metadata: { messages } });
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

interface TriggerRecord {
  userId: string | undefined;
  issuedAt: number;
  exchanged: boolean;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Fields the WebClient JSON-stringifies in form bodies (any non-scalar argument). */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

/**
 * Bot scopes each method needs (any one of the list), from slack-api-ref. Methods not listed need none.
 * conversations.history depends on the kind of conversation, so it is a function of the channel id.
 */
const METHOD_SCOPES: Record<string, (args: Record<string, unknown>) => string[]> = {
  'chat.postMessage': () => ['chat:write'],
  'files.getUploadURLExternal': () => ['files:write'],
  'files.completeUploadExternal': () => ['files:write'],
  'files.delete': () => ['files:write'],
  'chat.update': () => ['chat:write'],
  'chat.postEphemeral': () => ['chat:write'],
  'conversations.open': () => ['channels:manage', 'groups:write', 'im:write', 'mpim:write'],
  'users.info': () => ['users:read'],
  'conversations.history': (args) => {
    const ch = typeof args.channel === 'string' ? args.channel : '';
    if (ch.startsWith('D')) return ['im:history'];
    if (ch.startsWith('G')) return ['groups:history', 'mpim:history'];
    return ['channels:history'];
  },
};

function str(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Form bodies carry booleans as strings ("true"/"1"). */
function bool(args: Record<string, unknown>, key: string): boolean {
  const v = args[key];
  return v === true || v === 1 || v === 'true' || v === '1';
}

function num(args: Record<string, unknown>, key: string): number | undefined {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Slack ts "1700000000.000100" → microseconds, for exact comparisons (a double would lose digits). */
function tsToMicros(ts: string): bigint | undefined {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!m) return undefined;
  return BigInt(m[1]!) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'));
}

function microsToTs(micros: bigint): string {
  return `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T);
}

/** Random base62-ish id like Slack's generated block_ids ("hspI") and action_ids. */
function randomId(len: number): string {
  return randomBytes(len * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, len).padEnd(len, 'x');
}

/**
 * Slack fills in block_id (and action_id of interactive elements) when the app leaves them out, with
 * random values that change on every update. Reproducing that keeps tests honest about code that reads
 * state.values by block_id without setting one.
 */
function withGeneratedIds(blocks: unknown[]): unknown[] {
  return blocks.map((b) => {
    if (!isObj(b)) return b;
    const block: Obj = { ...b };
    if (block.block_id === undefined) block.block_id = randomId(5);
    const fillAction = (el: unknown): unknown =>
      isObj(el) && el.type !== 'image' && el.action_id === undefined ? { ...el, action_id: randomId(5) } : el;
    if (block.type === 'input' && block.element !== undefined) block.element = fillAction(block.element);
    if (block.type === 'actions' && Array.isArray(block.elements)) block.elements = block.elements.map(fillAction);
    if (block.type === 'section' && block.accessory !== undefined) block.accessory = fillAction(block.accessory);
    return block;
  });
}

/** UTC offset (seconds) and long name of an IANA zone at a given instant, for users.info. */
function zoneInfo(tz: string, at: number): { offset: number; label: string } {
  try {
    const part = (style: 'longOffset' | 'long') =>
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
        .formatToParts(new Date(at))
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
    const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    return { offset, label: part('long') };
  } catch {
    return { offset: 0, label: 'Coordinated Universal Time' };
  }
}

/** The file bytes of an upload: the WebClient sends them as the single part of a multipart form. */
function uploadedContent(contentType: string, raw: string): string {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!contentType.startsWith('multipart/form-data') || !boundary) return raw;
  for (const part of raw.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = part.slice(0, headerEnd);
    if (!/content-disposition/i.test(headers)) continue;
    return part.slice(headerEnd + 4).replace(/\r\n$/, '');
  }
  return raw;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a Web API request body the way Slack does: form (the WebClient default) or JSON. */
function parseArgs(contentType: string, raw: string, query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of query) args[k] = v;
  if (contentType.startsWith('application/json')) {
    if (raw.trim() === '') return args;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ApiError('invalid_json');
    }
    if (!isObj(parsed)) throw new ApiError('json_not_object');
    return { ...args, ...parsed };
  }
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        args[k] = JSON.parse(v);
      } catch {
        args[k] = v; // keep the broken string; validation reports it like Slack would
      }
    } else {
      args[k] = v;
    }
  }
  return args;
}

function checkMetadata(metadata: unknown): MessageMetadata | undefined {
  if (metadata === undefined) return undefined;
  if (!isObj(metadata) || typeof metadata.event_type !== 'string' || metadata.event_type === '' || !isObj(metadata.event_payload)) {
    throw new ApiError('invalid_metadata_format');
  }
  return { event_type: metadata.event_type, event_payload: metadata.event_payload };
}

function checkMessageBlocks(blocks: unknown): unknown[] | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) throw new ApiError('invalid_blocks_format');
  const messages = validateBlocks(blocks, 'message');
  if (messages.length > 0) {
    throw new ApiError('invalid_blocks', {
      errors: messages.map((m) => m.replace(/^\[ERROR\] /, '')),
      response_metadata: { messages },
    });
  }
  return blocks;
}

function checkViewPayload(view: unknown, allowedTypes: string[]): Obj {
  if (!isObj(view)) throw invalidArguments(['[ERROR] failed to match all allowed schemas [json-pointer:/view]']);
  if (JSON.stringify(view).length > MAX_VIEW_BYTES) throw new ApiError('view_too_large');
  if (!allowedTypes.includes(String(view.type))) {
    throw invalidArguments([`[ERROR] must be a valid enum value (${allowedTypes.join(' or ')}) [json-pointer:/view/type]`]);
  }
  const messages = validateView(view);
  if (messages.length > 0) throw invalidArguments(messages);
  return view;
}

/**
 * A fake of Slack's Web API. Create with `startFakeSlack()`; point a WebClient at `fake.url`.
 * All state is in memory and inspectable; nothing reaches the network beyond 127.0.0.1.
 */
export class FakeSlack {
  /** Base URL for `new WebClient(token, { slackApiUrl })`, ends with '/api/'. */
  url = '';
  /** http://127.0.0.1:PORT */
  origin = '';
  /**
   * Base for response_url values (e.g. SlackRequester's `responseUrlBase`): POSTs under it are recorded as
   * calls to the pseudo-method 'response_url' and answered `{ok:true}`, so Bolt's respond() stays local.
   */
  responseUrlBase = '';

  /** The clock (ms) used for trigger expiry, call timestamps, message ts and rate limiting. */
  now: () => number;
  token: string;
  scopes: string[];
  readonly unknownChannels: Set<string>;
  /** Channels that exist but the bot is not a member of: chat.postMessage answers not_in_channel. */
  readonly notMemberOf = new Set<string>();
  readonly botUserId: string;
  readonly teamId: string;
  readonly botId: string;
  readonly appId: string;

  readonly calls: RecordedCall[] = [];

  private readonly server: Server;
  private readonly handlers: Record<string, Handler>;
  private readonly failures = new Map<string, Array<{ failure: InjectedFailure; remaining: number }>>();
  private readonly latencies = new Map<string, number>();
  private readonly hangs: Array<{ method: string; when: (args: Record<string, unknown>) => boolean; afterHandling: boolean }> = [];
  private readonly rateLimits = new Map<string, Required<RateLimitOptions>>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly users = new Map<string, FakeUserInput>();
  private readonly messageStore = new Map<string, StoredMessage[]>();
  private readonly ephemeralStore: EphemeralMessage[] = [];
  private readonly openedDms = new Set<string>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly viewStore = new Map<string, StoredView>();
  private readonly viewStacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private lastTsMicros = 0n;
  private counter = 0;

  constructor(opts: FakeSlackOptions = {}) {
    this.botUserId = opts.botUserId ?? DEFAULT_BOT_USER_ID;
    this.teamId = opts.teamId ?? DEFAULT_TEAM_ID;
    this.botId = opts.botId ?? DEFAULT_BOT_ID;
    this.appId = opts.appId ?? DEFAULT_APP_ID;
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.scopes = [...(opts.scopes ?? DEFAULT_SCOPES)];
    this.unknownChannels = new Set(opts.unknownChannels ?? []);
    this.now = opts.now ?? (() => Date.now());
    this.handlers = {
      'auth.test': () => this.authTest(),
      'oauth.v2.access': (a) => this.oauthV2Access(a),
      'chat.postMessage': (a) => this.postMessage(a),
      'chat.update': (a) => this.update(a),
      'chat.postEphemeral': (a) => this.postEphemeral(a),
      'conversations.open': (a) => this.conversationsOpen(a),
      'conversations.history': (a) => this.history(a),
      'users.info': (a) => this.usersInfo(a),
      'views.open': (a) => this.viewsOpen(a),
      'views.push': (a) => this.viewsPush(a),
      'views.update': (a) => this.viewsUpdate(a),
      'views.publish': (a) => this.viewsPublish(a),
      'apps.connections.open': () => this.appsConnectionsOpen(),
      'files.getUploadURLExternal': (a) => this.filesGetUploadUrl(a),
      'files.completeUploadExternal': (a) => this.filesComplete(a),
      'files.delete': (a) => this.filesDelete(a),
    };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A bug in the fake itself: answer 500 so the test fails loudly rather than hanging.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake slack crashed: ${err instanceof Error ? err.stack : String(err)}`);
      });
    });
  }

  /**
   * Where `apps.connections.open` sends a Socket Mode client (a test's WebSocket server); it is
   * called with an app-level token, so any `xapp-` token is accepted for it.
   */
  socketModeUrl: string | undefined;
  readonly appToken = 'xapp-1-test-app-token';

  private appsConnectionsOpen(): Record<string, unknown> {
    if (!this.socketModeUrl) throw new ApiError('internal_error');
    return { url: this.socketModeUrl };
  }

  /** Files shared with files.uploadV2 (steps 1-3 completed), in order. */
  readonly files: Array<{ id: string; filename: string; title?: string; channel: string; content: string; initialComment?: string }> = [];
  private readonly pendingUploads = new Map<string, { filename: string; length: number; content?: string }>();
  private fileSeq = 0;

  private filesGetUploadUrl(args: Record<string, unknown>): Record<string, unknown> {
    const filename = str(args, 'filename');
    const length = Number(args.length);
    if (!filename || !Number.isFinite(length) || length <= 0) throw new ApiError('invalid_arguments');
    this.fileSeq += 1;
    const id = `F${String(this.fileSeq).padStart(9, '0')}`;
    this.pendingUploads.set(id, { filename, length });
    return { upload_url: `${this.origin}/upload/${id}`, file_id: id };
  }

  private filesComplete(args: Record<string, unknown>): Record<string, unknown> {
    const list = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{ id: string; title?: string }>;
    const channel = str(args, 'channel_id');
    if (!Array.isArray(list) || list.length === 0) throw new ApiError('invalid_arguments');
    if (channel && this.unknownChannels.has(channel)) throw new ApiError('channel_not_found');
    const done = list.map((f) => {
      const pending = this.pendingUploads.get(f.id);
      if (!pending || pending.content === undefined) throw new ApiError('file_not_found');
      this.pendingUploads.delete(f.id);
      const file = { id: f.id, filename: pending.filename, title: f.title, channel: channel ?? '', content: pending.content, initialComment: str(args, 'initial_comment') };
      this.files.push(file);
      return { id: f.id, title: f.title ?? pending.filename, name: pending.filename };
    });
    return { files: done };
  }

  /** files.delete: the file is gone from the workspace (file_not_found if it never existed or is gone). */
  private filesDelete(args: Record<string, unknown>): Record<string, unknown> {
    const id = str(args, 'file');
    const at = this.files.findIndex((f) => f.id === id);
    if (!id || at < 0) throw new ApiError('file_not_found');
    this.files.splice(at, 1);
    return {};
  }

  /** @internal used by startFakeSlack */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api/`;
    this.responseUrlBase = `${this.origin}/hooks`;
  }

  async close(): Promise<void> {
    // Drop keep-alive sockets so close() does not wait for the client's idle timeout.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ----- test controls -------------------------------------------------------------------------------

  /** Makes the next `times` calls to `method` ('*' = any method) fail as described. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ failure, remaining: times });
    this.failures.set(method, queue);
  }

  /**
   * The next call to `method` whose arguments match `when` gets no answer at all. It stores nothing,
   * unless `afterHandling`: then Slack does the work (the message is posted) and only the answer is lost.
   */
  hangNext(method: string, when: (args: Record<string, unknown>) => boolean = () => true, opts: { afterHandling?: boolean } = {}): void {
    this.hangs.push({ method, when, afterHandling: opts.afterHandling ?? false });
  }

  /**
   * Every call to `method` takes `ms` before Slack handles it (a slow network or a busy Slack): a
   * message is only in the channel's history once that time has passed.
   */
  latency(method: string, ms: number): void {
    this.latencies.set(method, ms);
  }

  /** Token-bucket rate limit per channel for `method`; beyond it the fake answers HTTP 429. */
  rateLimit(method: string, opts: RateLimitOptions = {}): void {
    const perChannelPerSecond = opts.perChannelPerSecond ?? 1;
    this.rateLimits.set(method, { perChannelPerSecond, burst: opts.burst ?? Math.max(1, perChannelPerSecond) });
  }

  /** Creates or updates a user for users.info. Unset fields get realistic defaults (tz Europe/Amsterdam). */
  setUser(id: string, patch: FakeUserInput = {}): Record<string, unknown> {
    this.users.set(id, { ...this.users.get(id), ...patch });
    return this.userObject(id);
  }

  /**
   * Issues a trigger_id as Slack does when a user clicks/submits/runs a command. Pass the user so that
   * views.open/push know whose view stack they act on. Valid for TRIGGER_TTL_MS, single use.
   */
  issueTriggerId(userId?: string): string {
    const id = `${Math.floor(this.now() / 1000)}${++this.counter}.${100000 + Math.floor(Math.random() * 900000)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { userId, issuedAt: this.now(), exchanged: false });
    return id;
  }

  /** Seeds a message (e.g. a user's reply) that conversations.history will return. Returns it. */
  addMessage(channel: string, msg: { user: string; text?: string; blocks?: unknown[]; ts?: string; thread_ts?: string; metadata?: MessageMetadata }): StoredMessage {
    const stored: StoredMessage = {
      channel,
      ts: msg.ts ?? this.nextTs(),
      text: msg.text,
      blocks: msg.blocks,
      metadata: msg.metadata,
      thread_ts: msg.thread_ts,
      user: msg.user,
      bot_id: undefined,
      editCount: 0,
      edited: undefined,
      history: [],
    };
    this.storeMessage(stored);
    return stored;
  }

  /** Clears calls, injected failures, rate limits, messages, views and triggers. Keeps users and config. */
  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
    this.rateLimits.clear();
    this.buckets.clear();
    this.messageStore.clear();
    this.ephemeralStore.length = 0;
    this.openedDms.clear();
    this.triggers.clear();
    this.viewStore.clear();
    this.viewStacks.clear();
    this.homes.clear();
  }

  // ----- inspection ----------------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Messages Slack accepted (chat.postMessage answered ok), counted per metadata payload — how the
   * exactly-once tests and benchmarks see a duplicate. `eventType` keeps only that metadata kind.
   */
  deliveries(eventType?: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.callsTo('chat.postMessage')) {
      if (c.status !== 200 || !(c.response as { ok?: boolean }).ok) continue;
      const meta = c.args.metadata as { event_type?: string; event_payload?: unknown } | undefined;
      if (eventType !== undefined && meta?.event_type !== eventType) continue;
      const key = JSON.stringify(meta?.event_payload ?? null);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Messages stored in a channel, oldest first (a DM posted to user U1 lives in channel 'DU1'). */
  messages(channel: string): StoredMessage[] {
    return [...(this.messageStore.get(channel) ?? [])];
  }

  /** Messages the bot sent to a user's DM (posted with channel = user id or the DM id). */
  dmsTo(userId: string): StoredMessage[] {
    return this.messages(this.dmChannelOf(userId));
  }

  /** The DM channel id the fake assigns to a user: 'D' + userId. */
  dmChannelOf(userId: string): string {
    return `D${userId}`;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messageStore.get(channel)?.find((m) => m.ts === ts);
  }

  ephemerals(channel?: string): EphemeralMessage[] {
    return this.ephemeralStore.filter((e) => channel === undefined || e.channel === channel);
  }

  /** All views ever opened/published, by id (latest state of each). */
  get views(): ReadonlyMap<string, StoredView> {
    return this.viewStore;
  }

  /** A view by id or external_id. */
  view(idOrExternalId: string): StoredView | undefined {
    return this.viewStore.get(idOrExternalId) ?? [...this.viewStore.values()].find((v) => v.view.external_id === idOrExternalId && idOrExternalId !== '');
  }

  /** The user's open modal stack, root first. */
  viewStack(userId: string): StoredView[] {
    return (this.viewStacks.get(userId) ?? []).map((id) => this.viewStore.get(id)!);
  }

  /** The top-most open modal of a user. */
  topViewOf(userId: string): StoredView | undefined {
    return this.viewStack(userId).at(-1);
  }

  /** Simulates the user closing all their modals (Slack would send view_closed if notify_on_close). */
  closeViews(userId: string): void {
    this.viewStacks.delete(userId);
  }

  /** Latest published App Home of a user. */
  homeOf(userId: string): StoredView | undefined {
    const id = this.homes.get(userId);
    return id === undefined ? undefined : this.viewStore.get(id);
  }

  /**
   * Resolves once `predicate(calls)` holds (polling), for effects that happen after the HTTP ack.
   * Rejects after `timeoutMs` with the list of calls seen, to make the failure readable.
   */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 2000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs; // real time: fake.now may be frozen by the test
    for (;;) {
      if (predicate(this.calls)) return this.calls;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => `${c.method}${isObj(c.response) && c.response.ok === false ? `(${String(c.response.error)})` : ''}`);
        throw new Error(`fakeSlack.waitFor timed out after ${timeoutMs} ms; calls so far: [${seen.join(', ')}]`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits for a completed call to `method` matching `where`, and returns it. */
  async waitForCall(method: string, where: (call: RecordedCall) => boolean = () => true, timeoutMs = 2000): Promise<RecordedCall> {
    const match = () => this.calls.find((c) => c.method === method && c.status !== 0 && where(c));
    await this.waitFor(() => match() !== undefined, timeoutMs);
    return match()!;
  }

  // ----- HTTP plumbing -------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');

    if (url.pathname.startsWith('/hooks/')) return this.handleResponseUrl(url, raw, contentType, res);
    if (url.pathname.startsWith('/upload/')) {
      // files.uploadV2 step 2: the bytes go to the upload_url handed out by step 1.
      const pending = this.pendingUploads.get(url.pathname.slice('/upload/'.length));
      if (!pending) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown upload');
        return;
      }
      pending.content = uploadedContent(contentType, raw);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - ' + raw.length);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }

    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    const record: RecordedCall = { method, args: {}, token: undefined, at: this.now(), status: 0, response: undefined };
    this.calls.push(record); // recorded before anything can fail

    let status = 200;
    let body: unknown;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-oauth-scopes': this.scopes.join(','),
    };
    try {
      const args = parseArgs(contentType, raw, url.searchParams);
      const auth = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
      record.token = auth?.[1] ?? (typeof args.token === 'string' ? args.token : undefined);
      record.team = this.teamOfToken(record.token);
      delete args.token;
      record.args = args;
      const accepted = METHOD_SCOPES[method]?.(args) ?? [];
      headers['x-accepted-oauth-scopes'] = accepted.join(',');

      const latency = this.latencies.get(method);
      if (latency) await new Promise((r) => setTimeout(r, latency));
      const hang = this.hangs.findIndex((x) => x.method === method && x.when(args));
      if (hang >= 0) {
        // The request reaches "Slack" and never gets an answer: a process killed now has a send in
        // flight that Slack never stored (or, afterHandling, stored without saying so).
        const { afterHandling } = this.hangs.splice(hang, 1)[0]!;
        if (afterHandling) this.dispatch(method, args, record.token, accepted);
        record.status = 0;
        return;
      }
      const injected = this.takeFailure(method);
      const limitedFor = injected ? undefined : this.takeRateToken(method, args);
      if (injected && 'status' in injected && injected.status === 500) {
        status = 500;
        headers['content-type'] = 'text/plain';
        body = 'Internal Server Error';
      } else if (injected && 'status' in injected) {
        status = 429;
        headers['retry-after'] = String(injected.retryAfter);
        body = { ok: false, error: 'ratelimited' };
      } else if (limitedFor !== undefined) {
        status = 429;
        headers['retry-after'] = String(limitedFor);
        body = { ok: false, error: 'ratelimited' };
      } else if (injected && 'error' in injected) {
        body = { ok: false, error: injected.error };
      } else {
        body = this.dispatch(method, args, record.token, accepted);
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      body = { ok: false, error: err.code, ...err.extra };
    }

    record.status = status;
    record.response = body;
    res.writeHead(status, headers);
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  private dispatch(method: string, args: Record<string, unknown>, token: string | undefined, accepted: string[]): unknown {
    const handler = this.handlers[method];
    // Slack answers unknown methods before looking at the token.
    if (!handler) return { ok: false, error: 'unknown_method', req_method: method };
    // The code exchange authenticates the app (client id and secret), not a token.
    if (method === 'oauth.v2.access') {
      try {
        return { ok: true, ...handler(args) };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, error: err.code, ...err.extra };
        throw err;
      }
    }
    if (token === undefined || token === '') return { ok: false, error: 'not_authed' };
    // apps.connections.open takes the app-level token (xapp-), every other method the bot token.
    if (method === 'apps.connections.open') {
      if (token !== this.appToken) return { ok: false, error: 'invalid_auth' };
      return { ok: true, ...this.appsConnectionsOpen() };
    }
    if (token !== this.token) {
      const installed = this.installs.get(token);
      if (!installed) return { ok: false, error: 'invalid_auth' };
      if (installed.revoked) return { ok: false, error: 'token_revoked' };
    }
    this.caller = this.teamOfToken(token) ?? this.teamId;
    if (accepted.length > 0 && !accepted.some((s) => this.scopes.includes(s))) {
      return { ok: false, error: 'missing_scope', needed: accepted.join(','), provided: this.scopes.join(',') };
    }
    try {
      return { ok: true, ...handler(args) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.code, ...err.extra };
      throw err;
    }
  }

  private handleResponseUrl(url: URL, raw: string, contentType: string, res: ServerResponse): void {
    let args: Record<string, unknown>;
    try {
      args = contentType.startsWith('application/json') ? (JSON.parse(raw) as Record<string, unknown>) : { payload: raw };
    } catch {
      args = { payload: raw };
    }
    const response = { ok: true };
    this.calls.push({ method: 'response_url', args: { ...args, path: url.pathname }, token: undefined, at: this.now(), status: 200, response });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(response));
  }

  private takeFailure(method: string): InjectedFailure | undefined {
    for (const key of [method, '*']) {
      const queue = this.failures.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return head.failure;
    }
    return undefined;
  }

  /** Returns Retry-After seconds when the bucket is empty, undefined when the call may proceed. */
  private takeRateToken(method: string, args: Record<string, unknown>): number | undefined {
    const limit = this.rateLimits.get(method);
    if (!limit) return undefined;
    const key = `${method}\u0000${str(args, 'channel') ?? str(args, 'user_id') ?? str(args, 'user') ?? '*'}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.perChannelPerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perChannelPerSecond));
  }

  // ----- helpers -------------------------------------------------------------------------------------

  /** Monotonic message ts derived from the clock ("1700000000.000100"). */
  private nextTs(): string {
    let micros = BigInt(Math.floor(this.now())) * 1000n;
    if (micros <= this.lastTsMicros) micros = this.lastTsMicros + 100n;
    this.lastTsMicros = micros;
    return microsToTs(micros);
  }

  private storeMessage(msg: StoredMessage): void {
    const list = this.messageStore.get(msg.channel) ?? [];
    list.push(msg);
    list.sort((a, b) => (tsToMicros(a.ts)! < tsToMicros(b.ts)! ? -1 : 1));
    this.messageStore.set(msg.channel, list);
  }

  /** The message as Slack renders it in API responses. */
  private messageJson(m: StoredMessage, includeMetadata: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = { type: 'message', user: m.user, text: m.text ?? '', ts: m.ts, team: this.teamId };
    if (m.bot_id) Object.assign(out, { bot_id: m.bot_id, app_id: this.appId });
    if (m.blocks) out.blocks = clone(m.blocks);
    if (m.thread_ts) out.thread_ts = m.thread_ts;
    if (m.edited) out.edited = { ...m.edited };
    if (includeMetadata && m.metadata) out.metadata = clone(m.metadata);
    return out;
  }

  private requireChannel(args: Record<string, unknown>): string {
    const channel = str(args, 'channel');
    if (channel === undefined || this.unknownChannels.has(channel)) throw new ApiError('channel_not_found');
    if (this.notMemberOf.has(channel)) throw new ApiError('not_in_channel');
    return channel;
  }

  private userObject(id: string): Record<string, unknown> {
    const u = this.users.get(id) ?? {};
    const tz = u.tz ?? 'Europe/Amsterdam';
    const zone = zoneInfo(tz, this.now());
    const name = u.name ?? id.toLowerCase();
    const realName = u.real_name ?? `User ${id}`;
    const { email, ...extra } = u;
    return {
      id,
      team_id: this.teamId,
      name,
      deleted: false,
      color: '9f69e7',
      real_name: realName,
      tz_label: zone.label,
      tz_offset: zone.offset,
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      updated: Math.floor(this.now() / 1000),
      profile: { real_name: realName, display_name: name, ...(email === undefined ? {} : { email }), team: this.teamId },
      ...extra,
      tz,
    };
  }

  // ----- methods -------------------------------------------------------------------------------------

  private authTest(): Record<string, unknown> {
    const installed = [...this.installs.values()].find((i) => i.teamId === this.caller);
    return {
      url: 'https://fake-workspace.slack.com/',
      team: installed?.teamName ?? 'Fake Workspace',
      user: 'interviewprep',
      team_id: this.caller,
      user_id: installed?.botUserId ?? this.botUserId,
      bot_id: installed?.botId ?? this.botId,
      is_enterprise_install: false,
    };
  }

  // --- Several workspaces: Slack's OAuth v2 install (issue 16) ---------------------------------

  /** The app's credentials (Basic Information → App Credentials) that oauth.v2.access checks. */
  readonly clientId = '1111111111.2222222222';
  readonly clientSecret = 'fake-client-secret-0123456789abcdef';
  /** Workspace of the call being handled (the token's). */
  private caller = '';
  /** Bot tokens issued through oauth.v2.access, by token. */
  private readonly installs = new Map<string, { teamId: string; teamName: string; botUserId: string; botId: string; revoked: boolean }>();
  /** Codes handed to the redirect after a person approved an install: single use, 10 minutes. */
  private readonly grants = new Map<string, { teamId: string; teamName: string; userId: string; issuedAt: number; used: boolean }>();

  /**
   * What Slack's consent screen does when a person in `teamId` clicks Allow: the `code` it puts on
   * the app's redirect URL (with the app's `state`), to be exchanged through oauth.v2.access.
   */
  approveInstall(opts: { teamId: string; teamName?: string; userId: string }): string {
    this.counter += 1;
    const code = `${opts.teamId}.${this.counter}.${Math.random().toString(36).slice(2)}`;
    this.grants.set(code, { teamId: opts.teamId, teamName: opts.teamName ?? `Workspace ${opts.teamId}`, userId: opts.userId, issuedAt: this.now(), used: false });
    return code;
  }

  /** The bot token a workspace's install issued (undefined before its install). */
  tokenOf(teamId: string): string | undefined {
    if (teamId === this.teamId) return this.token;
    return [...this.installs.entries()].find(([, i]) => i.teamId === teamId && !i.revoked)?.[0];
  }

  /** The workspace uninstalled the app: its bot token stops working (`token_revoked`). */
  revoke(teamId: string): void {
    for (const install of this.installs.values()) if (install.teamId === teamId) install.revoked = true;
  }

  private teamOfToken(token: string | undefined): string | undefined {
    if (token === undefined) return undefined;
    if (token === this.token) return this.teamId;
    return this.installs.get(token)?.teamId;
  }

  private oauthV2Access(args: Record<string, unknown>): Record<string, unknown> {
    if (str(args, 'client_id') !== this.clientId) throw new ApiError('invalid_client_id');
    if (str(args, 'client_secret') !== this.clientSecret) throw new ApiError('bad_client_secret');
    const code = str(args, 'code');
    const grant = code === undefined ? undefined : this.grants.get(code);
    if (!grant || grant.used || this.now() - grant.issuedAt > 10 * 60_000) throw new ApiError('invalid_code');
    grant.used = true;
    // Installing again keeps a workspace's live bot token; after an uninstall a new one is issued.
    let token = this.tokenOf(grant.teamId);
    if (token === undefined || token === this.token) {
      this.counter += 1;
      token = `xoxb-${grant.teamId}-${this.counter}-${Math.random().toString(36).slice(2, 10)}`;
      const suffix = grant.teamId.slice(-4);
      this.installs.set(token, { teamId: grant.teamId, teamName: grant.teamName, botUserId: `UBOT${suffix}`, botId: `B${suffix}`, revoked: false });
    }
    const install = this.installs.get(token)!;
    return {
      access_token: token,
      token_type: 'bot',
      scope: this.scopes.join(','),
      bot_user_id: install.botUserId,
      app_id: this.appId,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: grant.userId },
    };
  }

  private postMessage(args: Record<string, unknown>): Record<string, unknown> {
    let channel = this.requireChannel(args);
    // Posting to a user id opens (or reuses) the IM with that user and posts there.
    if (/^[UW]/.test(channel)) {
      channel = this.dmChannelOf(channel);
      this.openedDms.add(channel);
    }
    const text = str(args, 'text');
    if (text === undefined && args.blocks === undefined && args.attachments === undefined) throw new ApiError('no_text');
    const blocks = checkMessageBlocks(args.blocks);
    if (text === undefined && blocks !== undefined && blocks.length === 0 && args.attachments === undefined) {
      throw new ApiError('no_text');
    }
    const metadata = checkMetadata(args.metadata);
    const msg: StoredMessage = {
      channel,
      ts: this.nextTs(),
      text,
      blocks: blocks === undefined ? undefined : withGeneratedIds(blocks),
      metadata,
      thread_ts: str(args, 'thread_ts'),
      user: this.botUserId,
      bot_id: this.botId,
      editCount: 0,
      edited: undefined,
      history: [],
    };
    this.storeMessage(msg);
    return { channel, ts: msg.ts, message: this.messageJson(msg, true) };
  }

  private update(args: Record<string, unknown>): Record<string, unknown> {
    const channel = this.requireChannel(args);
    // chat.update needs the conversation id: a user id (U…/W…) is not accepted, unlike chat.postMessage.
    if (/^[UW]/.test(channel)) throw new ApiError('channel_not_found');
    const ts = str(args, 'ts');
    const msg = ts === undefined ? undefined : this.message(channel, ts);
    if (!msg) throw new ApiError('message_not_found');
    const text = str(args, 'text');
    if (text === undefined && args.blocks === undefined && args.attachments === undefined) throw new ApiError('no_text');
    const blocks = checkMessageBlocks(args.blocks);
    const metadata = checkMetadataUpdate(args.metadata);

    msg.history.push({ text: msg.text, blocks: clone(msg.blocks), metadata: clone(msg.metadata) });
    msg.editCount += 1;
    msg.edited = { user: this.botUserId, ts: this.nextTs() };
    if (text !== undefined) msg.text = text;
    if (blocks !== undefined) msg.blocks = withGeneratedIds(blocks);
    // Per the docs: omitted metadata is retained, an empty object removes it.
    if (metadata === null) msg.metadata = undefined;
    else if (metadata !== undefined) msg.metadata = metadata;
    return { channel, ts: msg.ts, text: msg.text ?? '', message: this.messageJson(msg, true) };
  }

  private postEphemeral(args: Record<string, unknown>): Record<string, unknown> {
    const channel = this.requireChannel(args);
    const user = str(args, 'user');
    if (user === undefined) throw new ApiError('user_not_in_channel');
    const text = str(args, 'text');
    if (text === undefined && args.blocks === undefined && args.attachments === undefined) throw new ApiError('no_text');
    const blocks = checkMessageBlocks(args.blocks);
    const message_ts = this.nextTs();
    this.ephemeralStore.push({ channel, user, text, blocks, message_ts });
    return { message_ts };
  }

  private conversationsOpen(args: Record<string, unknown>): Record<string, unknown> {
    const usersArg = args.users;
    const users = (Array.isArray(usersArg) ? usersArg.map(String) : (str(args, 'users') ?? '').split(','))
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length === 0) {
      const channel = str(args, 'channel');
      if (channel === undefined) throw new ApiError('users_list_not_supplied');
      if (this.unknownChannels.has(channel) || !this.openedDms.has(channel)) throw new ApiError('channel_not_found');
      return { channel: { id: channel }, no_op: true, already_open: true };
    }
    if (users.length > 8) throw new ApiError('too_many_users');
    for (const u of users) {
      if (!/^[UW][A-Z0-9]+$/.test(u)) throw new ApiError('user_not_found');
      // Only users the test explicitly deactivated are refused; unknown ids are treated as real people.
      if (this.users.get(u)?.deleted) throw new ApiError('user_disabled');
    }
    const id = users.length === 1 ? this.dmChannelOf(users[0]!) : `G${[...users].sort().join('')}`;
    if (this.unknownChannels.has(id)) throw new ApiError('channel_not_found');
    const alreadyOpen = this.openedDms.has(id);
    this.openedDms.add(id);
    const channel: Record<string, unknown> = { id };
    if (bool(args, 'return_im')) {
      Object.assign(channel, { created: Math.floor(this.now() / 1000), is_im: users.length === 1, is_org_shared: false, user: users[0], is_user_deleted: false, priority: 0 });
    }
    return alreadyOpen ? { channel, no_op: true, already_open: true } : { channel };
  }

  private history(args: Record<string, unknown>): Record<string, unknown> {
    const channel = this.requireChannel(args);
    const inclusive = bool(args, 'inclusive');
    const oldest = tsToMicros(str(args, 'oldest') ?? '0') ?? 0n;
    const latestArg = str(args, 'latest');
    const latest = latestArg === undefined ? undefined : tsToMicros(latestArg);
    const limit = Math.min(Math.max(num(args, 'limit') ?? 100, 1), 999);
    const includeMetadata = bool(args, 'include_all_metadata');

    const matching = this.messages(channel)
      // Thread replies are not part of the channel history (conversations.replies has them).
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
      .filter((m) => {
        const t = tsToMicros(m.ts)!;
        const afterOldest = inclusive ? t >= oldest : t > oldest;
        const beforeLatest = latest === undefined || (inclusive ? t <= latest : t < latest);
        return afterOldest && beforeLatest;
      })
      .reverse(); // newest first
    const page = matching.slice(0, limit);
    return {
      messages: page.map((m) => this.messageJson(m, includeMetadata)),
      has_more: matching.length > page.length,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: '' },
    };
  }

  private usersInfo(args: Record<string, unknown>): Record<string, unknown> {
    const id = str(args, 'user');
    if (id === undefined || !this.users.has(id)) throw new ApiError('user_not_found');
    return { user: this.userObject(id) };
  }

  /** Checks a trigger_id; it is only marked exchanged by the caller once the whole call succeeds. */
  private checkTrigger(args: Record<string, unknown>): TriggerRecord {
    const triggerId = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
    if (triggerId === undefined) throw invalidArguments(['[ERROR] missing required field: trigger_id [json-pointer:/trigger_id]']);
    const trigger = this.triggers.get(triggerId);
    if (!trigger) throw new ApiError('invalid_trigger_id');
    if (trigger.exchanged) throw new ApiError('exchanged_trigger_id');
    if (this.now() - trigger.issuedAt >= TRIGGER_TTL_MS) throw new ApiError('expired_trigger_id');
    return trigger;
  }

  private newViewId(): string {
    // Slack's view ids are unique across workspaces: another workspace's fake gives other ids.
    const workspace = this.teamId === DEFAULT_TEAM_ID ? '' : this.teamId.slice(-3);
    return `V${workspace}${String(++this.counter).padStart(10, '0')}`;
  }

  private newHash(previous?: string): string {
    for (;;) {
      const hash = `${Math.floor(this.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
      if (hash !== previous) return hash;
    }
  }

  private checkExternalId(view: Obj, ownId?: string): void {
    const ext = typeof view.external_id === 'string' ? view.external_id : '';
    if (ext === '') return;
    const holder = this.view(ext);
    if (holder && holder.id !== ownId) throw new ApiError('duplicate_external_id');
  }

  /** Builds the view object Slack returns, from the app's payload plus server-side fields. */
  private slackView(input: Obj, id: string, hash: string, rootId: string, previousId: string | null): SlackView {
    return {
      type: String(input.type),
      title: input.title,
      close: input.close ?? null,
      submit: input.submit ?? null,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      ...clone(input),
      blocks: withGeneratedIds(input.blocks as unknown[]),
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      id,
      team_id: this.teamId,
      hash,
      state: { values: {} },
      root_view_id: rootId,
      previous_view_id: previousId,
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
  }

  private viewsOpen(args: Record<string, unknown>): Record<string, unknown> {
    const trigger = this.checkTrigger(args);
    const input = checkViewPayload(args.view, ['modal']);
    this.checkExternalId(input);
    trigger.exchanged = true;
    const id = this.newViewId();
    const view = this.slackView(input, id, this.newHash(), id, null);
    this.viewStore.set(id, { id, userId: trigger.userId, view, updates: 0, openedBy: 'views.open' });
    // views.open starts a fresh stack for the user.
    this.viewStacks.set(trigger.userId ?? '', [id]);
    return { view: clone(view) };
  }

  private viewsPush(args: Record<string, unknown>): Record<string, unknown> {
    const trigger = this.checkTrigger(args);
    const input = checkViewPayload(args.view, ['modal']);
    const stack = this.viewStacks.get(trigger.userId ?? '') ?? [];
    if (stack.length === 0) throw new ApiError('not_found');
    if (stack.length >= MAX_VIEW_STACK) throw new ApiError('push_limit_reached');
    this.checkExternalId(input);
    trigger.exchanged = true;
    const id = this.newViewId();
    const view = this.slackView(input, id, this.newHash(), stack[0]!, stack.at(-1)!);
    this.viewStore.set(id, { id, userId: trigger.userId, view, updates: 0, openedBy: 'views.push' });
    stack.push(id);
    return { view: clone(view) };
  }

  private viewsUpdate(args: Record<string, unknown>): Record<string, unknown> {
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    if (viewId === undefined && externalId === undefined) {
      throw invalidArguments(['[ERROR] either view_id or external_id is required [json-pointer:/view_id]']);
    }
    const stored = viewId !== undefined ? this.viewStore.get(viewId) : this.view(externalId!);
    if (!stored) throw new ApiError('not_found');
    const hash = str(args, 'hash');
    if (hash !== undefined && hash !== stored.view.hash) throw new ApiError('hash_conflict');
    const input = checkViewPayload(args.view, [stored.view.type]);
    this.checkExternalId(input, stored.id);
    const merged: Obj = { ...input, external_id: typeof input.external_id === 'string' ? input.external_id : stored.view.external_id };
    stored.view = this.slackView(merged, stored.id, this.newHash(stored.view.hash), stored.view.root_view_id, stored.view.previous_view_id);
    stored.updates += 1;
    return { view: clone(stored.view) };
  }

  private viewsPublish(args: Record<string, unknown>): Record<string, unknown> {
    const userId = str(args, 'user_id');
    if (userId === undefined) throw invalidArguments(['invalid `user_id`']);
    const input = checkViewPayload(args.view, ['home']);
    const existingId = this.homes.get(userId);
    const existing = existingId === undefined ? undefined : this.viewStore.get(existingId);
    const hash = str(args, 'hash');
    if (hash !== undefined && existing && hash !== existing.view.hash) throw new ApiError('hash_conflict');
    this.checkExternalId(input, existingId);
    // A user's Home tab keeps its view id across publishes.
    const id = existingId ?? this.newViewId();
    const view = this.slackView(input, id, this.newHash(existing?.view.hash), id, null);
    if (existing) {
      existing.view = view;
      existing.updates += 1;
    } else {
      this.viewStore.set(id, { id, userId, view, updates: 0, openedBy: 'views.publish' });
      this.homes.set(userId, id);
    }
    return { view: clone(view) };
  }
}

/** chat.update metadata: undefined = keep, null = remove (empty object), else the new metadata. */
function checkMetadataUpdate(metadata: unknown): MessageMetadata | null | undefined {
  if (isObj(metadata) && Object.keys(metadata).length === 0) return null;
  return checkMetadata(metadata);
}

/** Starts a fake Slack Web API on 127.0.0.1 with an ephemeral port. Remember to `await fake.close()`. */
export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(opts);
  await fake.listen();
  return fake;
}
