-- The whole interview record of SPEC "The interview record", so later features rarely migrate.
-- Instants are INTEGER milliseconds since the Unix epoch (UTC). Booleans are INTEGER 0/1.
-- Personal data lives only in the columns marked (PII) so retention can erase it in one place.

CREATE TABLE consultants (
  user_id        TEXT PRIMARY KEY,
  tz             TEXT,                 -- from users.info; NULL means DEFAULT_TIMEZONE
  tz_fetched_at  INTEGER
) STRICT;

CREATE TABLE interviews (
  id                 INTEGER PRIMARY KEY,
  owner_id           TEXT NOT NULL,
  status             TEXT NOT NULL DEFAULT 'scheduled'
                       CHECK (status IN ('scheduled', 'cancelled')),
  candidate_name     TEXT,             -- (PII) NULL once erased
  candidate_phone    TEXT,             -- (PII)
  candidate_email    TEXT,             -- (PII)
  client_company     TEXT NOT NULL,
  role_title         TEXT NOT NULL,
  start_at           INTEGER NOT NULL,
  duration_min       INTEGER NOT NULL CHECK (duration_min BETWEEN 15 AND 480),
  location           TEXT NOT NULL,
  format             TEXT NOT NULL CHECK (format IN ('one_on_one', 'panel', 'presentation', 'technical_test')),
  agenda             TEXT,             -- (PII: free text)
  culture_formality  TEXT CHECK (culture_formality IN ('formal', 'informal')),
  culture_directness TEXT CHECK (culture_directness IN ('direct', 'diplomatic')),
  culture_notes      TEXT,             -- (PII: free text)
  card_channel       TEXT,
  card_ts            TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  revision           INTEGER NOT NULL DEFAULT 1,
  -- The modal a new interview came from: a double click on Save submits the same view twice.
  origin_view_id     TEXT UNIQUE,
  erased_at          INTEGER
) STRICT;
CREATE INDEX interviews_owner_start ON interviews (owner_id, start_at);
CREATE INDEX interviews_start ON interviews (start_at);

CREATE TABLE stakeholders (
  id                  INTEGER PRIMARY KEY,
  interview_id        INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  name                TEXT NOT NULL,
  role                TEXT,
  seniority           TEXT,
  communication_style TEXT,
  key_interests       TEXT,
  decision_power      TEXT NOT NULL DEFAULT 'unknown'
                        CHECK (decision_power IN ('decision_maker', 'veto', 'advisory', 'unknown')),
  created_at          INTEGER NOT NULL
) STRICT;
CREATE INDEX stakeholders_interview ON stakeholders (interview_id);

CREATE TABLE interview_context (
  interview_id           INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  urgency                TEXT CHECK (urgency IN ('low', 'medium', 'high')),
  decision_timeline      TEXT,
  other_candidates_count INTEGER CHECK (other_candidates_count >= 0),
  other_candidates_note  TEXT,
  client_concerns        TEXT,
  budget_status          TEXT CHECK (budget_status IN ('approved', 'pending', 'unknown')),
  commercial_timeline    TEXT,
  updated_at             INTEGER NOT NULL
) STRICT;

CREATE TABLE coaching_checks (
  interview_id         INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  context_shared       INTEGER NOT NULL CHECK (context_shared IN (0, 1)),
  updates_shared       INTEGER NOT NULL CHECK (updates_shared IN (0, 1)),
  updates_text         TEXT,             -- (PII: free text)
  candidate_goal       TEXT,             -- (PII: free text)
  positive_signals     TEXT NOT NULL DEFAULT '[]',  -- JSON array of signal codes
  warning_signals      TEXT NOT NULL DEFAULT '[]',  -- JSON array of signal codes
  memorable_points     TEXT,             -- (PII: free text)
  star_examples        TEXT NOT NULL DEFAULT '[]',  -- JSON array of {situation, task, action, result} (PII)
  gunfactor_discussed  INTEGER NOT NULL CHECK (gunfactor_discussed IN (0, 1)),
  coaching_need        TEXT NOT NULL CHECK (coaching_need IN ('minimal', 'targeted', 'intensive')),
  advice_sent_at       INTEGER,
  logged_at            INTEGER NOT NULL
) STRICT;

