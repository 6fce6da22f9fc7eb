import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { ID_PREFIX } from '../ids.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerFallbacks(app, deps);
}

/**
 * Actions and views that are not ours (an old message, a tampered payload) are acknowledged and
 * logged, so Slack never shows the user an error for them. Every id of ours starts with ID_PREFIX.
 */
function registerFallbacks(app: App, deps: ListenerDeps): void {
  const foreign = new RegExp(`^(?!${ID_PREFIX})`);
  app.action({ action_id: foreign }, async ({ ack, body }) => {
    await ack();
    deps.logger.warn({ type: body.type }, 'ignored an action with an unknown id');
  });
  app.view({ callback_id: foreign }, async ({ ack }) => {
    await ack();
    deps.logger.warn('ignored a view submission with an unknown callback id');
  });
}
