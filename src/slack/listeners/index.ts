import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
}
