import type { KnownBlock, ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { esc, LIMITS, plain } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import type { ForInterviewMetadata } from './state.js';

/** A form about one existing interview: its id travels in private_metadata, Opslaan/Annuleren. */
export function formModal(callbackId: string, title: string, interview: Interview, blocks: KnownBlock[], t: Translator): ModalView {
  const metadata: ForInterviewMetadata = { interviewId: interview.id };
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, LIMITS.modalTitle),
    submit: plain(t('modal.submit'), LIMITS.modalTitle),
    close: plain(t('modal.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** The `{id, candidate, client}` parameters of the forms' first line, escaped for mrkdwn. */
export const aboutInterview = (i: Interview) => ({
  id: i.id,
  candidate: esc(i.logistics.candidateName),
  client: esc(i.logistics.clientCompany),
});
