-- Evidence, not side effects (issue 14). Three checklist items now tick only on something the
-- consultant confirmed, recorded like every other task (who, when, for which plan):
--   logistics  "Logistiek 100% bevestigd" — confirmed with candidate and client (per plan: a new date
--              must be confirmed again);
--   coaching   "Gerichte coaching gegeven" — confirmed after the coaching advice (a minimal need
--              needs no confirmation);
--   on_call    "Beschikbaar tijdens interview" — the consultant acknowledged the T message.
-- SQLite cannot widen a CHECK in place: the table is rebuilt with its rows.
CREATE TABLE task_done_new (
  interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  task         TEXT NOT NULL CHECK (task IN (
                 'candidate_prep', 'client_prep', 'checkin', 'client_reminder', 'debrief',
                 'client_feedback', 'loop', 'logistics', 'coaching', 'on_call')),
  plan         INTEGER NOT NULL,
  done_at      INTEGER NOT NULL,
  done_by      TEXT NOT NULL,
  PRIMARY KEY (interview_id, task, plan)
) STRICT;
INSERT INTO task_done_new (interview_id, task, plan, done_at, done_by)
  SELECT interview_id, task, plan, done_at, done_by FROM task_done;
DROP TABLE task_done;
ALTER TABLE task_done_new RENAME TO task_done;

-- The client's contact person for this interview: who the client reminder and the feedback call go
-- to (PII: erased with the interview).
ALTER TABLE interviews ADD COLUMN client_contact_name TEXT;
ALTER TABLE interviews ADD COLUMN client_contact_phone TEXT;
ALTER TABLE interviews ADD COLUMN client_contact_email TEXT;

-- Reminder status rewrites (done, later, cancelled) become outbox rows like the card's updates:
-- rendered from the record when delivered and retried until Slack accepts (issue 13's last gap).
-- The kind list is a CHECK, so the table is rebuilt with its rows and indexes.
CREATE TABLE outbox_new (
  id              INTEGER PRIMARY KEY,
  purpose         TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN (
                    'card', 'card_update', 'coaching_advice', 'change_confirmation', 'digest',
                    'erasure_rewrite', 'file_delete', 'ledger', 'reminder_update')),
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
  version         INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO outbox_new SELECT id, purpose, kind, interview_id, recipient, params, state, channel, ts, file_id,
  attempts, next_attempt_at, lease_until, last_error, created_at, sent_at, version FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_live ON outbox (id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_interview ON outbox (interview_id);
