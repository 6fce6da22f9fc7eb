import type { ModalView } from '@slack/types';
import { CHANGE_DECISIONS, CHANGE_REASONS, POSITIVE_SIGNALS, WARNING_SIGNALS, type Interview } from '../../domain/interview.js';
import { COACHING_DONE, TEXT_LIMITS } from '../../domain/validation.js';
import {
  checkboxes,
  datetimePicker,
  divider,
  input,
  option,
  radioButtons,
  section,
  textInput,
} from '../blocks.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { CALLBACK, CHANGE_BLOCK, COACHING_BLOCK, EXPECTATIONS_BLOCK } from '../ids.js';
import { slackDate } from '../format.js';
import { contextConversationScript, copyableText } from './briefing.js';
import { aboutInterview, formModal } from './formModal.js';

/** Playbook phases 1-3 as modals: coaching check, client expectations, last-minute change. */

const optional = { optional: true };



/** Phase 1: the coaching check, prefilled when it was logged before (a second call refines it). */
export function buildCoachingModal(i: Interview, tz: string, t: Translator): ModalView {
  const c = i.coaching;
  const done = c
    ? [c.contextShared && 'context_shared', c.updatesShared && 'updates_shared', c.gunfactorDiscussed && 'gunfactor'].filter(
        (x): x is string => typeof x === 'string',
      )
    : [];
  const star = (n: 1 | 2) => {
    const s = c?.starExamples[n - 1];
    const ids =
      n === 1
        ? [COACHING_BLOCK.star1Situation, COACHING_BLOCK.star1Task, COACHING_BLOCK.star1Action, COACHING_BLOCK.star1Result]
        : [COACHING_BLOCK.star2Situation, COACHING_BLOCK.star2Task, COACHING_BLOCK.star2Action, COACHING_BLOCK.star2Result];
    const parts = ['situation', 'task', 'action', 'result'] as const;
    return [
      section(t(n === 1 ? 'coaching.star1' : 'coaching.star2')),
      ...parts.map((p, k) =>
        input(ids[k] as string, t(`field.star.${p}`), textInput(ids[k] as string, s?.[p], TEXT_LIMITS.starPart, { multiline: true }), optional),
      ),
    ];
  };
  return formModal(CALLBACK.coachingModal, t('modal.coaching.title'), i, [
    section(t('coaching.intro', aboutInterview(i))),
    section(t('coaching.scriptsTitle')),
    section(copyableText(contextConversationScript(i, tz, t))),
    divider(),
    input(
      COACHING_BLOCK.positiveSignals,
      t('field.coaching.positive'),
      checkboxes(COACHING_BLOCK.positiveSignals, POSITIVE_SIGNALS.map((p) => option(t(`signal.${p}`), p)), c?.positiveSignals),
      optional,
    ),
    input(
      COACHING_BLOCK.warningSignals,
      t('field.coaching.warning'),
      checkboxes(COACHING_BLOCK.warningSignals, WARNING_SIGNALS.map((w) => option(t(`signal.${w}`), w)), c?.warningSignals),
      optional,
    ),
    input(
      COACHING_BLOCK.done,
      t('field.coaching.done'),
      checkboxes(COACHING_BLOCK.done, COACHING_DONE.map((d) => option(t(`coachingDone.${d}`), d)), done),
      optional,
    ),
    input(COACHING_BLOCK.updatesText, t('field.coaching.updatesText'), textInput(COACHING_BLOCK.updatesText, c?.updatesText, TEXT_LIMITS.updatesText, { multiline: true }), optional),
    input(COACHING_BLOCK.candidateGoal, t('field.coaching.goal'), textInput(COACHING_BLOCK.candidateGoal, c?.candidateGoal, TEXT_LIMITS.candidateGoal, { multiline: true }), optional),
    input(COACHING_BLOCK.memorablePoints, t('field.coaching.memorable'), textInput(COACHING_BLOCK.memorablePoints, c?.memorablePoints, TEXT_LIMITS.memorablePoints, { multiline: true }), optional),
    divider(),
    ...star(1),
    ...star(2),
  ], t);
}

/** Phase 2: client expectations. */
export function buildExpectationsModal(i: Interview, t: Translator): ModalView {
  const e = i.clientExpectations;
  return formModal(CALLBACK.expectationsModal, t('modal.expectations.title'), i, [
    section(t('expectations.intro', aboutInterview(i))),
    input(
      EXPECTATIONS_BLOCK.agendaAligned,
      t('field.expectations.agenda'),
      checkboxes(EXPECTATIONS_BLOCK.agendaAligned, [option(t('expectations.agendaAligned'), 'yes')], e?.agendaAligned ? ['yes'] : []),
      optional,
    ),
    input(EXPECTATIONS_BLOCK.evaluationCriteria, t('field.expectations.criteria'), textInput(EXPECTATIONS_BLOCK.evaluationCriteria, e?.evaluationCriteria, TEXT_LIMITS.evaluationCriteria, { multiline: true }), optional),
    input(EXPECTATIONS_BLOCK.feedbackExpectedEpochSeconds, t('field.expectations.feedbackAt'), datetimePicker(EXPECTATIONS_BLOCK.feedbackExpectedEpochSeconds, e?.feedbackExpectedAt), optional),
    input(EXPECTATIONS_BLOCK.nextSteps, t('field.expectations.nextSteps'), textInput(EXPECTATIONS_BLOCK.nextSteps, e?.nextSteps, TEXT_LIMITS.nextSteps, { multiline: true }), optional),
  ], t);
}

/** Phase 3: what happened at the last minute and what was decided. */
export function buildChangeModal(i: Interview, tz: string, t: Translator): ModalView {
  return formModal(CALLBACK.changeModal, t('modal.change.title'), i, [
    section(t('change.intro', { ...aboutInterview(i), when: slackDate(i.logistics.start, tz, t.language) })),
    input(CHANGE_BLOCK.what, t('field.change.what'), radioButtons(CHANGE_BLOCK.what, CHANGE_REASONS.map((r) => option(t(`changeWhat.${r}` as MessageKey), r)))),
    input(CHANGE_BLOCK.decision, t('field.change.decision'), radioButtons(CHANGE_BLOCK.decision, CHANGE_DECISIONS.map((d) => option(t(`changeDecision.${d}` as MessageKey), d)))),
    input(CHANGE_BLOCK.newStartEpochSeconds, t('field.change.newStart'), datetimePicker(CHANGE_BLOCK.newStartEpochSeconds), optional),
    input(CHANGE_BLOCK.note, t('field.change.note'), textInput(CHANGE_BLOCK.note, undefined, TEXT_LIMITS.changeNote, { multiline: true }), optional),
  ], t);
}
