/**
 * A workspace's own settings (issue 16): with one SLACK_BOT_TOKEN they come from the environment
 * (RISK_ALERT_CHANNEL, ADMIN_USER_IDS, TEAM_LEAD_USER_IDS); with the OAuth install each workspace's
 * admins set them in Slack (`/interviewprep instellingen`), since channel and user ids exist in one
 * workspace only.
 */

/** Who and where: the risk channel, the admins, the team leads. */
export interface WorkspaceSettings {
  riskAlertChannel?: string;
  admins: ReadonlySet<string>;
  teamLeads: ReadonlySet<string>;
  /** Changes with every save (0: never saved; defaults). */
  version: number;
}

/** What an admin may change: each part left out stays as it is. */
export interface SettingsChange {
  riskAlertChannel?: string | null;
  admins?: readonly string[];
  teamLeads?: readonly string[];
}

/** Who hears about unclaimed risk alerts: the team leads, or the admins when none are named. */
export function escalationTargets(s: WorkspaceSettings): string[] {
  return [...(s.teamLeads.size > 0 ? s.teamLeads : s.admins)];
}
