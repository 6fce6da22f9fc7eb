import type { App, Context } from '@slack/bolt';
import type { AppDeps, ListenerDeps, PerWorkspace } from '../context.js';
import { ACTION, CALLBACK, ROW_ACTION } from '../ids.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerViews } from './views/index.js';

/**
 * Every listener, bound to the workspace each request comes from (`workspaceFor`: one slice for a
 * single-token deployment, the installed workspace's with the OAuth install).
 */
export function registerListeners(app: App, workspaceFor: (context: Context) => Promise<ListenerDeps>, appDeps: AppDeps): void {
  const on: PerWorkspace = (factory) => {
    // The factory runs once per workspace; a slice rebuilt (a reinstall) gets its own listener.
    const built = new WeakMap<ListenerDeps, ReturnType<typeof factory>>();
    return async (args) => {
      const deps = await workspaceFor(args.context);
      let listener = built.get(deps);
      if (!listener) {
        listener = factory(deps);
        built.set(deps, listener);
      }
      await listener(args);
    };
  };
  registerCommands(app, on);
  registerViews(app, on);
  registerActions(app, on);
  registerEvents(app, on, appDeps);
  registerFallbacks(app, appDeps);
}

/**
 * Actions and views the app has no listener for (an old message from an earlier version, a tampered
 * payload) are acknowledged and logged, so Slack never shows the user an error for them.
 */
function registerFallbacks(app: App, deps: AppDeps): void {
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
