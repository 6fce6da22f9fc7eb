/**
 * Every id Slack sends back to us: slash command, callback_ids, block_ids, action_ids.
 * Listeners, views and tests import these; none is retyped as a literal elsewhere.
 */
export const COMMAND = '/interviewprep';

export const CALLBACK = {
  interviewModal: 'interviewprep_interview_modal',
} as const;

/** Input blocks of the logistics modal; the key is the domain field the block carries. */
export const LOGISTICS_BLOCK = {
  candidateName: 'logistics_candidate_name',
  candidatePhone: 'logistics_candidate_phone',
  candidateEmail: 'logistics_candidate_email',
  clientCompany: 'logistics_client_company',
  roleTitle: 'logistics_role_title',
  startEpochSeconds: 'logistics_start',
  durationMin: 'logistics_duration',
  location: 'logistics_location',
  format: 'logistics_format',
  agenda: 'logistics_agenda',
} as const;
export type LogisticsField = keyof typeof LOGISTICS_BLOCK;

/**
 * An input block's element uses the block_id as its action_id too: ids stay unique in the view and
 * state.values is read as values[id][id].
 */
export const inputActionId = (blockId: string): string => blockId;

export const ACTION = {
  editInterview: 'interviewprep_edit',
} as const;

export const BLOCK = {
  cardActions: 'card_actions',
} as const;

/** Message metadata event types (SPEC "Timeline" rules). */
export const METADATA_EVENT = {
  reminder: 'interviewprep_reminder',
  risk: 'interviewprep_risk',
} as const;

/** The `kind` in the card's metadata: the card is not a timeline item but is "about an interview". */
export const CARD_KIND = 'card';
