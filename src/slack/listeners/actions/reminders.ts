import type { Interview } from '../../../domain/interview.js';
import type { TimelineItem } from '../../../domain/timelineItems.js';
import { InterviewErasedError, PayloadError } from '../../../errors.js';
import type { ListenerDeps } from '../../context.js';
import { loadAccessible, withRefusals } from '../../services/access.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildCoachingModal, buildExpectationsModal } from '../../views/phaseModals.js';
import { buildDebriefModal, buildFeedbackModal, buildLoopModal } from '../../views/followUpModals.js';
import { buildOverviewModal } from '../../views/reminders.js';
import { parseButtonId } from '../../views/state.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/**
 * A reminder button carries its timeline item id; the item leads to the interview and its owner.
 * `write`: the button changes something, which an erased interview refuses (it is read-only).
 */
async function loadItem(deps: ListenerDeps, value: unknown, userId: string, write: boolean): Promise<{ item: TimelineItem; interview: Interview }> {
  const item = await deps.timeline.get(parseButtonId(value, 'reminder'));
  if (!item) throw new PayloadError('unknown timeline item');
  return { item, interview: await loadAccessible(deps, item.interviewId, userId, { write }) };
}

function onReminder(
  deps: ListenerDeps,
  work: (item: TimelineItem, interview: Interview, args: ButtonArgs, now: Date) => Promise<void>,
  access: 'write' | 'read' = 'write',
) {
  return async (args: ButtonArgs): Promise<void> => {
    await ackNow(args.ack);
    const { body, action } = args;
    await withRefusals(deps, { user: body.user.id, channel: body.channel?.id }, async () => {
      const now = deps.now();
      const { item, interview } = await loadItem(deps, action.value, body.user.id, access === 'write');
      await work(item, interview, args, now);
    });
  };
}

/** `Gedaan`: the task is done; the message shows who and when, and the card ticks where it applies. */
export const reminderDone = (deps: ListenerDeps) =>
  onReminder(deps, async (item, interview, { body }, now) => {
    await deps.timelineService.complete(item, interview, body.user.id, now);
    await deps.refresher.refresh(interview.id, now);
  });

/** `Snooze 15 min` / `1 uur`: due again later, never past the item's deadline. */
export const reminderSnooze = (deps: ListenerDeps, minutes: number) =>
  onReminder(deps, async (item, interview, _args, now) => {
    await deps.timelineService.snooze(item, interview, minutes, now);
  });

/**
 * `Openen`: the form that belongs to the moment, or the interview overview. The overview only shows,
 * so it opens for an erased interview too; a form would save, so that is refused.
 */
export const reminderOpen = (deps: ListenerDeps) =>
  onReminder(deps, async (item, interview, { body }, now) => {
    const tz = await deps.timezones.cached(interview.ownerId);
    const form = (() => {
      switch (item.kind) {
        case 'prep_candidate':
          return buildCoachingModal(interview, tz, deps.t);
        case 'prep_client':
          return buildExpectationsModal(interview, deps.t);
        case 'candidate_debrief_due':
        case 'candidate_debrief_overdue':
          return buildDebriefModal(interview, deps.t);
        case 'client_feedback_overdue':
          return buildFeedbackModal(interview, deps.t);
        case 'loop_overdue':
          return buildLoopModal(interview, deps.t, now);
        default:
          return undefined;
      }
    })();
    if (form && interview.erased) throw new InterviewErasedError(interview.id);
    const view = form ?? buildOverviewModal(interview, tz, deps.t);
    try {
      await deps.client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      deps.logger.warn({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'views.open failed for a reminder');
    }
  }, 'read');
