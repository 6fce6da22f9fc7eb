import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { canAccess } from '../../../domain/access.js';
import { PayloadError } from '../../../errors.js';
import type { ListenerDeps } from '../../context.js';
import { notifyUser } from '../../services/notify.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildInterviewModal } from '../../views/interviewModal.js';
import { parseInterviewId } from '../../views/state.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** `Bewerken` on the card: reopens the logistics modal, prefilled, for the owner only. */
export function editInterview(deps: ListenerDeps) {
  return async ({ ack, body, action }: Args): Promise<void> => {
    await ack();
    const { t } = deps;
    const target = { user: body.user.id, channel: body.channel?.id };
    let id: number;
    try {
      id = parseInterviewId(action.value);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      deps.logger.warn({ actionId: action.action_id }, 'button with a malformed interview id');
      await notifyUser(deps.client, deps.logger, target, t('error.stale'));
      return;
    }
    const interview = deps.interviews.get(id);
    if (!interview) {
      await notifyUser(deps.client, deps.logger, target, t('error.notFound', { id }));
      return;
    }
    if (!canAccess(interview, body.user.id, deps.admins)) {
      deps.logger.warn({ interviewId: id, userId: body.user.id }, 'refused to open a foreign interview');
      await notifyUser(deps.client, deps.logger, target, t('error.forbidden', { id }));
      return;
    }
    try {
      await deps.client.views.open({ trigger_id: body.trigger_id, view: buildInterviewModal(interview, t) });
    } catch (error) {
      deps.logger.warn({ interviewId: id, slackError: classifySlackError(error).code }, 'views.open failed for edit');
      await notifyUser(deps.client, deps.logger, target, t('command.openFailed'));
    }
  };
}
