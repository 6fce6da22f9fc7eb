import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { section } from '../blocks.js';
import { slackDate } from '../format.js';
import { handoverForm } from '../forms/index.js';
import type { Translator } from '../i18n/index.js';
import { aboutInterview, interviewModal } from './formModal.js';

/** The confirm of `/interviewprep overdragen <nr> @collega`: what happens, and the colleague (prefilled). */
export function buildHandoverModal(i: Interview, to: string | undefined, tz: string, t: Translator): ModalView {
  return interviewModal(
    handoverForm.callbackId,
    t('modal.handover.title'),
    i,
    [section(t('handover.confirm', { ...aboutInterview(i), when: slackDate(i.logistics.start, tz, t.language) })), ...handoverForm.inputs({ to }, t)],
    t,
    { submit: t('handover.submit') },
  );
}
