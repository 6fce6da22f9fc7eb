import type { ClientExpectations } from '../../domain/interview.js';
import { TEXT_LIMITS, type ExpectationsFields } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { dateTime, defineForm, flags, text } from './form.js';

const L = TEXT_LIMITS;

/** Phase 2: what the client will judge and when they give feedback (after the start, of course). */
export const expectationsForm = defineForm({
  callbackId: CALLBACK.expectationsModal,
  fields: {
    agendaAligned: flags('expectations_agenda', 'field.expectations.agenda', ['yes'] as const, (_v, t) => t('expectations.agendaAligned')),
    evaluationCriteria: text('expectations_criteria', 'field.expectations.criteria', L.evaluationCriteria, { multiline: true }),
    feedbackExpectedEpochSeconds: dateTime('expectations_feedback_at', 'field.expectations.feedbackAt'),
    nextSteps: text('expectations_next_steps', 'field.expectations.nextSteps', L.nextSteps, { multiline: true }),
  },
  check: (v, ctx: { interviewStart: Date }) => {
    const at = v.feedbackExpectedEpochSeconds;
    return at !== undefined && at * 1000 <= ctx.interviewStart.getTime()
      ? [{ field: 'feedbackExpectedEpochSeconds', key: 'validation.feedbackAfterStart' }]
      : [];
  },
  toValue: ({ feedbackExpectedEpochSeconds: at, agendaAligned, ...v }): ExpectationsFields => ({
    ...v,
    agendaAligned: agendaAligned.includes('yes'),
    feedbackExpectedAt: at === undefined ? undefined : new Date(at * 1000),
  }),
  fromRecord: (e: ClientExpectations) => ({
    ...e,
    agendaAligned: e.agendaAligned ? ['yes'] : [],
    feedbackExpectedEpochSeconds: e.feedbackExpectedAt ? Math.floor(e.feedbackExpectedAt.getTime() / 1000) : undefined,
  }),
});
