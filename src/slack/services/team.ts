import { localDay } from '../../domain/localTime.js';
import type { InterviewRepository, RiskRepository } from '../../domain/repositories.js';
import { isRiskResolved } from '../../domain/risk.js';
import { TEAM_MAX_ALERTS, TEAM_MAX_INTERVIEWS, type TeamData } from '../views/team.js';

/**
 * What "Team vandaag" shows, for a lead in zone `tz` at `now`: every consultant's interviews from
 * the start of the lead's today to the end of tomorrow, and the open alerts nobody claimed (not
 * those whose cause was taken care of, nor about erased or cancelled interviews).
 */
export function loadTeam(deps: { interviews: InterviewRepository; risks: RiskRepository }, tz: string, now: Date): TeamData {
  const today = localDay(now, tz);
  const tomorrow = localDay(today.until, tz);
  const interviews = deps.interviews.listUpcoming({ from: today.from, until: tomorrow.until, limit: TEAM_MAX_INTERVIEWS });
  const cache = new Map(interviews.map((i) => [i.id, i]));
  const alerts = deps.risks.openUnclaimed(TEAM_MAX_ALERTS).flatMap((alert) => {
    const interview = cache.get(alert.interviewId) ?? deps.interviews.get(alert.interviewId);
    if (!interview || interview.erased || interview.status === 'cancelled' || isRiskResolved(alert, interview)) return [];
    cache.set(interview.id, interview);
    return [{ alert, interview }];
  });
  return { interviews, alerts, now };
}
