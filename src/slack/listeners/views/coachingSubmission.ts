import { deriveCoachingNeed } from '../../../domain/coaching.js';
import type { ListenerDeps } from '../../context.js';
import { coachingForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/**
 * Save of the coaching check: the need is derived from the signals, the advice goes to the
 * consultant's DM through the outbox, and an intensive need is recorded as a risk moment for the team.
 */
export function coachingSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: coachingForm,
    context: () => undefined,
    refusalField: 'done',
    save: async (interview, fields, _m, now) => {
      const need = deriveCoachingNeed(fields.positiveSignals, fields.warningSignals);
      await deps.interviews.saveCoaching(interview.id, fields, need, now);
      // The advice is a row with the save: delivered (and retried) by the outbox, never lost.
      await deps.outbox.coachingAdvice(interview, now, now);
      if (need === 'intensive') await deps.riskAlerts.record(interview, 'coaching_intensive', fields.warningSignals.join(','), now);
      deps.logger.info({ interviewId: interview.id, need }, 'coaching check saved');
    },
    after: async (interview, _m, _args, now) => {
      await deps.outbox.kick(deps.now);
      await deps.refresher.refresh(interview.id, now);
    },
  });
}
