import type { Interview } from './interview.js';
import type { RiskAlert, RiskReason } from './repositories.js';
import { KIND_RULES, kindOfRisk, RISK_OCCURRENCE } from './rules.js';

export type ContextRiskFactor = 'urgent_with_competition' | 'budget_pending' | 'budget_unknown' | 'no_decision_maker';

/**
 * SPEC context risks, checked at T − 24h: high urgency with other candidates in the pipeline,
 * budget not approved, or no decision maker identified. A budget nobody filled in is reported as
 * "nog onbekend", never as "niet goedgekeurd": not knowing is a different fact from a refusal.
 */
export function contextRiskFactors(i: Interview): ContextRiskFactor[] {
  const out: ContextRiskFactor[] = [];
  if (i.context?.urgency === 'high' && (i.context.otherCandidatesCount ?? 0) > 0) out.push('urgent_with_competition');
  const budget = i.context?.budgetStatus;
  if (budget === 'pending') out.push('budget_pending');
  else if (budget !== 'approved') out.push('budget_unknown');
  if (!i.stakeholders.some((s) => s.decisionPower === 'decision_maker')) out.push('no_decision_maker');
  return out;
}

/**
 * Whether what caused the alert has since been taken care of (the alert then says so). An alert of
 * an older plan is over once the interview has moved: its date no longer exists.
 */
export function isRiskResolved(alert: Pick<RiskAlert, 'reason' | 'occurrence'>, i: Interview): boolean {
  if (RISK_OCCURRENCE[alert.reason] === 'plan' && alert.occurrence < i.plan) return true;
  const kind = kindOfRisk(alert.reason);
  if (kind) return KIND_RULES[kind].satisfiedBy(i);
  switch (alert.reason as Exclude<RiskReason, 'prep_incomplete' | 'debrief_overdue' | 'client_feedback_overdue' | 'loop_overdue'>) {
    case 'context_risk':
      return contextRiskFactors(i).length === 0;
    case 'coaching_intensive':
      return i.coaching !== undefined && i.coaching.coachingNeed !== 'intensive';
    case 'last_minute_change':
      return false;
  }
}
