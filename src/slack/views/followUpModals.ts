import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { taskDeadline } from '../../domain/rules.js';
import { context, section } from '../blocks.js';
import { debriefForm, feedbackForm, loopForm } from '../forms/index.js';
import type { Translator } from '../i18n/index.js';
import { aboutInterview, interviewModal } from './formModal.js';
import { slaText } from './ruleText.js';

/** Playbook "3. Opvolging": candidate debrief, client feedback, closing the loop. */

export function buildDebriefModal(i: Interview, t: Translator): ModalView {
  return interviewModal(
    debriefForm.callbackId,
    t('modal.debrief.title'),
    i,
    [section(t('debrief.intro', aboutInterview(i))), ...debriefForm.inputs(i.debrief, t)],
    t,
  );
}

export function buildFeedbackModal(i: Interview, t: Translator): ModalView {
  return interviewModal(
    feedbackForm.callbackId,
    t('modal.feedback.title'),
    i,
    [section(t('feedback.intro', aboutInterview(i))), ...feedbackForm.inputs(i.clientFeedback, t)],
    t,
  );
}

/** Closing the loop; "within 24h" is shown as computed from the clock, never a box to tick. */
export function buildLoopModal(i: Interview, t: Translator, now: Date): ModalView {
  const closedAt = i.loop?.closedAt ?? now;
  const within = closedAt.getTime() <= (taskDeadline('loop', i.logistics) as Date).getTime();
  return interviewModal(
    loopForm.callbackId,
    t('modal.loop.title'),
    i,
    [
      section(t('loop.intro', aboutInterview(i))),
      ...loopForm.inputs(i.loop, t),
      context(t('loop.within24h', { answer: t(within ? 'answer.yes' : 'answer.no'), sla: slaText('loop', t) })),
    ],
    t,
  );
}
