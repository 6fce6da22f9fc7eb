-- Plans, not kinds (issue 12). Moving an interview's start makes a new plan; every timeline item,
-- every per-plan risk alert and every day-of task belongs to one plan, so "exactly once" means once
-- per (interview, kind, plan) and a reschedule never inherits what the old date already used up.

ALTER TABLE interviews ADD COLUMN plan INTEGER NOT NULL DEFAULT 1 CHECK (plan >= 1);
-- When the current plan was made (logged or moved): moments already past then are caught up in one
-- message, and alerts about missing data stay quiet for a while after it.
ALTER TABLE interviews ADD COLUMN plan_started_at INTEGER;
UPDATE interviews SET plan_started_at = created_at;

-- "Gedaan" means done: what a consultant ticked off, when and by whom, per plan. Day-of tasks reset
-- with a new plan simply because the new plan has no row yet; preparation tasks are read across plans.
CREATE TABLE task_done (
  interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  task         TEXT NOT NULL CHECK (task IN (
                 'candidate_prep', 'client_prep', 'checkin', 'client_reminder', 'debrief',
                 'client_feedback', 'loop')),
  plan         INTEGER NOT NULL,
  done_at      INTEGER NOT NULL,
  done_by      TEXT NOT NULL,
  PRIMARY KEY (interview_id, task, plan)
) STRICT;

INSERT INTO task_done (interview_id, task, plan, done_at, done_by)
  SELECT d.interview_id, 'checkin', 1, d.checkin_done_at, i.owner_id
  FROM day_tasks d JOIN interviews i ON i.id = d.interview_id WHERE d.checkin_done_at IS NOT NULL;
INSERT INTO task_done (interview_id, task, plan, done_at, done_by)
  SELECT d.interview_id, 'client_reminder', 1, d.client_reminder_done_at, i.owner_id
  FROM day_tasks d JOIN interviews i ON i.id = d.interview_id WHERE d.client_reminder_done_at IS NOT NULL;
DROP TABLE day_tasks;

-- Timeline items: one row per (interview, kind, plan). SQLite cannot change a UNIQUE constraint in
-- place, so the table is rebuilt with its history.
CREATE TABLE timeline_items_v5 (
  id              INTEGER PRIMARY KEY,
  interview_id    INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN (
                    'prep_candidate', 'prep_client', 'candidate_checkin', 'prep_incomplete_risk',
                    'client_reminder', 'on_call', 'candidate_debrief_due', 'candidate_debrief_overdue',
                    'client_feedback_overdue', 'loop_overdue', 'catch_up')),
  plan            INTEGER NOT NULL DEFAULT 1,
  due_at          INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'skipped', 'cancelled', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  snoozed_until   INTEGER,
  channel         TEXT,
  ts              TEXT,
  last_error      TEXT,
  sent_at         INTEGER,
  done_at         INTEGER,
  done_by         TEXT,
  skip_reason     TEXT CHECK (skip_reason IN ('satisfied', 'stale', 'cancelled', 'moved', 'caught_up', 'quiet')),
  summarized_at   INTEGER,
  -- A message of an old plan rewritten to "verplaatst naar …" (NULL while that rewrite is owed).
  moved_marked_at INTEGER,
  updated_at      INTEGER NOT NULL,
  UNIQUE (interview_id, kind, plan)
) STRICT;
INSERT INTO timeline_items_v5 (id, interview_id, kind, plan, due_at, state, attempts, next_attempt_at,
  snoozed_until, channel, ts, last_error, sent_at, done_at, done_by, skip_reason, summarized_at, updated_at)
  SELECT id, interview_id, kind, 1, due_at, state, attempts, next_attempt_at, snoozed_until, channel, ts,
    last_error, sent_at, done_at, done_by, skip_reason, summarized_at, updated_at
  FROM timeline_items;
DROP TABLE timeline_items;
ALTER TABLE timeline_items_v5 RENAME TO timeline_items;
CREATE INDEX timeline_items_pending_due ON timeline_items (due_at) WHERE state = 'pending';
CREATE INDEX timeline_items_message ON timeline_items (channel, ts);
CREATE INDEX timeline_items_unsummarized ON timeline_items (interview_id)
  WHERE state = 'skipped' AND skip_reason = 'stale' AND summarized_at IS NULL;
CREATE INDEX timeline_items_sending ON timeline_items (id) WHERE state = 'sending';
CREATE INDEX timeline_items_interview ON timeline_items (interview_id, plan);
-- Old-plan messages whose "verplaatst" rewrite is still owed: the tick retries them until done.
CREATE INDEX timeline_items_moved_owed ON timeline_items (id)
  WHERE skip_reason = 'moved' AND ts IS NOT NULL AND moved_marked_at IS NULL;

-- Risk alerts: one per (interview, reason, occurrence). The occurrence is the plan for the moments a
-- reschedule repeats, the change for last-minute changes, 0 for once-only reasons (risk rule table).
CREATE TABLE risk_alerts_v5 (
  id              INTEGER PRIMARY KEY,
  interview_id    INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  reason          TEXT NOT NULL CHECK (reason IN (
                    'coaching_intensive', 'prep_incomplete', 'last_minute_change', 'debrief_overdue',
                    'client_feedback_overdue', 'loop_overdue', 'context_risk')),
  occurrence      INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'posted', 'failed')),
  detail          TEXT,
  channel         TEXT,
  ts              TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error      TEXT,
  claimed_by      TEXT,
  claimed_at      INTEGER,
  resolved_at     INTEGER,
  created_at      INTEGER NOT NULL,
  warned_at       INTEGER,
  posted_at       INTEGER,
  -- Wall-clock lease of one delivery attempt: a listener's refresh and a scheduler tick may both
  -- try the same pending alert; only the holder posts.
  lease_until     INTEGER,
  UNIQUE (interview_id, reason, occurrence)
) STRICT;
INSERT INTO risk_alerts_v5 (id, interview_id, reason, occurrence, state, detail, channel, ts, attempts,
  next_attempt_at, last_error, claimed_by, claimed_at, resolved_at, created_at, warned_at, posted_at)
  SELECT r.id, r.interview_id, r.reason,
    CASE WHEN r.reason IN ('prep_incomplete', 'context_risk', 'debrief_overdue', 'client_feedback_overdue', 'loop_overdue') THEN 1
         WHEN r.reason = 'last_minute_change' THEN COALESCE((SELECT MIN(c.id) FROM last_minute_changes c WHERE c.interview_id = r.interview_id), 0)
         ELSE 0 END,
    r.state, r.detail, r.channel, r.ts, r.attempts, r.next_attempt_at, r.last_error, r.claimed_by,
    r.claimed_at, r.resolved_at, r.created_at, r.warned_at, r.posted_at
  FROM risk_alerts r;
DROP TABLE risk_alerts;
ALTER TABLE risk_alerts_v5 RENAME TO risk_alerts;
CREATE INDEX risk_alerts_pending ON risk_alerts (next_attempt_at) WHERE state = 'pending';
CREATE INDEX risk_alerts_interview ON risk_alerts (interview_id);
