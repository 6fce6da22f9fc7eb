import type { App } from '@slack/bolt';
import type { PerWorkspace } from '../../context.js';
import { CALLBACK } from '../../ids.js';
import { changeSubmission } from './changeSubmission.js';
import { coachingSubmission } from './coachingSubmission.js';
import { contextSubmission } from './contextSubmission.js';
import { eraseSubmission } from './eraseSubmission.js';
import { expectationsSubmission } from './expectationsSubmission.js';
import { debriefSubmission, feedbackSubmission, loopSubmission } from './followUpSubmissions.js';
import { cultureSubmission } from './cultureSubmission.js';
import { interviewSubmission } from './interviewSubmission.js';
import { stakeholderSubmission } from './stakeholderSubmission.js';
import { handoverSubmission } from './handoverSubmission.js';

export function registerViews(app: App, on: PerWorkspace): void {
  app.view(CALLBACK.interviewModal, on(interviewSubmission));
  app.view(CALLBACK.stakeholdersModal, on(cultureSubmission));
  app.view(CALLBACK.stakeholderModal, on(stakeholderSubmission));
  app.view(CALLBACK.contextModal, on(contextSubmission));
  app.view(CALLBACK.coachingModal, on(coachingSubmission));
  app.view(CALLBACK.expectationsModal, on(expectationsSubmission));
  app.view(CALLBACK.changeModal, on(changeSubmission));
  app.view(CALLBACK.debriefModal, on(debriefSubmission));
  app.view(CALLBACK.feedbackModal, on(feedbackSubmission));
  app.view(CALLBACK.loopModal, on(loopSubmission));
  app.view(CALLBACK.eraseModal, on(eraseSubmission));
  app.view(CALLBACK.handoverModal, on(handoverSubmission));
}
