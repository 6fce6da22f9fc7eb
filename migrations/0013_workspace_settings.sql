-- Issue 16: with the OAuth install, each workspace has its own risk channel, admins and team leads
-- (the environment's RISK_ALERT_CHANNEL, ADMIN_USER_IDS and TEAM_LEAD_USER_IDS hold ids of one
-- workspace). Set in Slack by the workspace's admins: `/interviewprep instellingen`. No row: no
-- channel, the person who installed the app is the admin. Ids comma-separated.
CREATE TABLE workspace_settings (
  team_id            TEXT PRIMARY KEY,
  risk_alert_channel TEXT,
  admin_user_ids     TEXT NOT NULL DEFAULT '',
  team_lead_user_ids TEXT NOT NULL DEFAULT '',
  updated_at         INTEGER NOT NULL,
  updated_by         TEXT
) STRICT;
