import { buildChecklistModal } from '../../views/interviewCard.js';
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Interview } from '../../../domain/interview.js';
import type { ListenerDeps } from '../../context.js';
import { loadAccessible, withRefusals } from '../../services/access.js';
import { notifyUser } from '../../services/notify.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildBriefingModal } from '../../views/briefing.js';
import { buildContextModal } from '../../views/contextModal.js';
import { buildInterviewModal } from '../../views/interviewModal.js';
import { parseInterviewId } from '../../views/state.js';
import { buildStakeholdersModal } from '../../views/stakeholders.js';
import { buildChangeModal, buildCoachingModal, buildExpectationsModal } from '../../views/phaseModals.js';
import { buildDebriefModal, buildFeedbackModal, buildLoopModal } from '../../views/followUpModals.js';
import { ackNow } from '../../ack.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * A button (on the card, App Home or a reminder) whose value is an interview id and which opens a
 * form about it, for the owner or an admin only. A form that saves is refused for an erased
 * interview (read-only); a view that only shows (`read`) still opens.
 */
function opensModal(
  deps: ListenerDeps,
  build: (interview: Interview, tz: string, now: Date) => ModalView,
  what: string,
  access: 'write' | 'read' = 'write',
) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    const target = { user: body.user.id, channel: body.channel?.id };
    await withRefusals(deps, target, async () => {
      const interview = await loadAccessible(deps, parseInterviewId(action.value), body.user.id, { write: access === 'write' });
      const view = build(interview, await deps.timezones.cached(interview.ownerId), deps.now());
      try {
        const res = await deps.client.views.open({ trigger_id: body.trigger_id, view });
        deps.views.remember(res.view as { id?: string; hash?: string });
      } catch (error) {
        deps.logger.warn({ interviewId: interview.id, form: what, slackError: classifySlackError(error).code }, 'views.open failed');
        await notifyUser(deps.client, deps.logger, target, deps.t('command.openFailed'));
      }
    });
  };
}

/** `Bewerken`: the logistics modal, prefilled. */
export const editInterview = (deps: ListenerDeps) =>
  opensModal(deps, (i) => buildInterviewModal(i, deps.t), 'logistics');

/** `Gesprekspartners`: interviewers, culture notes and the candidate briefing. */
export const openStakeholders = (deps: ListenerDeps) =>
  opensModal(deps, (i, tz) => buildStakeholdersModal(i, tz, deps.t), 'stakeholders');

/** `Context`: the interview-context form. */
export const openContext = (deps: ListenerDeps) => opensModal(deps, (i) => buildContextModal(i, deps.t), 'context');

/** `Briefing kandidaat`: the filled-in context-conversation script, ready to copy. */
export const openBriefing = (deps: ListenerDeps) =>
  opensModal(deps, (i, tz) => buildBriefingModal(i, tz, deps.t), 'briefing', 'read');

/** `Checklist` on the card: all 17 items (the card itself lists only what is open). */
export const openChecklist = (deps: ListenerDeps) =>
  opensModal(deps, (i) => buildChecklistModal(i, deps.t), 'checklist', 'read');

/** `Coaching check` (card, Home, prep reminder): phase 1. */
export const openCoaching = (deps: ListenerDeps) =>
  opensModal(deps, (i, tz) => buildCoachingModal(i, tz, deps.t), 'coaching');

/** `Klantverwachtingen`: phase 2. */
export const openExpectations = (deps: ListenerDeps) =>
  opensModal(deps, (i) => buildExpectationsModal(i, deps.t), 'expectations');

/** `Last-minute wijziging` (card, check-in and on-call reminders): phase 3. */
export const openChange = (deps: ListenerDeps) => opensModal(deps, (i, tz) => buildChangeModal(i, tz, deps.t), 'change');

/** `Debrief kandidaat` (card, Home, debrief reminders). */
export const openDebrief = (deps: ListenerDeps) => opensModal(deps, (i) => buildDebriefModal(i, deps.t), 'debrief');

/** `Klantfeedback`. */
export const openFeedback = (deps: ListenerDeps) => opensModal(deps, (i) => buildFeedbackModal(i, deps.t), 'feedback');

/** `Loop sluiten`. */
export const openLoop = (deps: ListenerDeps) => opensModal(deps, (i, _tz, now) => buildLoopModal(i, deps.t, now), 'loop');
