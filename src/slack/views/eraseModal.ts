import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { esc, LIMITS, plain, section } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK } from '../ids.js';
import type { ForInterviewMetadata } from './state.js';

/** The confirm dialog of `/interviewprep verwijder <id>`: says exactly what goes and what stays. */
export function buildEraseModal(i: Interview, t: Translator): ModalView {
  const metadata: ForInterviewMetadata = { interviewId: i.id };
  return {
    type: 'modal',
    callback_id: CALLBACK.eraseModal,
    title: plain(t('modal.erase.title'), LIMITS.modalTitle),
    submit: plain(t('erase.submit'), LIMITS.modalTitle),
    close: plain(t('modal.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(t('erase.confirm', { id: i.id, candidate: esc(i.logistics.candidateName), client: esc(i.logistics.clientCompany) })),
    ],
  };
}
