import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { FieldError, Validated } from '../../domain/validation.js';
import {
  checkboxes,
  datetimePicker,
  divider,
  input,
  numberInput,
  option,
  radioButtons,
  section,
  staticSelect,
  textInput,
} from '../blocks.js';
import { isMessageKey, type MessageKey, type Params, type Translator } from '../i18n/index.js';

/**
 * One definition per form: each field names its block id (also its element's action id, so
 * `state.values` is read as values[id][id]), its label, how Slack shows it and its zod schema.
 * The modal, the state reader, the input type (`z.input`), validation and error placement are all
 * derived from it; adding a field touches the form's file, the catalogues and the storage.
 */

type Element =
  | { kind: 'text'; max: number; multiline?: boolean; placeholder?: MessageKey }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'select' | 'radio' | 'checkboxes'; values: readonly string[]; option: (value: string, t: Translator) => string }
  | { kind: 'datetime' }
  | { kind: 'user' };

export interface Field<S extends z.ZodType = z.ZodType> {
  block: string;
  label: MessageKey;
  hint?: MessageKey;
  /** Slack asks for an answer before it submits; the schema checks again (payloads are untrusted). */
  required: boolean;
  element: Element;
  schema: S;
  /** Shown in an empty form (the value a blank answer stands for). */
  preset?: string | number;
  /** Shown above the field: a divider and/or a heading that groups the fields after it. */
  divider?: boolean;
  heading?: MessageKey;
}

interface Layout {
  hint?: MessageKey;
  divider?: boolean;
  heading?: MessageKey;
}

// ── The one error map: a zod issue → a catalogue key (and its parameters) ───────────────────────

/** A rule's own message travels as `params`, never JSON inside a zod message. */
const says = (key: MessageKey, values?: Params) => ({ params: { key, ...(values ? { values } : {}) } });

/** No answer at all: what Slack sends for an empty input (nothing, null, or a blank string). */
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The catalogue key for a field's first problem. `given` is the field's raw answer: a missing one is
 * "required", a wrong one (a tampered payload, a value outside the options) the generic text.
 */
export function issueMessage(issue: z.core.$ZodIssue, given: unknown): { key: MessageKey; params?: Params } {
  switch (issue.code) {
    case 'custom': {
      const p = issue.params as { key?: string; values?: Params } | undefined;
      if (p?.key && isMessageKey(p.key)) return { key: p.key, ...(p.values ? { params: p.values } : {}) };
      break;
    }
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
      break;
    case 'invalid_type':
    case 'invalid_value':
      if (isBlank(given)) return { key: 'validation.required' };
      break;
  }
  return { key: 'validation.invalid' };
}

// ── Field kinds ─────────────────────────────────────────────────────────────────────────────────

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Slack sends '' or null for an empty box: trimmed, a blank answer is no answer. */
const answer = z
  .string()
  .nullish()
  .transform((v) => {
    const t = v?.trim().replace(/\r\n/g, '\n');
    return t ? t : undefined;
  });

const CHECKS = {
  phone: { test: (s: string) => /^\+?[0-9 ()\-.]{6,}$/.test(s), key: 'validation.phone' },
  email: { test: (s: string) => z.email().safeParse(s).success, key: 'validation.email' },
} as const;

type Out<R extends boolean, T> = R extends true ? T : T | undefined;

/** What every field kind shares: where it is, what it is called, how it is grouped. */
const base = (block: string, label: MessageKey, o: Layout & { required?: boolean }) => ({
  block,
  label,
  hint: o.hint,
  divider: o.divider,
  heading: o.heading,
  required: o.required ?? false,
});

/** Free text: trimmed, at most `max` characters, no control characters. */
export function text<R extends boolean = false>(
  block: string,
  label: MessageKey,
  max: number,
  o: Layout & { required?: R; multiline?: boolean; placeholder?: MessageKey; check?: keyof typeof CHECKS } = {},
): Field<z.ZodType<Out<R, string>, string | null | undefined>> {
  let s = z.string().max(max).refine((v) => !CONTROL_CHARS.test(v), says('validation.controlChars'));
  if (o.check) {
    const c = CHECKS[o.check];
    s = s.refine(c.test, says(c.key));
  }
  return {
    ...base(block, label, o),
    element: { kind: 'text', max, multiline: o.multiline, placeholder: o.placeholder },
    schema: answer.pipe(o.required ? s : s.optional()) as never,
  };
}

