import { deriveChecklist, prepComplete } from './checklist.js';
import type { Interview, TimelineKind } from './interview.js';
import type { RiskReason } from './repositories.js';

/** The timeline kinds that are also a risk moment for the team (SPEC "to: … and risk channel"). */
export const RISK_OF_KIND: Partial<Record<TimelineKind, RiskReason>> = {
  prep_incomplete_risk: 'prep_incomplete',
  candidate_debrief_overdue: 'debrief_overdue',
  client_feedback_overdue: 'client_feedback_overdue',
  loop_overdue: 'loop_overdue',
};

export type ContextRiskFactor = 'urgent_with_competition' | 'budget_not_approved' | 'no_decision_maker';

/**
 * SPEC context risks, checked at T − 24h: high urgency with other candidates in the pipeline,
 * budget not approved, or no decision maker identified. Unknown counts as not approved / not
 * identified: a day before the interview, not knowing is the risk.
 */
export function contextRiskFactors(i: Interview): ContextRiskFactor[] {
  const out: ContextRiskFactor[] = [];
  if (i.context?.urgency === 'high' && (i.context.otherCandidatesCount ?? 0) > 0) out.push('urgent_with_competition');
  if (i.context?.budgetStatus !== 'approved') out.push('budget_not_approved');
  if (!i.stakeholders.some((s) => s.decisionPower === 'decision_maker')) out.push('no_decision_maker');
  return out;
}

/** Whether what caused the alert has since been taken care of (the alert then says so). */
export function isRiskResolved(reason: RiskReason, i: Interview): boolean {
  switch (reason) {
    case 'prep_incomplete':
      return prepComplete(deriveChecklist(i));
    case 'debrief_overdue':
      return i.debrief !== undefined;
    case 'client_feedback_overdue':
      return i.clientFeedback !== undefined;
    case 'loop_overdue':
      return i.loop !== undefined;
    case 'context_risk':
      return contextRiskFactors(i).length === 0;
    case 'coaching_intensive':
      return i.coaching !== undefined && i.coaching.coachingNeed !== 'intensive';
    case 'last_minute_change':
      return false;
  }
}
