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
