import type { InterviewRepository, RiskRepository } from '../domain/repositories.js';
import { isRiskResolved } from '../domain/risk.js';
import type { Logger } from '../logger.js';
import type { OutboxService } from '../slack/services/outbox.js';

/** Alerts looked at per tick: far more than a team raises in a minute. */
const BATCH = 200;

export interface EscalationDeps {
  risks: RiskRepository;
  interviews: InterviewRepository;
  outbox: Pick<OutboxService, 'escalate'>;
  /** TEAM_LEAD_USER_IDS, or the admins when there are none; empty = no escalation. */
  leads: readonly string[];
  afterMinutes: number;
  logger: Logger;
  /** Learns each lead's timezone from Slack (cached a day), so their copy shows times in it. */
  learnZone?: (userId: string, now: Date) => Promise<unknown>;
}

/**
 * Playbook "Risking moment 9": a risk moment needs someone to pick it up. An alert nobody claimed
 * with `Opgepakt` within ESCALATE_AFTER_MINUTES of being raised goes, once, to each team lead's DM
 * (outbox rows, one per lead, so a crash or a 429 never loses or doubles one). An alert whose cause
 * was taken care of meanwhile is not escalated: that would be a false alarm.
 */
export async function escalateUnclaimed(deps: EscalationDeps, now: Date, shouldStop: () => boolean = () => false): Promise<number> {
  if (deps.leads.length === 0) return 0;
  const due = await deps.risks.unescalated(new Date(now.getTime() - deps.afterMinutes * 60_000), BATCH);
  if (due.length === 0) return 0;
  // A failed lookup is not a reason to hold an escalation back: the copy then uses DEFAULT_TIMEZONE.
  for (const lead of deps.leads) await deps.learnZone?.(lead, now).catch(() => undefined);
  let escalated = 0;
  for (const alert of due) {
    if (shouldStop()) break;
    const interview = await deps.interviews.get(alert.interviewId);
    if (interview && !interview.erased && interview.status !== 'cancelled' && !isRiskResolved(alert, interview)) {
      await deps.outbox.escalate(alert, deps.leads, now);
      escalated += 1;
      deps.logger.info({ alertId: alert.id, interviewId: alert.interviewId, leads: deps.leads.length }, 'risk alert escalated to the team leads');
    }
    // Looked at once either way: a resolved alert does not come back, a new occurrence is a new alert.
    await deps.risks.markEscalated(alert.id, now);
  }
  return escalated;
}
