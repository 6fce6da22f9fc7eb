/**
 * Every id Slack sends back to us: slash command, callback_ids, block_ids, action_ids (form
 * inputs' block ids are in their form's definition, `forms/`).
 * Listeners, views and tests import these; none is retyped as a literal elsewhere.
 */
export const COMMAND = '/interviewprep';

/** Every callback_id and action_id of the app starts with this (unknown ones are acknowledged and ignored). */
export const ID_PREFIX = 'interviewprep_';

export const CALLBACK = {
  overviewModal: 'interviewprep_overview_modal',
  coachingModal: 'interviewprep_coaching_modal',
  expectationsModal: 'interviewprep_expectations_modal',
  changeModal: 'interviewprep_change_modal',
  debriefModal: 'interviewprep_debrief_modal',
  feedbackModal: 'interviewprep_feedback_modal',
  loopModal: 'interviewprep_loop_modal',
  eraseModal: 'interviewprep_erase_modal',
  interviewModal: 'interviewprep_interview_modal',
  stakeholdersModal: 'interviewprep_stakeholders_modal',
  stakeholderModal: 'interviewprep_stakeholder_modal',
  contextModal: 'interviewprep_context_modal',
  checklistModal: 'interviewprep_checklist_modal',
  briefingModal: 'interviewprep_briefing_modal',
  handoverModal: 'interviewprep_handover_modal',
} as const;

/**
 * Form input blocks are not listed here: each form's definition (`forms/`) names its fields' block
 * ids, and every input element uses its block id as action id (state.values[id][id]).
 */

export const ACTION = {
  editInterview: 'interviewprep_edit',
  openStakeholders: 'interviewprep_open_stakeholders',
  openContext: 'interviewprep_open_context',
  openBriefing: 'interviewprep_open_briefing',
  addStakeholder: 'interviewprep_stakeholder_add',
  cancelInterview: 'interviewprep_cancel',
  reminderDone: 'interviewprep_reminder_done',
  reminderSnooze15: 'interviewprep_reminder_snooze_15',
  reminderSnooze60: 'interviewprep_reminder_snooze_60',
  reminderOpen: 'interviewprep_reminder_open',
  openCoaching: 'interviewprep_open_coaching',
  openExpectations: 'interviewprep_open_expectations',
  openChange: 'interviewprep_open_change',
  checkinDone: 'interviewprep_checkin_done',
  clientReminderDone: 'interviewprep_client_reminder_done',
  logisticsConfirmed: 'interviewprep_logistics_confirmed',
  coachingGiven: 'interviewprep_coaching_given',
  addToCalendar: 'interviewprep_add_to_calendar',
  openChecklist: 'interviewprep_open_checklist',
  /** The card's "Meer…" menu: each option's value is `<action id>:<interview id>`. */
  cardMore: 'interviewprep_card_more',
  openDebrief: 'interviewprep_open_debrief',
  openFeedback: 'interviewprep_open_feedback',
  openLoop: 'interviewprep_open_loop',
  claimRisk: 'interviewprep_risk_claim',
} as const;

/**
 * Per-row actions carry the row in the action_id (unique within the view); the value carries
 * `interviewId:stakeholderId`. Listeners match them with the regexes below.
 */
export const ROW_ACTION = {
  editStakeholder: { prefix: 'interviewprep_stakeholder_edit_', pattern: /^interviewprep_stakeholder_edit_\d+$/ },
  removeStakeholder: { prefix: 'interviewprep_stakeholder_remove_', pattern: /^interviewprep_stakeholder_remove_\d+$/ },
} as const;

export const BLOCK = {
  cardActions: 'card_actions',
  cardDayActions: 'card_day_actions',
  adviceActions: 'advice_actions',
  cardFollowUpActions: 'card_follow_up_actions',
  riskActions: 'risk_actions',
  reminderChange: 'reminder_change',
  stakeholderAdd: 'stakeholders_add',
  stakeholderRowPrefix: 'stakeholder_row_',
  homeRowPrefix: 'home_row_',
  reminderActions: 'reminder_actions',
  reminderForms: 'reminder_forms',
  reminderStatus: 'reminder_status',
} as const;

/** Message metadata event types (SPEC "Timeline" rules). */
export const METADATA_EVENT = {
  reminder: 'interviewprep_reminder',
  risk: 'interviewprep_risk',
  /** A nudge in a reminder's thread (not a timeline item: it never counts as a reminder). */
  nudge: 'interviewprep_nudge',
} as const;

/** The `kind` in the card's metadata: the card is not a timeline item but is "about an interview". */
export const CARD_KIND = 'card';

/** The `kind` in the metadata of the confirmation DM after a last-minute change (not a timeline item either). */
export const CHANGE_CONFIRMATION_KIND = 'change_confirmation';
