import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { appHomeOpened } from './appHomeOpened.js';
import { reactionAdded } from './reactionAdded.js';
import { userChange } from './userChange.js';

export function registerEvents(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('reaction_added', reactionAdded(deps));
  app.event('user_change', userChange(deps));
}
