import { interviewEnd, type Interview, type TimelineKind } from '../../../domain/interview.js';
import type { FieldError } from '../../../domain/validation.js';
import { fallbackDate } from '../../format.js';
import type { ListenerDeps } from '../../context.js';
import { debriefForm, feedbackForm, loopForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** After a follow-up is logged: its reminders are done, the card, Home and risk alerts follow. */
function afterFollowUp(deps: ListenerDeps, kinds: TimelineKind[]) {
  return async (interview: { id: number }, _m: unknown, { body }: { body: { user: { id: string } } }, now: Date) => {
    const fresh = await deps.interviews.get(interview.id);
    if (fresh) await deps.timelineService.completeKinds(fresh, kinds, body.user.id, now);
    await deps.refresher.refresh(interview.id, now);
  };
}

/**
 * Follow-up is about an interview that took place: logged before its end it would tick "binnen 2u"
 * for work nobody could have done. The form says from when it can be filled in, and stores nothing.
 */
function afterTheEnd(deps: ListenerDeps, field: string) {
  return async (interview: Interview, now: Date): Promise<FieldError | undefined> => {
    const end = interviewEnd(interview);
    if (now.getTime() >= end.getTime()) return undefined;
    const when = fallbackDate(end, await deps.timezones.cached(interview.ownerId), deps.t.language);
    return { field, key: 'validation.beforeEnd', params: { end: when } };
  };
}

/** `Debrief kandidaat`. */
export function debriefSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: debriefForm,
    context: () => undefined,
    refusalField: 'interestLevel',
    precondition: afterTheEnd(deps, 'interestLevel'),
    save: async (interview, fields, _m, now) => {
      await deps.interviews.saveDebrief(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'debrief logged');
    },
    after: afterFollowUp(deps, ['candidate_debrief_due', 'candidate_debrief_overdue']),
  });
}

/** `Klantfeedback`. */
export function feedbackSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: feedbackForm,
    context: () => undefined,
    precondition: afterTheEnd(deps, 'impression'),
    save: async (interview, fields, _m, now) => {
      await deps.interviews.saveFeedback(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'client feedback logged');
    },
    after: afterFollowUp(deps, ['client_feedback_overdue']),
  });
}

/** `Loop sluiten`. */
export function loopSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: loopForm,
    context: () => undefined,
    precondition: afterTheEnd(deps, 'indicators'),
    save: async (interview, fields, _m, now) => {
      await deps.interviews.closeLoop(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'loop closed');
    },
    after: afterFollowUp(deps, ['loop_overdue']),
  });
}
