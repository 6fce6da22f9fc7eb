-- Issue 15: nudges and escalations are outbox rows like every other message; an alert remembers
-- when it was escalated; an interview remembers who owned it since when (handover).

CREATE TABLE outbox_new (
  id              INTEGER PRIMARY KEY,
  purpose         TEXT NOT NULL UNIQUE,
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
  version         INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO outbox_new SELECT id, purpose, kind, interview_id, recipient, params, state, channel, ts, file_id,
  attempts, next_attempt_at, lease_until, last_error, created_at, sent_at, version FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_live ON outbox (id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_interview ON outbox (interview_id);

-- Escalated once to the team leads (ESCALATE_AFTER_MINUTES without a claim).
ALTER TABLE risk_alerts ADD COLUMN escalated_at INTEGER;
-- Alerts from before this version are not escalated on the first tick after the upgrade (a flood of
-- old news in every lead's DM): only alerts raised from now on are.
UPDATE risk_alerts SET escalated_at = created_at;
-- Open alerts waiting for an escalation: a small partial index, scanned every tick.
CREATE INDEX risk_alerts_unescalated ON risk_alerts (created_at)
  WHERE claimed_by IS NULL AND resolved_at IS NULL AND escalated_at IS NULL;

-- Who owned the interview from when: figures count for whoever owned it when each task was due.
-- A handover in the same millisecond as the creation is still two rows: ordered by (since, id).
CREATE TABLE interview_owners (
  id           INTEGER PRIMARY KEY,
  interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  owner_id     TEXT NOT NULL,
  since        INTEGER NOT NULL,
  handed_by    TEXT
) STRICT;
CREATE INDEX interview_owners_interview ON interview_owners (interview_id, since);
