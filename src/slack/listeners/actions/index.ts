import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { ACTION } from '../../ids.js';
import { editInterview } from './editInterview.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.editInterview, editInterview(deps));
}
