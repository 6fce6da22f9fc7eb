-- Issue 16: every row carries its workspace (see migrations/0011_workspaces.sql, its SQLite twin).

ALTER TABLE interviews ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE timeline_items ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE risk_alerts ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
CREATE INDEX interviews_team_start ON interviews (team_id, start_at);

ALTER TABLE consultants ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE consultants DROP CONSTRAINT consultants_pkey;
ALTER TABLE consultants ADD PRIMARY KEY (team_id, user_id);

ALTER TABLE digests ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE digests DROP CONSTRAINT digests_pkey;
ALTER TABLE digests ADD PRIMARY KEY (team_id, week);

ALTER TABLE job_runs ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE job_runs DROP CONSTRAINT job_runs_pkey;
ALTER TABLE job_runs ADD PRIMARY KEY (team_id, name);

ALTER TABLE outbox ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_key;
ALTER TABLE outbox ADD UNIQUE (team_id, purpose);
