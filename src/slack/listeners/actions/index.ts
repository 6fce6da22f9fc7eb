import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { PerWorkspace } from '../../context.js';
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

export function registerActions(app: App, on: PerWorkspace): void {
  app.action<BlockAction<ButtonAction>>(ACTION.editInterview, on(editInterview));
  app.action<BlockAction<ButtonAction>>(ACTION.openStakeholders, on(openStakeholders));
  app.action<BlockAction<ButtonAction>>(ACTION.openContext, on(openContext));
  app.action<BlockAction<ButtonAction>>(ACTION.openBriefing, on(openBriefing));
  app.action<BlockAction<ButtonAction>>(ACTION.addStakeholder, on(addStakeholder));
  app.action<BlockAction<ButtonAction>>(ROW_ACTION.editStakeholder.pattern, on(editStakeholder));
  app.action<BlockAction<ButtonAction>>(ROW_ACTION.removeStakeholder.pattern, on(removeStakeholder));
  app.action<BlockAction<ButtonAction>>(ACTION.cancelInterview, on(cancelInterview));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderDone, on(reminderDone));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderSnooze15, on((deps) => reminderSnooze(deps, 15)));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderSnooze60, on((deps) => reminderSnooze(deps, 60)));
  app.action<BlockAction<ButtonAction>>(ACTION.reminderOpen, on(reminderOpen));
  app.action<BlockAction<ButtonAction>>(ACTION.openCoaching, on(openCoaching));
  app.action<BlockAction<ButtonAction>>(ACTION.openExpectations, on(openExpectations));
  app.action<BlockAction<ButtonAction>>(ACTION.openChange, on(openChange));
  app.action<BlockAction<ButtonAction>>(ACTION.checkinDone, on((deps) => taskConfirmed(deps, 'checkin')));
  app.action<BlockAction<ButtonAction>>(ACTION.clientReminderDone, on((deps) => taskConfirmed(deps, 'client_reminder')));
  app.action<BlockAction<ButtonAction>>(ACTION.logisticsConfirmed, on((deps) => taskConfirmed(deps, 'logistics')));
  app.action<BlockAction<ButtonAction>>(ACTION.coachingGiven, on((deps) => taskConfirmed(deps, 'coaching')));
  app.action<BlockAction<ButtonAction>>(ACTION.addToCalendar, on(addToCalendar));
  app.action<BlockAction<ButtonAction>>(ACTION.openDebrief, on(openDebrief));
  app.action<BlockAction<ButtonAction>>(ACTION.openFeedback, on(openFeedback));
  app.action<BlockAction<ButtonAction>>(ACTION.openLoop, on(openLoop));
  app.action<BlockAction<ButtonAction>>(ACTION.claimRisk, on(claimRisk));
  app.action<BlockAction<ButtonAction>>(ACTION.openChecklist, on(openChecklist));
  // The card's "Meer…" menu runs the same handlers as these buttons (views/interviewCard.ts CARD_MENU).
  app.action<BlockAction<StaticSelectAction>>(
    ACTION.cardMore,
    cardMenu(
      new Map([
        [ACTION.openBriefing, on(openBriefing)],
        [ACTION.editInterview, on(editInterview)],
        [ACTION.addToCalendar, on(addToCalendar)],
        [ACTION.openChange, on(openChange)],
        [ACTION.openDebrief, on(openDebrief)],
        [ACTION.openFeedback, on(openFeedback)],
        [ACTION.openLoop, on(openLoop)],
      ]),
    ),
  );
}
