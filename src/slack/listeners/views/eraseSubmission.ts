import type { ListenerDeps } from '../../context.js';
import { loadAccessible, refusalText } from '../../services/access.js';
import { notifyUser } from '../../services/notify.js';
import { classifySlackError } from '../../slackErrors.js';
import { METADATA_SCHEMAS, parseMetadata } from '../../views/state.js';
import type { SubmissionArgs } from './submission.js';
import { ackNow } from '../../ack.js';

/** Confirmed `verwijder`: erase now, then rewrite the card, reminders and alerts that showed the data. */
export function eraseSubmission(deps: ListenerDeps) {
  return async ({ ack, body, view }: SubmissionArgs): Promise<void> => {
    const user = body.user.id;
    let interview;
    try {
      interview = await loadAccessible(deps, parseMetadata(view.private_metadata, METADATA_SCHEMAS.forInterview).interviewId, user);
    } catch (error) {
      const text = refusalText(deps, error);
      if (text === undefined) throw error;
      // The dialog has no inputs to put an error on: show the refusal in place of the dialog.
      await ackNow(ack, { response_action: 'clear' });
      await notifyUser(deps.client, deps.logger, { user }, text);
      return;
    }
    await ackNow(ack);
    const now = deps.now();
    try {
      const erased = await deps.privacy.erase(interview, now);
      await notifyUser(deps.client, deps.logger, { user }, deps.t(erased ? 'erase.done' : 'erase.already', { id: interview.id }));
      await deps.home.publish(interview.ownerId, now);
    } catch (error) {
      deps.logger.error({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'erasure follow-up failed');
    }
  };
}
