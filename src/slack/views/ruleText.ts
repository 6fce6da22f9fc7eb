import type { ChecklistItemId } from '../../domain/checklist.js';
import { KIND_RULES, slaMinutes } from '../../domain/rules.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { formatSla } from './durations.js';

/**
 * The rule table's numbers as words ("2 uur", "24 uur"), for every text that names an SLA or a
 * moment: labels, stats lines, alerts. The numbers themselves live only in domain/rules.ts.
 */
export type FollowUpTask = 'debrief' | 'client_feedback' | 'loop';

export const slaText = (task: FollowUpTask, t: Translator): string => formatSla(slaMinutes(task), t);

/** How long before T a day-of moment is due ("2 uur" for the check-in). */
export const beforeStartText = (kind: 'candidate_checkin' | 'client_reminder' | 'prep_incomplete_risk', t: Translator): string =>
  formatSla(-KIND_RULES[kind].due.minutes, t);

const PARAMS: Partial<Record<ChecklistItemId, (t: Translator) => Record<string, string>>> = {
  candidate_checkin: (t) => ({ before: beforeStartText('candidate_checkin', t) }),
  client_reminder: (t) => ({ before: beforeStartText('client_reminder', t) }),
  debrief_within_2h: (t) => ({ sla: slaText('debrief', t) }),
  client_feedback_within_4h: (t) => ({ sla: slaText('client_feedback', t) }),
  loop_closed_within_24h: (t) => ({ sla: slaText('loop', t) }),
};

/** A checklist item's label, with its SLA or moment filled in from the rule table. */
export function checklistText(id: ChecklistItemId, t: Translator): string {
  return t(`checklist.${id}` as MessageKey, PARAMS[id]?.(t));
}
