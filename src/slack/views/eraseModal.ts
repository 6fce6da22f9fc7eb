import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { section } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK } from '../ids.js';
import { aboutInterview, interviewModal } from './formModal.js';

/** The confirm dialog of `/interviewprep verwijder <id>`: says exactly what goes and what stays. */
export function buildEraseModal(i: Interview, t: Translator): ModalView {
  return interviewModal(CALLBACK.eraseModal, t('modal.erase.title'), i, [section(t('erase.confirm', aboutInterview(i)))], t, {
    submit: t('erase.submit'),
  });
}
