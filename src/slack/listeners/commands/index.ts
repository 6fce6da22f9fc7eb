import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { COMMAND } from '../../ids.js';
import { interviewprepCommand } from './interviewprep.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, interviewprepCommand(deps));
}
