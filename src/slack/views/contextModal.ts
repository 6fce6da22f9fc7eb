import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { section } from '../blocks.js';
import { contextForm } from '../forms/index.js';
import type { Translator } from '../i18n/index.js';
import { aboutInterview, interviewModal } from './formModal.js';

/** Playbook "Interview Context": urgency, decision timeline, pipeline, concerns, budget. */
export function buildContextModal(interview: Interview, t: Translator): ModalView {
  return interviewModal(
    contextForm.callbackId,
    t('modal.context.title'),
    interview,
    [section(t('form.about', aboutInterview(interview))), ...contextForm.inputs(interview.context, t)],
    t,
  );
}
