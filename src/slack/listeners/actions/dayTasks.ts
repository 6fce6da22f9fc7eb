import type { Task } from '../../../domain/rules.js';
import type { ListenerDeps } from '../../context.js';
import { loadWritable, withRefusals } from '../../services/access.js';
import { parseInterviewId } from '../../views/state.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildCoachingAdvice } from '../../views/coachingAdvice.js';

/** The tasks the card (and the coaching advice) let a consultant confirm directly. */
export type ConfirmableTask = Extract<Task, 'checkin' | 'client_reminder' | 'logistics' | 'coaching'>;

/**
 * `Check-in gedaan` / `Klant herinnerd` / `Logistiek bevestigd` / `Coaching gegeven`: the consultant
 * states the work is done. Recorded like `Gedaan` on a reminder (who, when, which date); the card,
 * the checklist and the risk alerts follow, and a coaching advice DM it was clicked on says so.
 */
export function taskConfirmed(deps: ListenerDeps, task: ConfirmableTask) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    await withRefusals(deps, { user: body.user.id, channel: body.channel?.id }, async () => {
      const now = deps.now();
      const interview = loadWritable(deps, parseInterviewId(action.value), body.user.id);
      await deps.timelineService.completeTask(interview, task, body.user.id, now);
      if (task === 'coaching' && body.channel?.id && body.message?.ts) await redrawAdvice(deps, interview.id, body.channel.id, body.message.ts);
      await deps.refresher.refresh(interview.id, now);
    });
  };
}

/** The advice DM the button was on now says who confirmed it (a failure is logged: the card has it too). */
async function redrawAdvice(deps: ListenerDeps, interviewId: number, channel: string, ts: string): Promise<void> {
  const fresh = deps.interviews.get(interviewId);
  if (!fresh) return;
  const message = buildCoachingAdvice(fresh, deps.t, deps.timezones.cached(fresh.ownerId), deps.playbookUrl);
  try {
    await deps.client.chat.update({ channel, ts, ...message });
  } catch (error) {
    deps.logger.warn({ interviewId, slackError: classifySlackError(error).code }, 'could not update the coaching advice');
  }
}
