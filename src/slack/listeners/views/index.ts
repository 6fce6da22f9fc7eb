import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
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

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.interviewModal, interviewSubmission(deps));
  app.view(CALLBACK.stakeholdersModal, cultureSubmission(deps));
  app.view(CALLBACK.stakeholderModal, stakeholderSubmission(deps));
  app.view(CALLBACK.contextModal, contextSubmission(deps));
  app.view(CALLBACK.coachingModal, coachingSubmission(deps));
  app.view(CALLBACK.expectationsModal, expectationsSubmission(deps));
  app.view(CALLBACK.changeModal, changeSubmission(deps));
  app.view(CALLBACK.debriefModal, debriefSubmission(deps));
  app.view(CALLBACK.feedbackModal, feedbackSubmission(deps));
  app.view(CALLBACK.loopModal, loopSubmission(deps));
  app.view(CALLBACK.eraseModal, eraseSubmission(deps));
  app.view(CALLBACK.handoverModal, handoverSubmission(deps));
}