CREATE TABLE client_expectations (
  interview_id         INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  agenda_aligned       INTEGER NOT NULL CHECK (agenda_aligned IN (0, 1)),
  evaluation_criteria  TEXT,             -- (PII: free text)
  feedback_expected_at INTEGER,
  next_steps           TEXT,             -- (PII: free text)
  logged_at            INTEGER NOT NULL
) STRICT;

-- Interview-day tasks that are ticked off (by button, reaction or form).
CREATE TABLE day_tasks (
  interview_id            INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  checkin_done_at         INTEGER,
  client_reminder_done_at INTEGER
) STRICT;

CREATE TABLE last_minute_changes (
  id            INTEGER PRIMARY KEY,
  interview_id  INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  what          TEXT NOT NULL CHECK (what IN ('candidate_ill', 'client_emergency', 'technical', 'other')),
  decision      TEXT NOT NULL CHECK (decision IN ('reschedule', 'cancel', 'go_ahead')),
  previous_start_at INTEGER NOT NULL,
  new_start_at  INTEGER,
  note          TEXT,                   -- (PII: free text)
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX last_minute_changes_interview ON last_minute_changes (interview_id);

CREATE TABLE candidate_debriefs (
  interview_id    INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  experience      TEXT,                 -- (PII: free text)
  concerns        TEXT,                 -- (PII: free text)
  interest_level  INTEGER NOT NULL CHECK (interest_level BETWEEN 1 AND 5),
  other_processes TEXT,                 -- (PII: free text)
  notes           TEXT,                 -- (PII: free text)
  logged_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE client_feedback (
  interview_id INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  impression   TEXT NOT NULL CHECK (impression IN ('positive', 'neutral', 'negative')),
  next_steps   TEXT,                    -- (PII: free text)
  concerns     TEXT,                    -- (PII: free text)
  decision     TEXT,                    -- (PII: free text)
  logged_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE loop_closures (
  interview_id      INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
  next_steps_clear  INTEGER NOT NULL CHECK (next_steps_clear IN (0, 1)),
  timeline_kept     INTEGER NOT NULL CHECK (timeline_kept IN (0, 1)),
  no_surprises      INTEGER NOT NULL CHECK (no_surprises IN (0, 1)),
  both_positive     INTEGER NOT NULL CHECK (both_positive IN (0, 1)),
  closed_at         INTEGER NOT NULL
) STRICT;

-- One row per (interview, kind): the unique key is what makes "exactly once" hold across restarts.
CREATE TABLE timeline_items (
  id              INTEGER PRIMARY KEY,
  interview_id    INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN (
                    'prep_candidate', 'prep_client', 'candidate_checkin', 'prep_incomplete_risk',
                    'client_reminder', 'on_call', 'candidate_debrief_due', 'candidate_debrief_overdue',
                    'client_feedback_overdue', 'loop_overdue')),
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
  updated_at      INTEGER NOT NULL,
  UNIQUE (interview_id, kind)
) STRICT;
-- The scheduler's due query only ever looks at live rows; a partial index keeps it flat as history grows.
CREATE INDEX timeline_items_due ON timeline_items (due_at) WHERE state IN ('pending', 'sending');

CREATE TABLE risk_alerts (
  id            INTEGER PRIMARY KEY,
  interview_id  INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  reason        TEXT NOT NULL CHECK (reason IN (
                  'coaching_intensive', 'prep_incomplete', 'last_minute_change', 'debrief_overdue',
                  'client_feedback_overdue', 'loop_overdue', 'context_risk')),
  state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'posted', 'failed')),
  detail        TEXT,                   -- reason codes only, never personal data
  channel       TEXT,
  ts            TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error    TEXT,
  claimed_by    TEXT,
  claimed_at    INTEGER,
  resolved_at   INTEGER,
  created_at    INTEGER NOT NULL,
  UNIQUE (interview_id, reason)
) STRICT;
CREATE INDEX risk_alerts_pending ON risk_alerts (next_attempt_at) WHERE state = 'pending';
