import { localDay } from '../../domain/localTime.js';
import type { InterviewRepository, RiskRepository } from '../../domain/repositories.js';
import { isRiskResolved } from '../../domain/risk.js';
import { TEAM_MAX_ALERTS, TEAM_MAX_INTERVIEWS, type TeamData } from '../views/team.js';

/**
 * What "Team vandaag" shows, for a lead in zone `tz` at `now`: every consultant's interviews from
 * the start of the lead's today to the end of tomorrow, and the open alerts nobody claimed (not
 * those whose cause was taken care of, nor about erased or cancelled interviews).
 */
export async function loadTeam(deps: { interviews: InterviewRepository; risks: RiskRepository }, tz: string, now: Date): Promise<TeamData> {
  const today = localDay(now, tz);
  const tomorrow = localDay(today.until, tz);
  const interviews = await deps.interviews.listUpcoming({ from: today.from, until: tomorrow.until, limit: TEAM_MAX_INTERVIEWS });
  const open = await deps.risks.openUnclaimed(TEAM_MAX_ALERTS);
  // One query for the alerts' interviews that are not among the two days' (never one per alert).
  const known = new Map(interviews.map((i) => [i.id, i]));
  const missing = [...new Set(open.map((a) => a.interviewId))].filter((id) => !known.has(id));
  for (const i of await deps.interviews.getMany(missing)) known.set(i.id, i);
  const alerts = open.flatMap((alert) => {
    const interview = known.get(alert.interviewId);
    if (!interview || interview.erased || interview.status === 'cancelled' || isRiskResolved(alert, interview)) return [];
    return [{ alert, interview }];
  });
  return { interviews, alerts, now };
}
