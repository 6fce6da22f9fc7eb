import type {
  ActionsBlock,
  Button,
  Checkboxes,
  ContextBlock,
  DateTimepicker,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  KnownBlock,
  MrkdwnElement,
  NumberInput,
  PlainTextElement,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import type { MessageKey, Params, Translator } from './i18n/index.js';

/** Tiny Block Kit helpers: plain objects, with Slack's length limits applied where text is user data. */

export const LIMITS = {
  sectionText: 3000,
  sectionField: 2000,
  header: 150,
  buttonText: 75,
  modalTitle: 24,
  privateMetadata: 3000,
  optionText: 75,
  optionValue: 150,
  contextElements: 10,
  messageBlocks: 50,
  viewBlocks: 100,
} as const;

/**
 * Cuts text to `max` UTF-16 units (how Slack counts), marking the cut. Never splits an emoji's
 * surrogate pair or an HTML entity produced by esc().
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

/** Escapes user text for mrkdwn: Slack treats &, < and > as control characters. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The plain-text `text` of every message the bot posts or updates (the notification and the
 * fallback for clients without blocks). Slack parses `<!channel>`, `<@U…>` and `<url|label>` tokens
 * there too, so every value is escaped like in mrkdwn (pass values raw, never pre-escaped); only the
 * catalogue's own text stays as written. The template's emphasis (`*`) is dropped. Dates belong in
 * it as plain text (fallbackDate), never as a `<!date…>` token.
 */
export function plainText(t: Translator, key: MessageKey, params: Params = {}): string {
  const safe: Params = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? esc(value) : value]));
  return t(key, safe).replace(/\*/g, '');
}

export const plain = (text: string, max: number = LIMITS.sectionText): PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});

export const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({
  type: 'mrkdwn',
  text: truncate(text, max),
});

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text, LIMITS.header) });

export const section = (text: string, extra: Partial<SectionBlock> = {}): SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...extra,
});

/**
 * Lines under an optional title, as many sections as they need: each section stays within Slack's
 * 3,000 characters without cutting a line (a list that is cut silently would say something untrue).
 */
export function lineSections(lines: string[], title?: string): SectionBlock[] {
  return packLines(lines, Infinity, title).sections;
}

/** As lineSections, using at most `maxSections`; `shown` says how many lines made it in, whole. */
export function packLines(lines: string[], maxSections: number, title?: string): { sections: SectionBlock[]; shown: number } {
  const texts: string[] = [];
  let current = title ?? '';
  let shown = 0;
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= LIMITS.sectionText || current === '') {
      current = next;
    } else {
      if (texts.length + 1 >= maxSections) break;
      texts.push(current);
      current = line;
    }
    shown += 1;
  }
  if (current !== '') texts.push(current);
  return { sections: texts.map((text) => section(text)), shown };
}

export const fields = (pairs: Array<[label: string, value: string]>): SectionBlock => ({
  type: 'section',
  fields: pairs.slice(0, 10).map(([label, value]) => mrkdwn(`*${label}*\n${value}`, LIMITS.sectionField)),
});

export const context = (...texts: string[]): ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export const divider = (): DividerBlock => ({ type: 'divider' });

export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Button => ({
  type: 'button',
  text: plain(text, LIMITS.buttonText),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: ActionsBlock['elements']): ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements,
});

export const option = (text: string, value: string): PlainTextOption => ({
  text: plain(text, LIMITS.optionText),
  value: truncate(value, LIMITS.optionValue),
});

export const input = (
  blockId: string,
  label: string,
  element: InputBlock['element'],
  opts: { optional?: boolean; hint?: string } = {},
): InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  element,
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
});

export type Blocks = KnownBlock[];

/** Form elements: each input block's element uses the block id as its action id (see ids.ts). */
export const textInput = (
  blockId: string,
  initial: string | undefined,
  maxLength: number,
  opts: { multiline?: boolean; placeholder?: string } = {},
): PlainTextInput => ({
  type: 'plain_text_input',
  action_id: blockId,
  max_length: maxLength,
  ...(opts.multiline ? { multiline: true } : {}),
  ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
  ...(initial ? { initial_value: initial } : {}),
});

export const staticSelect = (blockId: string, options: PlainTextOption[], initialValue?: string): StaticSelect => {
  const initial = options.find((o) => o.value === initialValue);
  return { type: 'static_select', action_id: blockId, options, ...(initial ? { initial_option: initial } : {}) };
};

export const radioButtons = (blockId: string, options: PlainTextOption[], initialValue?: string): RadioButtons => {
  const initial = options.find((o) => o.value === initialValue);
  return { type: 'radio_buttons', action_id: blockId, options, ...(initial ? { initial_option: initial } : {}) };
};

export const numberInput = (
  blockId: string,
  initial: number | undefined,
  min: number,
  max: number,
): NumberInput => ({
  type: 'number_input',
  action_id: blockId,
  is_decimal_allowed: false,
  min_value: String(min),
  max_value: String(max),
  ...(initial !== undefined ? { initial_value: String(initial) } : {}),
});

export const checkboxes = (blockId: string, options: PlainTextOption[], selected: readonly string[] = []): Checkboxes => {
  const initial = options.filter((o) => o.value !== undefined && selected.includes(o.value));
  return { type: 'checkboxes', action_id: blockId, options, ...(initial.length > 0 ? { initial_options: initial } : {}) };
};

export const datetimePicker = (blockId: string, initial?: Date): DateTimepicker => ({
  type: 'datetimepicker',
  action_id: blockId,
  ...(initial ? { initial_date_time: Math.floor(initial.getTime() / 1000) } : {}),
});

/**
 * A button whose click is a statement ("Logistiek bevestigd", "Coaching gegeven"): Slack asks for
 * the confirmation first, so a stray click records nothing.
 */
export const confirmButton = (
  text: string,
  actionId: string,
  value: string,
  dialog: { title: string; text: string; yes: string; no: string },
): Button => ({
  ...button(text, actionId, value),
  confirm: { title: plain(dialog.title, 100), text: plain(dialog.text, 300), confirm: plain(dialog.yes, 30), deny: plain(dialog.no, 30) },
});

/** A destructive button with Slack's confirm dialog (remove, cancel): the click only counts after "yes". */
export const dangerButton = (
  text: string,
  actionId: string,
  value: string,
  dialog: { title: string; text: string; yes: string; no: string },
): Button => {
  const b = confirmButton(text, actionId, value, dialog);
  return { ...b, style: 'danger', confirm: { ...b.confirm!, style: 'danger' } };
};
