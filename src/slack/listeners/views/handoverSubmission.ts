import type { Interview } from '../../../domain/interview.js';
import type { ListenerDeps } from '../../context.js';
import { handoverForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** Nothing left to hand over: cancelled, or the loop is closed. (Erased ones are refused as read-only.) */
export const isHandedOverTooLate = (i: Pick<Interview, 'status' | 'loop'>) => i.status === 'cancelled' || i.loop !== undefined;

/**
 * `Overdragen`, by the owner or an admin: the colleague becomes the owner in one transaction with
 * the rows it causes — the old card rewritten ("Overgedragen aan …", no buttons), a card for the
 * colleague, the pending reminders in the colleague's zone, and the reminders already sent to the old
 * owner rewritten without buttons; everything still to come goes to the colleague (delivery reads the
 * owner at send time).
 */
export function handoverSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: handoverForm,
    context: (interview) => ({ ownerId: interview.ownerId }),
    precondition: (interview) => (isHandedOverTooLate(interview) ? { field: 'colleague', key: 'validation.handoverFinished' } : undefined),
    save: async (interview, { to }, _m, now, userId) => {
      const updated = await deps.interviews.handOver(interview.id, to, userId, now);
      if (!updated) return { ok: false, errors: [{ field: 'colleague', key: 'validation.handoverSelf' }] };
      await deps.outbox.handover(updated, interview.card, interview.ownerId, userId, now);
      // The old owner's open reminders say who has them now, and lose their buttons.
      for (const item of await deps.timeline.forInterview(updated.id)) {
        if (item.plan === updated.plan && item.ts && item.channel && item.channel !== 'risk-alert') await deps.outbox.reminderUpdate(item, updated, now);
      }
      await deps.timelineService.inOwnersZone(updated, now);
      deps.logger.info({ interviewId: interview.id, by: userId === interview.ownerId ? 'owner' : 'admin' }, 'interview handed over');
      return undefined;
    },
    after: async (interview, _m, _args, now) => {
      const updated = await deps.interviews.get(interview.id);
      if (!updated) return;
      // The colleague's zone from Slack (users.info) first, so the new card and every reminder use it.
      await deps.timelineService.planWithFreshTimezone(updated, now);
      await deps.outbox.kick(deps.now);
      deps.home.publishSoon(interview.ownerId);
      await deps.refresher.refresh(updated.id, now);
    },
  });
}
