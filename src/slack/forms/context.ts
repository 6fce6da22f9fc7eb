import { BUDGET_STATUSES, URGENCIES, type InterviewContext } from '../../domain/interview.js';
import { OTHER_CANDIDATES_MAX, TEXT_LIMITS } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { choice, defineForm, text, wholeNumber } from './form.js';

const L = TEXT_LIMITS;

/** Playbook "Interview Context": urgency, decision timeline, pipeline, concerns, budget. */
export const contextForm = defineForm({
  callbackId: CALLBACK.contextModal,
  fields: {
    urgency: choice('context_urgency', 'field.context.urgency', URGENCIES, (u, t) => t(`urgency.${u}`), { kind: 'radio' }),
    decisionTimeline: text('context_decision_timeline', 'field.context.decisionTimeline', L.decisionTimeline, {
      placeholder: 'field.context.decisionTimeline.placeholder',
    }),
    otherCandidatesCount: wholeNumber('context_other_count', 'field.context.otherCount', {
      min: 0,
      max: OTHER_CANDIDATES_MAX,
      error: 'validation.count',
    }),
    otherCandidatesNote: text('context_other_note', 'field.context.otherNote', L.otherCandidatesNote, {
      placeholder: 'field.context.otherNote.placeholder',
    }),
    clientConcerns: text('context_client_concerns', 'field.context.concerns', L.clientConcerns, { multiline: true }),
    budgetStatus: choice('context_budget', 'field.context.budget', BUDGET_STATUSES, (b, t) => t(`budget.${b}`), { kind: 'radio' }),
    commercialTimeline: text('context_commercial_timeline', 'field.context.commercialTimeline', L.commercialTimeline),
  },
  toValue: (v): Omit<InterviewContext, 'updatedAt'> => v,
  fromRecord: (c: InterviewContext) => c,
});
