import { interviewEnd, type Interview, type TimelineKind } from '../../../domain/interview.js';
import { validateDebrief, validateFeedback, validateLoop, type Validated } from '../../../domain/validation.js';
import { fallbackDate } from '../../format.js';
import type { ListenerDeps } from '../../context.js';
import { DEBRIEF_BLOCK, FEEDBACK_BLOCK, LOOP_BLOCK } from '../../ids.js';
import { METADATA_SCHEMAS, readDebriefInput, readFeedbackInput, readLoopInput, type StateValues } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** After a follow-up is logged: its reminders are done, the card, Home and risk alerts follow. */
function afterFollowUp(deps: ListenerDeps, kinds: TimelineKind[]) {
  return async (interview: { id: number }, _m: unknown, { body }: { body: { user: { id: string } } }, now: Date) => {
    const fresh = deps.interviews.get(interview.id);
    if (fresh) await deps.timelineService.completeKinds(fresh, kinds, body.user.id, now);
    await deps.refresher.refresh(interview.id, now);
  };
}

/**
 * Follow-up is about an interview that took place: logged before its end it would tick "binnen 2u"
 * for work nobody could have done. The form says from when it can be filled in, and stores nothing.
 */
function afterTheEnd<V>(deps: ListenerDeps, firstBlock: string, validate: (values: StateValues | undefined) => Validated<V>) {
  return (values: StateValues | undefined, interview: Interview, now: Date): Validated<V> => {
    const end = interviewEnd(interview);
    if (now.getTime() < end.getTime()) {
      const when = fallbackDate(end, deps.timezones.cached(interview.ownerId), deps.t.language);
      return { ok: false, errors: [{ field: firstBlock, key: 'validation.beforeEnd', params: { end: when } }] };
    }
    return validate(values);
  };
}

/** `Debrief kandidaat`. */
export function debriefSubmission(deps: ListenerDeps) {
  const validate = afterTheEnd(deps, 'interestLevel', (values: StateValues | undefined) => validateDebrief(readDebriefInput(values)));
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: DEBRIEF_BLOCK,
    refusalBlock: DEBRIEF_BLOCK.interestLevel,
    validate,
    save: (interview, fields, _m, now) => {
      deps.interviews.saveDebrief(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'debrief logged');
    },
    after: afterFollowUp(deps, ['candidate_debrief_due', 'candidate_debrief_overdue']),
  });
}

/** `Klantfeedback`. */
export function feedbackSubmission(deps: ListenerDeps) {
  const validate = afterTheEnd(deps, 'impression', (values: StateValues | undefined) => validateFeedback(readFeedbackInput(values)));
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: FEEDBACK_BLOCK,
    refusalBlock: FEEDBACK_BLOCK.impression,
    validate,
    save: (interview, fields, _m, now) => {
      deps.interviews.saveFeedback(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'client feedback logged');
    },
    after: afterFollowUp(deps, ['client_feedback_overdue']),
  });
}

/** `Loop sluiten`. */
export function loopSubmission(deps: ListenerDeps) {
  const validate = afterTheEnd(deps, 'indicators', (values: StateValues | undefined) => validateLoop(readLoopInput(values)));
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: LOOP_BLOCK,
    refusalBlock: LOOP_BLOCK.indicators,
    validate,
    save: (interview, fields, _m, now) => {
      deps.interviews.closeLoop(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'loop closed');
    },
    after: afterFollowUp(deps, ['loop_overdue']),
  });
}
