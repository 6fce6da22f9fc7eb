-- Issue 16: settings per installed workspace (see migrations/0013_workspace_settings.sql, its SQLite twin).
CREATE TABLE workspace_settings (
  team_id            TEXT PRIMARY KEY,
  risk_alert_channel TEXT,
  admin_user_ids     TEXT NOT NULL DEFAULT '',
  team_lead_user_ids TEXT NOT NULL DEFAULT '',
  updated_at         BIGINT NOT NULL,
  updated_by         TEXT
);
