import type { App } from '@slack/bolt';
import type { AppDeps, PerWorkspace } from '../../context.js';
import { appHomeOpened } from './appHomeOpened.js';
import { reactionAdded } from './reactionAdded.js';
import { userChange } from './userChange.js';
import { appUninstalled, tokensRevoked } from './workspaceStopped.js';

export function registerEvents(app: App, on: PerWorkspace, appDeps: AppDeps): void {
  app.event('app_home_opened', on(appHomeOpened));
  app.event('reaction_added', on(reactionAdded));
  app.event('user_change', on(userChange));
  app.event('app_uninstalled', appUninstalled(appDeps));
  app.event('tokens_revoked', tokensRevoked(appDeps));
}
