/**
 * Every id Slack sends back to us: slash command, callback_ids, block_ids, action_ids.
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
} as const;

/** Input blocks of the logistics modal; the key is the domain field the block carries. */
export const LOGISTICS_BLOCK = {
  candidateName: 'logistics_candidate_name',
  candidatePhone: 'logistics_candidate_phone',
  candidateEmail: 'logistics_candidate_email',
  clientCompany: 'logistics_client_company',
  clientContactName: 'logistics_client_contact_name',
  clientContactPhone: 'logistics_client_contact_phone',
  clientContactEmail: 'logistics_client_contact_email',
  roleTitle: 'logistics_role_title',
  startEpochSeconds: 'logistics_start',
  durationMin: 'logistics_duration',
  location: 'logistics_location',
  format: 'logistics_format',
  agenda: 'logistics_agenda',
} as const;
export type LogisticsField = keyof typeof LOGISTICS_BLOCK;

export const STAKEHOLDER_BLOCK = {
  name: 'stakeholder_name',
  role: 'stakeholder_role',
  seniority: 'stakeholder_seniority',
  communicationStyle: 'stakeholder_style',
  keyInterests: 'stakeholder_interests',
  decisionPower: 'stakeholder_decision_power',
} as const;

export const CULTURE_BLOCK = {
  formality: 'culture_formality',
  directness: 'culture_directness',
  notes: 'culture_notes',
} as const;

export const CONTEXT_BLOCK = {
  urgency: 'context_urgency',
  decisionTimeline: 'context_decision_timeline',
  otherCandidatesCount: 'context_other_count',
  otherCandidatesNote: 'context_other_note',
  clientConcerns: 'context_client_concerns',
  budgetStatus: 'context_budget',
  commercialTimeline: 'context_commercial_timeline',
} as const;

export const COACHING_BLOCK = {
  done: 'coaching_done',
  updatesText: 'coaching_updates_text',
  candidateGoal: 'coaching_goal',
  positiveSignals: 'coaching_positive',
  warningSignals: 'coaching_warning',
  memorablePoints: 'coaching_memorable',
  star1Situation: 'coaching_star1_situation',
  star1Task: 'coaching_star1_task',
  star1Action: 'coaching_star1_action',
  star1Result: 'coaching_star1_result',
  star2Situation: 'coaching_star2_situation',
  star2Task: 'coaching_star2_task',
  star2Action: 'coaching_star2_action',
  star2Result: 'coaching_star2_result',
} as const;

/** Where a whole-example STAR error is shown. */
export const STAR_ERROR_BLOCK = { star1: COACHING_BLOCK.star1Situation, star2: COACHING_BLOCK.star2Situation } as const;

export const EXPECTATIONS_BLOCK = {
  agendaAligned: 'expectations_agenda',
  evaluationCriteria: 'expectations_criteria',
  feedbackExpectedEpochSeconds: 'expectations_feedback_at',
  nextSteps: 'expectations_next_steps',
} as const;

export const CHANGE_BLOCK = {
  what: 'change_what',
  decision: 'change_decision',
  newStartEpochSeconds: 'change_new_start',
  note: 'change_note',
} as const;

export const DEBRIEF_BLOCK = {
  experience: 'debrief_experience',
  concerns: 'debrief_concerns',
  interestLevel: 'debrief_interest',
  otherProcesses: 'debrief_other_processes',
  notes: 'debrief_notes',
} as const;

export const FEEDBACK_BLOCK = {
  impression: 'feedback_impression',
  nextSteps: 'feedback_next_steps',
  concerns: 'feedback_concerns',
  decision: 'feedback_decision',
} as const;

export const LOOP_BLOCK = {
  indicators: 'loop_indicators',
} as const;

/** All form blocks by form, so a validation error on field F lands on block FORM[F]. */
export const FORM_BLOCKS = {
  logistics: LOGISTICS_BLOCK,
  stakeholder: STAKEHOLDER_BLOCK,
  culture: CULTURE_BLOCK,
  context: CONTEXT_BLOCK,
} as const;

/**
 * An input block's element uses the block_id as its action_id too: ids stay unique in the view and
 * state.values is read as values[id][id].
 */
export const inputActionId = (blockId: string): string => blockId;

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
} as const;

/** The `kind` in the card's metadata: the card is not a timeline item but is "about an interview". */
export const CARD_KIND = 'card';

/** The `kind` in the metadata of the confirmation DM after a last-minute change (not a timeline item either). */
export const CHANGE_CONFIRMATION_KIND = 'change_confirmation';
