import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { section } from '../blocks.js';
import { logisticsForm } from '../forms/index.js';
import type { Translator } from '../i18n/index.js';
import { formModal } from './formModal.js';
import type { InterviewModalMetadata } from './state.js';

/** The logistics modal (SPEC "Logistics"): empty for a new interview, prefilled for an edit. */
export function buildInterviewModal(interview: Interview | undefined, t: Translator): ModalView {
  // The revision lets a stale second tab be refused instead of overwriting newer data.
  const metadata: InterviewModalMetadata = interview ? { interviewId: interview.id, revision: interview.revision } : {};
  return formModal(
    {
      callbackId: logisticsForm.callbackId,
      title: t(interview ? 'modal.edit.title' : 'modal.new.title'),
      metadata,
      clearOnClose: true,
      blocks: [section(t('modal.logistics.intro')), ...logisticsForm.inputs(interview?.logistics, t)],
    },
    t,
  );
}
