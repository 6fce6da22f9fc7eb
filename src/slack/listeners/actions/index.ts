import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { ACTION, ROW_ACTION } from '../../ids.js';
import { claimRisk } from './claimRisk.js';
import { taskConfirmed } from './dayTasks.js';
import { addToCalendar } from './addToCalendar.js';
import {
  editInterview,
  openBriefing,
  openChange,
  openCoaching,
  openContext,
  openDebrief,
  openExpectations,
  openFeedback,
  openLoop,
  openStakeholders,
} from './openForms.js';
import { cancelInterview } from './cancelInterview.js';
import { reminderDone, reminderOpen, reminderSnooze } from './reminders.js';
import { addStakeholder, editStakeholder, removeStakeholder } from './stakeholderRows.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.editInterview, editInterview(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openStakeholders, openStakeholders(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openContext, openContext(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openBriefing, openBriefing(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.addStakeholder, addStakeholder(deps));
  app.action<BlockAction<ButtonAction>>(ROW_ACTION.editStakeholder.pattern, editStakeholder(deps));
  app.action<BlockAction<ButtonAction>>(ROW_ACTION.removeStakeholder.pattern, removeStakeholder(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.cancelInterview, cancelInterview(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderDone, reminderDone(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderSnooze15, reminderSnooze(deps, 15));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderSnooze60, reminderSnooze(deps, 60));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderOpen, reminderOpen(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openCoaching, openCoaching(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openExpectations, openExpectations(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openChange, openChange(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.checkinDone, taskConfirmed(deps, 'checkin'));
  app.action<BlockAction<ButtonAction>>(ACTION.clientReminderDone, taskConfirmed(deps, 'client_reminder'));
  app.action<BlockAction<ButtonAction>>(ACTION.logisticsConfirmed, taskConfirmed(deps, 'logistics'));
  app.action<BlockAction<ButtonAction>>(ACTION.coachingGiven, taskConfirmed(deps, 'coaching'));
  app.action<BlockAction<ButtonAction>>(ACTION.addToCalendar, addToCalendar(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openDebrief, openDebrief(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openFeedback, openFeedback(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.openLoop, openLoop(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.claimRisk, claimRisk(deps));
}
