import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { z } from 'zod';
import type { Interview } from '../../../domain/interview.js';
import type { FieldError, Validated } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { loadWritable, refusalText } from '../../services/access.js';
import { parseMetadata } from '../../views/state.js';
import { inlineErrors, type Fields, type Form, type StateValues } from '../../forms/form.js';
import { ackNow } from '../../ack.js';

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A save that found a problem only the database could see: nothing of it is kept. */
class SaveRefused extends Error {
  constructor(readonly errors: FieldError[]) {
    super('save refused');
  }
}

interface FormSpec<M extends { interviewId: number }, F extends Fields, V, C> {
  metadata: z.ZodType<M>;
  /** The form's one definition: fields, block ids, schema. */
  form: Form<F, V, C, unknown>;
  /** What the form's own rules need besides the answers (the moment, the interview's start). */
  context: (interview: Interview, now: Date) => C;
  /** Where a refusal (foreign, deleted or erased interview, tampered metadata) is shown; the first field otherwise. */
  refusalField?: keyof F & string;
  /** A refusal of the whole form before its answers are read (e.g. a follow-up before the interview ended). */
  precondition?: (interview: Interview, now: Date) => FieldError | undefined | Promise<FieldError | undefined>;
  /** Stores the value; runs before the ack so a failure can still be reported in the modal. */
  save: (interview: Interview, value: V, metadata: M, now: Date, userId: string) => Promise<Validated<void> | void>;
  /** Slack work after the ack (card, parent view, Home). */
  after?: (interview: Interview, metadata: M, args: SubmissionArgs, now: Date) => Promise<void>;
}

/**
 * The shape every form about an existing interview shares: metadata → access → validation →
 * store → ack → refresh. Nothing is stored unless everything is valid; the slow Slack work runs
 * after the ack.
 */
export function formSubmission<M extends { interviewId: number }, F extends Fields, V, C>(deps: ListenerDeps, spec: FormSpec<M, F, V, C>) {
  const blocks: Record<string, string> = spec.form.blocks;
  const refusalBlock = spec.refusalField ? spec.form.blocks[spec.refusalField] : (Object.values(blocks)[0] as string);
  return async (args: SubmissionArgs): Promise<void> => {
    const { ack, body, view } = args;
    const now = deps.now();
    let metadata: M;
    try {
      metadata = parseMetadata(view.private_metadata, spec.metadata);
    } catch (error) {
      const text = refusalText(deps, error);
      if (text === undefined) throw error;
      await ackNow(ack, { response_action: 'errors', errors: { [refusalBlock]: text } });
      return;
    }
    // One transaction, from the access check to the save: an erasure cannot land in between (an
    // erased interview is read-only: a form opened before `verwijder` stores nothing after it), and
    // the record and what it causes (outbox rows, risk moments, reminders) are stored together. A
    // refusal or an invalid answer stores nothing; the interview is loaded once.
    let interview: Interview;
    try {
      interview = await deps.atomically(async () => {
        const current = await loadWritable(deps, metadata.interviewId, body.user.id);
        const refused = await spec.precondition?.(current, now);
        const result: Validated<V> = refused
          ? { ok: false, errors: [refused] }
          : spec.form.validate(spec.form.read(view.state?.values as StateValues | undefined), spec.context(current, now));
        if (!result.ok) throw new SaveRefused(result.errors);
        const saved = await spec.save(current, result.value, metadata, now, body.user.id);
        if (saved && !saved.ok) throw new SaveRefused(saved.errors);
        return current;
      });
    } catch (error) {
      if (error instanceof SaveRefused) {
        await ackNow(ack, { response_action: 'errors', errors: inlineErrors(error.errors, blocks, deps.t) });
        return;
      }
      const text = refusalText(deps, error);
      if (text === undefined) throw error;
      await ackNow(ack, { response_action: 'errors', errors: { [refusalBlock]: text } });
      return;
    }
    await ackNow(ack);
    await spec.after?.(interview, metadata, args, now);
  };
}
