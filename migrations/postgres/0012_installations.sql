-- Issue 16: installations through Slack's OAuth flow (see migrations/0012_installations.sql, its SQLite twin).
CREATE TABLE installations (
  team_id               TEXT PRIMARY KEY,
  enterprise_id         TEXT,
  is_enterprise_install BIGINT NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
  app_id                TEXT,
  bot_id                TEXT NOT NULL,
  bot_user_id           TEXT NOT NULL,
  bot_scopes            TEXT NOT NULL,
  bot_token             TEXT,
  installer_user_id     TEXT,
  installed_at          BIGINT NOT NULL,
  stopped_at            BIGINT,
  stop_reason           TEXT CHECK (stop_reason IN ('app_uninstalled', 'tokens_revoked')),
  CHECK ((stopped_at IS NULL) = (bot_token IS NOT NULL))
);
CREATE INDEX installations_stopped ON installations (stopped_at) WHERE stopped_at IS NOT NULL;
