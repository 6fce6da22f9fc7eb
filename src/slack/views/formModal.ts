import type { KnownBlock, ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { esc, LIMITS, plain } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import type { ForInterviewMetadata } from './state.js';

export interface ModalSpec {
  callbackId: string;
  title: string;
  /** Carried to the submission in private_metadata (untrusted when it comes back: see state.ts). */
  metadata: object;
  blocks: KnownBlock[];
  /** The submit button's text; `false` for a modal that only shows something (closed with `Sluiten`). */
  submit?: string | false;
  /** The close button's text: `Annuleren` for a form, `Sluiten` for a view. */
  close?: string;
  /** A submitted edit must not leave a stale copy behind in Slack's view stack. */
  clearOnClose?: boolean;
}

/**
 * Every modal of the app: title, `Opslaan`/`Annuleren` for a form, `Sluiten` for a modal that only
 * shows something, metadata as JSON.
 */
export function formModal(spec: ModalSpec, t: Translator): ModalView {
  const submit = spec.submit ?? t('modal.submit');
  return {
    type: 'modal',
    callback_id: spec.callbackId,
    title: plain(spec.title, LIMITS.modalTitle),
    ...(submit === false ? {} : { submit: plain(submit, LIMITS.modalTitle) }),
    close: plain(spec.close ?? t(submit === false ? 'button.close' : 'modal.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(spec.metadata),
    ...(spec.clearOnClose ? { clear_on_close: true, notify_on_close: false } : {}),
    blocks: spec.blocks,
  };
}

/** A form or view about one existing interview: its id travels in private_metadata. */
export function interviewModal(
  callbackId: string,
  title: string,
  interview: Interview,
  blocks: KnownBlock[],
  t: Translator,
  opts: Pick<ModalSpec, 'submit' | 'close'> = {},
): ModalView {
  const metadata: ForInterviewMetadata = { interviewId: interview.id };
  return formModal({ callbackId, title, metadata, blocks, ...opts }, t);
}

/** The `{id, candidate, client}` parameters of the forms' first line, escaped for mrkdwn. */
export const aboutInterview = (i: Interview) => ({
  id: i.id,
  candidate: esc(i.logistics.candidateName),
  client: esc(i.logistics.clientCompany),
});
