-- Issue 16: every row carries its workspace (Slack team id), and every query of a workspace's
-- repositories is scoped by it: several workspaces (agencies) may share one database. Sub-records
-- of an interview (stakeholders, context, debrief, …) belong to their interview's workspace. Rows
-- from before have '' and are adopted by the first start after the upgrade (the workspace of
-- SLACK_BOT_TOKEN), see storage/workspace.ts.

ALTER TABLE interviews ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE timeline_items ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE risk_alerts ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
CREATE INDEX interviews_team_start ON interviews (team_id, start_at);

-- A user id can be a member of several workspaces (Enterprise Grid): one row per (workspace, user).
CREATE TABLE consultants_new (
  user_id           TEXT NOT NULL,
  tz                TEXT,
  tz_fetched_at     INTEGER,
  dm_channel        TEXT,
  tz_retry_at       INTEGER,
  tz_failures       INTEGER NOT NULL DEFAULT 0 CHECK (tz_failures >= 0),
  tz_replan_owed_at INTEGER,
  team_id           TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (team_id, user_id)
) STRICT;
INSERT INTO consultants_new (user_id, tz, tz_fetched_at, dm_channel, tz_retry_at, tz_failures, tz_replan_owed_at)
  SELECT user_id, tz, tz_fetched_at, dm_channel, tz_retry_at, tz_failures, tz_replan_owed_at FROM consultants;
DROP TABLE consultants;
ALTER TABLE consultants_new RENAME TO consultants;
CREATE INDEX consultants_tz_retry ON consultants (tz_retry_at) WHERE tz_retry_at IS NOT NULL;
CREATE INDEX consultants_tz_replan_owed ON consultants (tz_replan_owed_at) WHERE tz_replan_owed_at IS NOT NULL;

CREATE TABLE digests_new (
  week      TEXT NOT NULL,
  channel   TEXT NOT NULL,
  ts        TEXT,
  posted_at INTEGER NOT NULL,
  team_id   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (team_id, week)
) STRICT;
INSERT INTO digests_new (week, channel, ts, posted_at) SELECT week, channel, ts, posted_at FROM digests;
DROP TABLE digests;
ALTER TABLE digests_new RENAME TO digests;

CREATE TABLE job_runs_new (
  name        TEXT NOT NULL,
  last_run_at INTEGER NOT NULL,
  team_id     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (team_id, name)
) STRICT;
INSERT INTO job_runs_new (name, last_run_at) SELECT name, last_run_at FROM job_runs;
DROP TABLE job_runs;
ALTER TABLE job_runs_new RENAME TO job_runs;

-- A purpose is unique within its workspace (a weekly digest is `digest:<week>` in each one).
CREATE TABLE outbox_new (
  id              INTEGER PRIMARY KEY,
  purpose         TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN (
                    'card', 'card_update', 'coaching_advice', 'change_confirmation', 'digest',
                    'erasure_rewrite', 'file_delete', 'ledger', 'reminder_update',
                    'nudge', 'escalation', 'escalation_update', 'handover_rewrite')),
  interview_id    INTEGER REFERENCES interviews (id) ON DELETE CASCADE,
  recipient       TEXT NOT NULL,
  params          TEXT NOT NULL DEFAULT '{}',
  state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  channel         TEXT,
  ts              TEXT,
  file_id         TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_until     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  version         INTEGER NOT NULL DEFAULT 1,
  team_id         TEXT NOT NULL DEFAULT '',
  UNIQUE (team_id, purpose)
) STRICT;
INSERT INTO outbox_new (id, purpose, kind, interview_id, recipient, params, state, channel, ts, file_id,
    attempts, next_attempt_at, lease_until, last_error, created_at, sent_at, version)
  SELECT id, purpose, kind, interview_id, recipient, params, state, channel, ts, file_id,
    attempts, next_attempt_at, lease_until, last_error, created_at, sent_at, version FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_live ON outbox (id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_interview ON outbox (interview_id);
