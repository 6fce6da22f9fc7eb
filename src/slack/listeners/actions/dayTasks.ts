import type { Task } from '../../../domain/rules.js';
import type { ListenerDeps } from '../../context.js';
import { loadWritable, withRefusals } from '../../services/access.js';
import { parseInterviewId } from '../../views/state.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/** The tasks the card (and the coaching advice) let a consultant confirm directly. */
export type ConfirmableTask = Extract<Task, 'checkin' | 'client_reminder' | 'logistics' | 'coaching'>;

/**
 * `Check-in gedaan` / `Klant herinnerd` / `Logistiek bevestigd` / `Coaching gegeven`: the consultant
 * states the work is done. Recorded like `Gedaan` on a reminder (who, when, which date); the card,
 * the checklist, the risk alerts and the messages that offered the button (the coaching advice, the
 * T − 2h list) follow through the refresh.
 */
export function taskConfirmed(deps: ListenerDeps, task: ConfirmableTask) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    await withRefusals(deps, { user: body.user.id, channel: body.channel?.id }, async () => {
      const now = deps.now();
      const interview = await loadWritable(deps, parseInterviewId(action.value), body.user.id);
      await deps.timelineService.completeTask(interview, task, body.user.id, now);
      await deps.refresher.refresh(interview.id, now);
    });
  };
}

