import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { ACTION, ROW_ACTION } from '../../ids.js';
import { claimRisk } from './claimRisk.js';
import { taskConfirmed } from './dayTasks.js';
import { addToCalendar } from './addToCalendar.js';
import { cardMenu } from './cardMenu.js';
import {
  editInterview,
  openBriefing,
  openChange,
  openChecklist,
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
  app.action<BlockAction<ButtonAction>>(ACTION.openChecklist, openChecklist(deps));
  // The card's "Meer…" menu runs the same handlers as these buttons (views/interviewCard.ts CARD_MENU).
  app.action<BlockAction<StaticSelectAction>>(
    ACTION.cardMore,
    cardMenu(
      new Map([
        [ACTION.openBriefing, openBriefing(deps)],
        [ACTION.editInterview, editInterview(deps)],
        [ACTION.addToCalendar, addToCalendar(deps)],
        [ACTION.openChange, openChange(deps)],
        [ACTION.openDebrief, openDebrief(deps)],
        [ACTION.openFeedback, openFeedback(deps)],
        [ACTION.openLoop, openLoop(deps)],
      ]),
    ),
  );
}
