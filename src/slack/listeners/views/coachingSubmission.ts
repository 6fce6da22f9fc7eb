import { deriveCoachingNeed } from '../../../domain/coaching.js';
import { validateCoaching } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { COACHING_BLOCK, STAR_ERROR_BLOCK } from '../../ids.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildCoachingAdvice } from '../../views/coachingAdvice.js';
import { METADATA_SCHEMAS, readCoachingInput } from '../../views/state.js';
import { formSubmission } from './submission.js';

/**
 * Save of the coaching check: the need is derived from the signals, the advice goes to the
 * consultant's DM, and an intensive need is recorded as a risk moment for the team.
 */
export function coachingSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: { ...COACHING_BLOCK, ...STAR_ERROR_BLOCK },
    refusalBlock: COACHING_BLOCK.done,
    validate: (values) => validateCoaching(readCoachingInput(values)),
    save: (interview, fields, _m, now) => {
      const need = deriveCoachingNeed(fields.positiveSignals, fields.warningSignals);
      deps.interviews.saveCoaching(interview.id, fields, need, now);
      if (need === 'intensive') deps.riskAlerts.record(interview, 'coaching_intensive', fields.warningSignals.join(','), now);
      deps.logger.info({ interviewId: interview.id, need }, 'coaching check saved');
    },
    after: async (interview, _m, _args, now) => {
      const fresh = deps.interviews.get(interview.id) ?? interview;
      try {
        await deps.client.chat.postMessage({ channel: fresh.ownerId, ...buildCoachingAdvice(fresh, deps.t, deps.playbookUrl) });
        if (fresh.coaching && fresh.coaching.coachingNeed !== 'minimal') deps.interviews.markAdviceSent(fresh.id, now);
      } catch (error) {
        deps.logger.error({ interviewId: fresh.id, slackError: classifySlackError(error).code }, 'coaching advice not delivered');
      }
      await deps.refresher.refresh(interview.id, now);
    },
  });
}
