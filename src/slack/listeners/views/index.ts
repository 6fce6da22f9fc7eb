import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { CALLBACK } from '../../ids.js';
import { interviewSubmission } from './interviewSubmission.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.interviewModal, interviewSubmission(deps));
}
