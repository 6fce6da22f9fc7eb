import type { ListenerDeps } from '../../context.js';
import { loadAccessible, withRefusals } from '../../services/access.js';
import { notifyUser } from '../../services/notify.js';
import { classifySlackError } from '../../slackErrors.js';
import { parseInterviewId } from '../../views/state.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/** `In agenda` on the card: the interview as an .ics file in the clicker's DM. */
export function addToCalendar(deps: ListenerDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    await withRefusals(deps, { user: body.user.id, channel: body.channel?.id }, async () => {
      const interview = await loadAccessible(deps, parseInterviewId(action.value), body.user.id);
      if (interview.erased) return;
      try {
        await deps.calendar.send(interview, body.user.id, deps.now());
      } catch (error) {
        deps.logger.warn({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'calendar file failed');
        await notifyUser(deps.client, deps.logger, { user: body.user.id, channel: body.channel?.id }, deps.t('calendar.failed', { id: interview.id }));
      }
    });
  };
}
