import type { ListenerDeps } from '../../context.js';
import { loadWritable, withRefusals } from '../../services/access.js';
import { parseInterviewId } from '../../views/state.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/** `Annuleren` on the card (after Slack's confirm dialog): stops the whole timeline. */
export function cancelInterview(deps: ListenerDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    await withRefusals(deps, { user: body.user.id, channel: body.channel?.id }, async () => {
      const now = deps.now();
      const interview = await loadWritable(deps, parseInterviewId(action.value), body.user.id);
      if (await deps.timelineService.cancel(interview, body.user.id, now)) await deps.refresher.refresh(interview.id, now);
    });
  };
}
