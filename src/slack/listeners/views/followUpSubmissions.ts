import type { TimelineKind } from '../../../domain/interview.js';
import { validateDebrief, validateFeedback, validateLoop } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { DEBRIEF_BLOCK, FEEDBACK_BLOCK, LOOP_BLOCK } from '../../ids.js';
import { METADATA_SCHEMAS, readDebriefInput, readFeedbackInput, readLoopInput } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** After a follow-up is logged: its reminders are done, the card, Home and risk alerts follow. */
function afterFollowUp(deps: ListenerDeps, kinds: TimelineKind[]) {
  return async (interview: { id: number }, _m: unknown, { body }: { body: { user: { id: string } } }, now: Date) => {
    const fresh = deps.interviews.get(interview.id);
    if (fresh) await deps.timelineService.completeKinds(fresh, kinds, body.user.id, now);
    await deps.refresher.refresh(interview.id, now);
  };
}

/** `Debrief kandidaat`. */
export function debriefSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: DEBRIEF_BLOCK,
    refusalBlock: DEBRIEF_BLOCK.interestLevel,
    validate: (values) => validateDebrief(readDebriefInput(values)),
    save: (interview, fields, _m, now) => {
      deps.interviews.saveDebrief(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'debrief logged');
    },
    after: afterFollowUp(deps, ['candidate_debrief_due', 'candidate_debrief_overdue']),
  });
}

/** `Klantfeedback`. */
export function feedbackSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: FEEDBACK_BLOCK,
    refusalBlock: FEEDBACK_BLOCK.impression,
    validate: (values) => validateFeedback(readFeedbackInput(values)),
    save: (interview, fields, _m, now) => {
      deps.interviews.saveFeedback(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'client feedback logged');
    },
    after: afterFollowUp(deps, ['client_feedback_overdue']),
  });
}

/** `Loop sluiten`. */
export function loopSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: LOOP_BLOCK,
    refusalBlock: LOOP_BLOCK.indicators,
    validate: (values) => validateLoop(readLoopInput(values)),
    save: (interview, fields, _m, now) => {
      deps.interviews.closeLoop(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'loop closed');
    },
    after: afterFollowUp(deps, ['loop_overdue']),
  });
}
