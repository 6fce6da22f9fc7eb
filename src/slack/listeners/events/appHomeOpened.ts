import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { classifySlackError } from '../../slackErrors.js';

/** Opening the Home tab publishes it from current data (the Messages tab needs nothing). */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await deps.home.opened(event.user, deps.now());
    } catch (error) {
      deps.logger.error({ userId: event.user, slackError: classifySlackError(error).code }, 'could not publish App Home');
    }
  };
}
