-- Issue 16: one deployment serves every workspace that installed the app through Slack's OAuth
-- flow (SLACK_CLIENT_ID …). One row per workspace (or Enterprise Grid organisation, for an org-wide
-- install): what Bolt's authorize needs, the bot token encrypted (AES-256-GCM with
-- TOKEN_ENCRYPTION_KEY, storage/tokenCipher.ts). No user tokens: the app asks for no user scopes.
-- An uninstall (or revoked bot token) stops the workspace: the token is dropped at once, the
-- workspace's rows are erased RETENTION_DAYS later (reinstalling before then resumes it).
CREATE TABLE installations (
  team_id               TEXT PRIMARY KEY,
  enterprise_id         TEXT,
  is_enterprise_install INTEGER NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
  app_id                TEXT,
  bot_id                TEXT NOT NULL,
  bot_user_id           TEXT NOT NULL,
  bot_scopes            TEXT NOT NULL,
  bot_token             TEXT,
  installer_user_id     TEXT,
  installed_at          INTEGER NOT NULL,
  stopped_at            INTEGER,
  stop_reason           TEXT CHECK (stop_reason IN ('app_uninstalled', 'tokens_revoked')),
  CHECK ((stopped_at IS NULL) = (bot_token IS NOT NULL))
) STRICT;
CREATE INDEX installations_stopped ON installations (stopped_at) WHERE stopped_at IS NOT NULL;
