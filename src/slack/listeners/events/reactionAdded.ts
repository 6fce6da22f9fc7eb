import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { UserFacingError } from '../../../errors.js';
import type { ListenerDeps } from '../../context.js';
import { notifyUser } from '../../services/notify.js';
import { classifySlackError } from '../../slackErrors.js';

/** SPEC: these reactions by the owner on a reminder mark its task done, like `Gedaan`. */
export const DONE_REACTIONS: ReadonlySet<string> = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check']);

export function reactionAdded(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs): Promise<void> => {
    // Skin-tone variants arrive as "white_check_mark::skin-tone-2".
    const reaction = event.reaction.split('::')[0] ?? '';
    if (!DONE_REACTIONS.has(reaction) || event.item.type !== 'message') return;
    const item = await deps.timeline.findByMessage(event.item.channel, event.item.ts);
    if (!item) return;
    const interview = await deps.interviews.get(item.interviewId);
    // Only the owner's own tick counts; anyone else's reaction is just a reaction.
    if (!interview || interview.ownerId !== event.user || item.doneAt) return;
    if (interview.erased) {
      // Read-only after erasure: nothing is recorded; the owner hears why (in their DM).
      await notifyUser(deps.client, deps.logger, { user: event.user }, deps.t('error.erased', { id: interview.id }));
      return;
    }
    const now = deps.now();
    try {
      await deps.timelineService.complete(item, interview, event.user, now);
      await deps.refresher.refresh(interview.id, now);
    } catch (error) {
      if (error instanceof UserFacingError) return;
      deps.logger.error({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'reaction handling failed');
    }
  };
}