/** A whole number between `min` and `max`; `error` is the one message for anything else. */
export function wholeNumber<R extends boolean = false>(
  block: string,
  label: MessageKey,
  o: Layout & { min: number; max: number; error: MessageKey; required?: R; default?: number },
): Field<z.ZodType<Out<R, number>, string | number | null | undefined>> {
  const n = z.custom<number>(
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= o.min && v <= o.max,
    says(o.error, { min: o.min, max: o.max }),
  );
  const must = o.required || o.default !== undefined;
  return {
    ...base(block, label, o),
    element: { kind: 'number', min: o.min, max: o.max },
    preset: o.default,
    schema: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((v) => {
        const t = typeof v === 'string' ? v.trim() : v;
        if (t === '' || t === null || t === undefined) return o.default;
        return typeof t === 'string' ? Number(t) : t;
      })
      .pipe(must ? n : n.optional()) as never,
  };
}

/** One of `values`, as a select menu or radio buttons; `default` stands in for no answer. */
export function choice<V extends readonly [string, ...string[]], R extends boolean = false>(
  block: string,
  label: MessageKey,
  values: V,
  optionText: (value: V[number], t: Translator) => string,
  o: Layout & { kind: 'select' | 'radio'; required?: R; default?: V[number] },
): Field<z.ZodType<Out<R, V[number]>, string | null | undefined>> {
  const e = z.enum(values);
  const must = o.required || o.default !== undefined;
  return {
    ...base(block, label, o),
    element: { kind: o.kind, values, option: optionText as (value: string, t: Translator) => string },
    preset: o.default,
    schema: answer.transform((v) => v ?? o.default).pipe(must ? e : e.optional()) as never,
  };
}

/** Checkboxes: the ticked values, each once. */
export function flags<V extends readonly [string, ...string[]]>(
  block: string,
  label: MessageKey,
  values: V,
  optionText: (value: V[number], t: Translator) => string,
  o: Layout & { required?: boolean } = {},
): Field<z.ZodType<Array<V[number]>, string[] | null | undefined>> {
  return {
    ...base(block, label, o),
    element: { kind: 'checkboxes', values, option: optionText as (value: string, t: Translator) => string },
    schema: z
      .array(z.string())
      .nullish()
      .transform((v) => v ?? [])
      .pipe(z.array(z.enum(values)))
      .transform((xs) => [...new Set(xs)]) as never,
  };
}

/** A moment from the datetimepicker, as Unix seconds. */
export function dateTime<R extends boolean = false>(
  block: string,
  label: MessageKey,
  o: Layout & { required?: R } = {},
): Field<z.ZodType<Out<R, number>, number | null | undefined>> {
  const s = z.number().int();
  return {
    ...base(block, label, o),
    element: { kind: 'datetime' },
    schema: z
      .number()
      .nullish()
      .transform((v) => v ?? undefined)
      .pipe(o.required ? s : s.optional()) as never,
  };
}

/** A Slack user picked from the workspace (users_select). */
export function slackUser<R extends boolean = false>(
  block: string,
  label: MessageKey,
  o: Layout & { required?: R } = {},
): Field<z.ZodType<Out<R, string>, string | null | undefined>> {
  const s = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
  return {
    ...base(block, label, o),
    element: { kind: 'user' },
    schema: answer.pipe(o.required ? s : s.optional()) as never,
  };
}

// ── Forms ───────────────────────────────────────────────────────────────────────────────────────

export type Fields = Record<string, Field>;
/** What a form takes: every field's `z.input`, all optional (Slack leaves out empty inputs). */
export type FormInput<F extends Fields> = { [K in keyof F]?: z.input<F[K]['schema']> };
/** Every field parsed. */
export type FormOutput<F extends Fields> = { [K in keyof F]: z.output<F[K]['schema']> };

export interface FormFieldError<F extends Fields> extends FieldError {
  field: keyof F & string;
}

export interface FormSpec<F extends Fields, V, C, R> {
  callbackId: string;
  /** In the order the modal shows them (and errors are listed). */
  fields: F;
  /**
   * Rules over several fields or against the moment (`ctx`). They see the fields that passed their
   * own checks, so every problem is reported at once; a field keeps its own error first.
   */
  check?: (v: Partial<FormOutput<F>>, ctx: C) => Array<FormFieldError<F>>;
  /** The domain value of a valid form. */
  toValue: (v: FormOutput<F>, ctx: C) => V;
  /** The form's inputs for a stored record (prefilling an edit); without it the record's own fields. */
  fromRecord?: (record: R) => FormInput<F>;
}

/** `view.state.values` as Slack sends it: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, unknown>>;

export interface Form<F extends Fields, V, C, R> {
  readonly callbackId: string;
  readonly fields: F;
  /** Field → block id, for placing errors and for tests that fill the form in. */
  readonly blocks: { readonly [K in keyof F]: string };
  /** The raw answers out of `view.state.values`, typed by nothing: the schemas decide. */
  read(values: StateValues | undefined): Record<keyof F, unknown>;
  validate(input: FormInput<F> | Record<keyof F, unknown>, ctx: C): Validated<V>;
  /** The input blocks, prefilled from a stored record (or empty). */
  inputs(record: R | undefined, t: Translator): KnownBlock[];
}

