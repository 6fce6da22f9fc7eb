import type { App } from '@slack/bolt';
import type { PerWorkspace } from '../../context.js';
import { COMMAND } from '../../ids.js';
import { interviewprepCommand } from './interviewprep.js';

export function registerCommands(app: App, on: PerWorkspace): void {
  app.command(COMMAND, on(interviewprepCommand));
}
