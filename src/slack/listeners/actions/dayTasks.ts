import type { ListenerDeps } from '../../context.js';
import { loadWritable, withRefusals } from '../../services/access.js';
import { parseInterviewId } from '../../views/state.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/** `Check-in gedaan` / `Klant herinnerd` on the card: the same as `Gedaan` on those reminders. */
export function dayTaskDone(deps: ListenerDeps, task: 'checkin' | 'client_reminder') {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    await withRefusals(deps, { user: body.user.id, channel: body.channel?.id }, async () => {
      const now = deps.now();
      const interview = loadWritable(deps, parseInterviewId(action.value), body.user.id);
      await deps.timelineService.completeDayTask(interview, task, body.user.id, now);
      await deps.refresher.refresh(interview.id, now);
    });
  };
}
