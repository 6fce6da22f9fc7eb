import type { ListenerDeps } from '../../context.js';
import { changeForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/**
 * A last-minute change: recorded (history on the card, a risk moment for the team), and then
 * `verzetten` moves every timer, `annuleren` stops them, `gaat door` changes nothing else. The
 * consultant gets a DM confirming it, with the messages for the candidate and the client ready.
 */
export function changeSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: changeForm,
    context: (_interview, now) => ({ now }),
    save: async (interview, change, _m, now, userId) => {
      const updated = await deps.interviews.recordChange(interview.id, { ...change, createdBy: userId }, now);
      if (change.decision === 'reschedule') await deps.timelineService.plan(updated, now);
      await deps.riskAlerts.record(updated, 'last_minute_change', `${change.what}:${change.decision}`, now);
      // The confirmation is a row with the change: one per change, retried until delivered.
      const recorded = updated.changes.at(-1);
      if (recorded) await deps.outbox.changeConfirmation(updated.id, recorded.id, userId, now);
      deps.logger.info({ interviewId: interview.id, what: change.what, decision: change.decision }, 'last-minute change recorded');
    },
    after: async (interview, _m, { body }, now) => {
      const latest = await deps.interviews.get(interview.id);
      // This user's change, just saved (another change may have landed since).
      const change = [...(latest?.changes ?? [])].reverse().find((c) => c.createdBy === body.user.id) ?? latest?.changes.at(-1);
      if (latest && change?.decision === 'cancel') await deps.timelineService.cancel(latest, body.user.id, now);
      await deps.refresher.refresh(interview.id, now);
      if (latest && change?.decision === 'reschedule') await deps.calendar.resendIfTaken(latest, now);
      // Last, so that what it says ("herinneringen verplaatst / gestopt") is already true.
      if (latest && change) await deps.outbox.kick(deps.now);
    },
  });
}
