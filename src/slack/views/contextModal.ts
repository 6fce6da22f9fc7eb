import type { ModalView } from '@slack/types';
import { BUDGET_STATUSES, URGENCIES, type Interview } from '../../domain/interview.js';
import { OTHER_CANDIDATES_MAX, TEXT_LIMITS } from '../../domain/validation.js';
import { input, numberInput, option, radioButtons, section, textInput } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK, CONTEXT_BLOCK } from '../ids.js';
import { aboutInterview, formModal } from './formModal.js';

/** Playbook "Interview Context": urgency, decision timeline, pipeline, concerns, budget. */
export function buildContextModal(interview: Interview, t: Translator): ModalView {
  const c = interview.context;
  const optional = { optional: true };
  return formModal(CALLBACK.contextModal, t('modal.context.title'), interview, [
      section(t('form.about', aboutInterview(interview))),
      input(
        CONTEXT_BLOCK.urgency,
        t('field.context.urgency'),
        radioButtons(CONTEXT_BLOCK.urgency, URGENCIES.map((u) => option(t(`urgency.${u}`), u)), c?.urgency),
        optional,
      ),
      input(
        CONTEXT_BLOCK.decisionTimeline,
        t('field.context.decisionTimeline'),
        textInput(CONTEXT_BLOCK.decisionTimeline, c?.decisionTimeline, TEXT_LIMITS.decisionTimeline, {
          placeholder: t('field.context.decisionTimeline.placeholder'),
        }),
        optional,
      ),
      input(
        CONTEXT_BLOCK.otherCandidatesCount,
        t('field.context.otherCount'),
        numberInput(CONTEXT_BLOCK.otherCandidatesCount, c?.otherCandidatesCount, 0, OTHER_CANDIDATES_MAX),
        optional,
      ),
      input(
        CONTEXT_BLOCK.otherCandidatesNote,
        t('field.context.otherNote'),
        textInput(CONTEXT_BLOCK.otherCandidatesNote, c?.otherCandidatesNote, TEXT_LIMITS.otherCandidatesNote, {
          placeholder: t('field.context.otherNote.placeholder'),
        }),
        optional,
      ),
      input(
        CONTEXT_BLOCK.clientConcerns,
        t('field.context.concerns'),
        textInput(CONTEXT_BLOCK.clientConcerns, c?.clientConcerns, TEXT_LIMITS.clientConcerns, { multiline: true }),
        optional,
      ),
      input(
        CONTEXT_BLOCK.budgetStatus,
        t('field.context.budget'),
        radioButtons(CONTEXT_BLOCK.budgetStatus, BUDGET_STATUSES.map((b) => option(t(`budget.${b}`), b)), c?.budgetStatus),
        optional,
      ),
      input(
        CONTEXT_BLOCK.commercialTimeline,
        t('field.context.commercialTimeline'),
        textInput(CONTEXT_BLOCK.commercialTimeline, c?.commercialTimeline, TEXT_LIMITS.commercialTimeline),
        optional,
      ),
  ], t);
}
