import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { z } from 'zod';
import type { Interview } from '../../../domain/interview.js';
import type { FieldError, Validated } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { isMessageKey, type Translator } from '../../i18n/index.js';
import { loadWritable, refusalText } from '../../services/access.js';
import { parseMetadata, type StateValues } from '../../views/state.js';
import { ackNow } from '../../ack.js';

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Inline errors keyed by block_id, in the UI language (response_action "errors"). */
export function inlineErrors(errors: FieldError[], blocks: Record<string, string>, t: Translator): Record<string, string> {
  const fallback = Object.values(blocks)[0] as string;
  const out: Record<string, string> = {};
  for (const e of errors) {
    const blockId = blocks[e.field] ?? fallback;
    out[blockId] ??= t(isMessageKey(e.key) ? e.key : 'validation.invalid', e.params);
  }
  return out;
}

/** A save that found a problem only the database could see: nothing of it is kept. */
class SaveRefused extends Error {
  constructor(readonly errors: FieldError[]) {
    super('save refused');
  }
}

interface FormSpec<M extends { interviewId: number }, V> {
  metadata: z.ZodType<M>;
  /** Form field → block id, for placing errors. */
  blocks: Record<string, string>;
  /** Where a refusal (foreign, deleted or erased interview, tampered metadata) is shown. */
  refusalBlock: string;
  validate: (values: StateValues | undefined, interview: Interview, now: Date) => Validated<V>;
  /** Stores the value; runs before the ack so a failure can still be reported in the modal. */
  save: (interview: Interview, value: V, metadata: M, now: Date, userId: string) => Validated<void> | void;
  /** Slack work after the ack (card, parent view, Home). */
  after?: (interview: Interview, metadata: M, args: SubmissionArgs, now: Date) => Promise<void>;
}

/**
 * The shape every form about an existing interview shares: metadata → access → validation →
 * store → ack → refresh. Nothing is stored unless everything is valid; the slow Slack work runs
 * after the ack.
 */
export function formSubmission<M extends { interviewId: number }, V>(deps: ListenerDeps, spec: FormSpec<M, V>) {
  return async (args: SubmissionArgs): Promise<void> => {
    const { ack, body, view } = args;
    const now = deps.now();
    let metadata: M;
    let interview: Interview;
    try {
      metadata = parseMetadata(view.private_metadata, spec.metadata);
      // Erased interviews are read-only: a form opened before `verwijder` stores nothing after it.
      interview = loadWritable(deps, metadata.interviewId, body.user.id);
    } catch (error) {
      const text = refusalText(deps, error);
      if (text === undefined) throw error;
      await ackNow(ack, { response_action: 'errors', errors: { [spec.refusalBlock]: text } });
      return;
    }
    const result = spec.validate(view.state?.values as StateValues | undefined, interview, now);
    if (!result.ok) {
      await ackNow(ack, { response_action: 'errors', errors: inlineErrors(result.errors, spec.blocks, deps.t) });
      return;
    }
    // One transaction: the record and what it causes (outbox rows, risk moments, reminders) are
    // stored together; a refusal found while saving rolls all of it back.
    try {
      deps.atomically(() => {
        const saved = spec.save(interview, result.value, metadata, now, body.user.id);
        if (saved && !saved.ok) throw new SaveRefused(saved.errors);
      });
    } catch (error) {
      if (!(error instanceof SaveRefused)) throw error;
      await ackNow(ack, { response_action: 'errors', errors: inlineErrors(error.errors, spec.blocks, deps.t) });
      return;
    }
    await ackNow(ack);
    await spec.after?.(interview, metadata, args, now);
  };
}
