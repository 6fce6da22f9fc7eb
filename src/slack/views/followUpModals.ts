import type { ModalView } from '@slack/types';
import { IMPRESSIONS, type Interview } from '../../domain/interview.js';
import { taskDeadline } from '../../domain/rules.js';
import { slaText } from './ruleText.js';
import { LOOP_INDICATORS, TEXT_LIMITS } from '../../domain/validation.js';
import { checkboxes, context, input, option, radioButtons, section, textInput } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK, DEBRIEF_BLOCK, FEEDBACK_BLOCK, LOOP_BLOCK } from '../ids.js';
import { aboutInterview, formModal } from './formModal.js';

/** Playbook "3. Opvolging": candidate debrief, client feedback, closing the loop. */

const optional = { optional: true };


export function buildDebriefModal(i: Interview, t: Translator): ModalView {
  const d = i.debrief;
  const long = (id: string, label: string, value?: string) =>
    input(id, label, textInput(id, value, TEXT_LIMITS.followUpText, { multiline: true }), optional);
  return formModal(CALLBACK.debriefModal, t('modal.debrief.title'), i, [
    section(t('debrief.intro', aboutInterview(i))),
    long(DEBRIEF_BLOCK.experience, t('field.debrief.experience'), d?.experience),
    long(DEBRIEF_BLOCK.concerns, t('field.debrief.concerns'), d?.concerns),
    input(
      DEBRIEF_BLOCK.interestLevel,
      t('field.debrief.interest'),
      radioButtons(DEBRIEF_BLOCK.interestLevel, ['1', '2', '3', '4', '5'].map((n) => option(n, n)), d ? String(d.interestLevel) : undefined),
    ),
    long(DEBRIEF_BLOCK.otherProcesses, t('field.debrief.otherProcesses'), d?.otherProcesses),
    long(DEBRIEF_BLOCK.notes, t('field.debrief.notes'), d?.notes),
  ], t);
}

export function buildFeedbackModal(i: Interview, t: Translator): ModalView {
  const f = i.clientFeedback;
  return formModal(CALLBACK.feedbackModal, t('modal.feedback.title'), i, [
    section(t('feedback.intro', aboutInterview(i))),
    input(FEEDBACK_BLOCK.impression, t('field.feedback.impression'), radioButtons(FEEDBACK_BLOCK.impression, IMPRESSIONS.map((x) => option(t(`impression.${x}`), x)), f?.impression)),
    input(FEEDBACK_BLOCK.nextSteps, t('field.feedback.nextSteps'), textInput(FEEDBACK_BLOCK.nextSteps, f?.nextSteps, TEXT_LIMITS.nextSteps, { multiline: true }), optional),
    input(FEEDBACK_BLOCK.concerns, t('field.feedback.concerns'), textInput(FEEDBACK_BLOCK.concerns, f?.concerns, TEXT_LIMITS.followUpText, { multiline: true }), optional),
    input(FEEDBACK_BLOCK.decision, t('field.feedback.decision'), textInput(FEEDBACK_BLOCK.decision, f?.decision, TEXT_LIMITS.decision), optional),
  ], t);
}

/** Closing the loop; "within 24h" is shown as computed from the clock, never a box to tick. */
export function buildLoopModal(i: Interview, t: Translator, now: Date): ModalView {
  const l = i.loop;
  const ticked = l
    ? LOOP_INDICATORS.filter((x) => ({ next_steps_clear: l.nextStepsClear, timeline_kept: l.timelineKept, no_surprises: l.noSurprises, both_positive: l.bothPositive })[x])
    : [];
  const closedAt = l?.closedAt ?? now;
  const within = closedAt.getTime() <= (taskDeadline('loop', i.logistics) as Date).getTime();
  return formModal(CALLBACK.loopModal, t('modal.loop.title'), i, [
    section(t('loop.intro', aboutInterview(i))),
    input(LOOP_BLOCK.indicators, t('field.loop.indicators'), checkboxes(LOOP_BLOCK.indicators, LOOP_INDICATORS.map((x) => option(t(`loop.${x}`), x)), ticked)),
    context(t('loop.within24h', { answer: t(within ? 'answer.yes' : 'answer.no'), sla: slaText('loop', t) })),
  ], t);
}
