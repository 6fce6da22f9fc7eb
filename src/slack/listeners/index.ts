import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { ACTION, CALLBACK, ROW_ACTION } from '../ids.js';
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
 * Actions and views the app has no listener for (an old message from an earlier version, a tampered
 * payload) are acknowledged and logged, so Slack never shows the user an error for them.
 */
function registerFallbacks(app: App, deps: ListenerDeps): void {
  const actions = new Set<string>(Object.values(ACTION));
  const isKnownAction = (id: string) => actions.has(id) || Object.values(ROW_ACTION).some((r) => r.pattern.test(id));
  const callbacks = new Set<string>(Object.values(CALLBACK));
  app.action(/.*/, async ({ ack, action, body }) => {
    const id = (action as { action_id?: string }).action_id ?? '';
    if (isKnownAction(id)) return;
    await ack();
    deps.logger.warn({ type: body.type }, 'ignored an action with an unknown id');
  });
  app.view(/.*/, async ({ ack, view }) => {
    if (callbacks.has(view.callback_id)) return;
    await ack();
    deps.logger.warn('ignored a view submission with an unknown callback id');
  });
}
