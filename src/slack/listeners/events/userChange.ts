import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { replanOwedZone } from '../../../jobs/timezoneRefresh.js';
import type { ListenerDeps } from '../../context.js';

/**
 * A profile changed (Slack sends this for everyone in the workspace): when a consultant the bot
 * knows has a new timezone, the pending reminders of their upcoming interviews move to it (prep at
 * 09:00 in the new zone); messages already sent stay as they are. Anyone else is ignored.
 */
export function userChange(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs): Promise<void> => {
    const user = event.user as { id?: unknown; tz?: unknown; deleted?: unknown } | undefined;
    if (typeof user?.id !== 'string' || typeof user.tz !== 'string' || user.deleted === true) return;
    if (!(await deps.consultants.get(user.id))) return;
    const now = deps.now();
    if (!(await deps.timezones.learn(user.id, user.tz, now))) return;
    const replanned = await replanOwedZone(deps, user.id, now);
    deps.logger.info({ userId: user.id, interviews: replanned }, 'timezone changed (user_change)');
  };
}
