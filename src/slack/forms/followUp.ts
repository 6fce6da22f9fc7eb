import { IMPRESSIONS, type CandidateDebrief, type ClientFeedback, type LoopClosure } from '../../domain/interview.js';
import { TEXT_LIMITS, type DebriefFields, type FeedbackFields, type LoopFields } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { choice, defineForm, flags, text, wholeNumber } from './form.js';

/** Playbook "3. Opvolging": candidate debrief, client feedback, closing the loop. */

const L = TEXT_LIMITS;
const long = (block: string, label: Parameters<typeof text>[1], max: number = L.followUpText) => text(block, label, max, { multiline: true });

export const debriefForm = defineForm({
  callbackId: CALLBACK.debriefModal,
  fields: {
    experience: long('debrief_experience', 'field.debrief.experience'),
    concerns: long('debrief_concerns', 'field.debrief.concerns'),
    // Radio buttons 1-5, read as a whole number.
    interestLevel: {
      ...wholeNumber('debrief_interest', 'field.debrief.interest', { required: true, min: 1, max: 5, error: 'validation.interest' }),
      element: { kind: 'radio', values: ['1', '2', '3', '4', '5'], option: (v: string) => v },
    },
    otherProcesses: long('debrief_other_processes', 'field.debrief.otherProcesses'),
    notes: long('debrief_notes', 'field.debrief.notes'),
  },
  toValue: (v): DebriefFields => v,
  fromRecord: (d: CandidateDebrief) => d,
});

export const feedbackForm = defineForm({
  callbackId: CALLBACK.feedbackModal,
  fields: {
    impression: choice('feedback_impression', 'field.feedback.impression', IMPRESSIONS, (x, t) => t(`impression.${x}`), {
      kind: 'radio',
      required: true,
    }),
    nextSteps: long('feedback_next_steps', 'field.feedback.nextSteps', L.nextSteps),
    concerns: long('feedback_concerns', 'field.feedback.concerns'),
    decision: text('feedback_decision', 'field.feedback.decision', L.decision),
  },
  toValue: (v): FeedbackFields => v,
  fromRecord: (f: ClientFeedback) => f,
});

export const LOOP_INDICATORS = ['next_steps_clear', 'timeline_kept', 'no_surprises', 'both_positive'] as const;

/**
 * Closing the loop confirms that next steps are clear (the playbook's point of the loop); the other
 * success indicators are recorded as ticked. "Closed within 24h" is computed, never ticked.
 */
export const loopForm = defineForm({
  callbackId: CALLBACK.loopModal,
  fields: {
    indicators: flags('loop_indicators', 'field.loop.indicators', LOOP_INDICATORS, (x, t) => t(`loop.${x}`), { required: true }),
  },
  check: (v) => (v.indicators && !v.indicators.includes('next_steps_clear') ? [{ field: 'indicators', key: 'validation.nextStepsRequired' }] : []),
  toValue: ({ indicators }): LoopFields => ({
    nextStepsClear: true,
    timelineKept: indicators.includes('timeline_kept'),
    noSurprises: indicators.includes('no_surprises'),
    bothPositive: indicators.includes('both_positive'),
  }),
  fromRecord: (l: LoopClosure) => ({
    indicators: LOOP_INDICATORS.filter(
      (x) => ({ next_steps_clear: l.nextStepsClear, timeline_kept: l.timelineKept, no_surprises: l.noSurprises, both_positive: l.bothPositive })[x],
    ),
  }),
});