export function defineForm<F extends Fields, V, C = void, R = V>(spec: FormSpec<F, V, C, R>): Form<F, V, C, R> {
  const names = Object.keys(spec.fields) as Array<keyof F & string>;
  const blocks = Object.fromEntries(names.map((n) => [n, spec.fields[n]!.block])) as { [K in keyof F]: string };
  const ids = new Set(Object.values(blocks));
  if (ids.size !== names.length) throw new Error(`form ${spec.callbackId}: two fields share a block id`);

  return {
    callbackId: spec.callbackId,
    fields: spec.fields,
    blocks,
    read: (values) => Object.fromEntries(names.map((n) => [n, readElement(values, spec.fields[n]!)])) as Record<keyof F, unknown>,
    validate: (inputValues, ctx) => {
      const given = inputValues as Record<string, unknown>;
      const parsed: Record<string, unknown> = {};
      const errors: Array<FormFieldError<F>> = [];
      for (const n of names) {
        const r = spec.fields[n]!.schema.safeParse(given[n]);
        if (r.success) parsed[n] = r.data;
        else errors.push({ field: n, ...issueMessage(r.error.issues[0] as z.core.$ZodIssue, given[n]) });
      }
      for (const e of spec.check?.(parsed as Partial<FormOutput<F>>, ctx) ?? []) {
        if (!errors.some((x) => x.field === e.field)) errors.push(e);
      }
      if (errors.length > 0) {
        errors.sort((a, b) => names.indexOf(a.field) - names.indexOf(b.field));
        return { ok: false, errors };
      }
      return { ok: true, value: spec.toValue(parsed as FormOutput<F>, ctx) };
    },
    inputs: (record, t) => {
      const initial = (record === undefined ? {} : spec.fromRecord ? spec.fromRecord(record) : record) as Record<string, unknown>;
      return names.flatMap((n) => fieldBlocks(spec.fields[n]!, initial[n] ?? spec.fields[n]!.preset, t));
    },
  };
}

/** Inline errors keyed by block id, in the UI language (response_action "errors"). */
export function inlineErrors(errors: FieldError[], blocks: Record<string, string>, t: Translator): Record<string, string> {
  const fallback = Object.values(blocks)[0] as string;
  const out: Record<string, string> = {};
  for (const e of errors) {
    const blockId = blocks[e.field] ?? fallback;
    out[blockId] ??= t(isMessageKey(e.key) ? e.key : 'validation.invalid', e.params);
  }
  return out;
}

interface ElementState {
  value?: unknown;
  selected_date_time?: unknown;
  selected_option?: { value?: unknown } | null;
  selected_options?: unknown;
  selected_user?: unknown;
}

/** Slack writes `null` for an empty input: read as "no answer" (undefined), like a missing one. */
function readElement(values: StateValues | undefined, field: Field): unknown {
  return readRaw(values, field) ?? undefined;
}

function readRaw(values: StateValues | undefined, field: Field): unknown {
  const el = values?.[field.block]?.[field.block];
  if (!el || typeof el !== 'object') return undefined;
  const e = el as ElementState;
  switch (field.element.kind) {
    case 'text':
    case 'number':
      return e.value;
    case 'select':
    case 'radio':
      return e.selected_option?.value;
    case 'checkboxes':
      return Array.isArray(e.selected_options) ? e.selected_options.map((o: { value?: unknown } | null) => o?.value) : e.selected_options;
    case 'datetime':
      return e.selected_date_time;
    case 'user':
      return e.selected_user;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function fieldBlocks(field: Field, initial: unknown, t: Translator): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (field.divider) out.push(divider());
  if (field.heading) out.push(section(t(field.heading)));
  const el = field.element;
  const id = field.block;
  const element = (() => {
    switch (el.kind) {
      case 'text':
        return textInput(id, str(initial), el.max, {
          multiline: el.multiline,
          placeholder: el.placeholder ? t(el.placeholder) : undefined,
        });
      case 'number': {
        const n = typeof initial === 'number' ? initial : undefined;
        return numberInput(id, n, el.min, el.max);
      }
      case 'select':
      case 'radio':
      case 'checkboxes': {
        const options = el.values.map((v) => option(el.option(v, t), v));
        if (el.kind === 'checkboxes') return checkboxes(id, options, Array.isArray(initial) ? (initial as string[]) : []);
        return (el.kind === 'select' ? staticSelect : radioButtons)(id, options, str(initial));
      }
      case 'datetime':
        return datetimePicker(id, typeof initial === 'number' ? new Date(initial * 1000) : initial instanceof Date ? initial : undefined);
      case 'user':
        return { type: 'users_select' as const, action_id: id, ...(typeof initial === 'string' ? { initial_user: initial } : {}) };
    }
  })();
  out.push(input(id, t(field.label), element, { optional: !field.required, ...(field.hint ? { hint: t(field.hint) } : {}) }));
  return out;
}
