-- One outbox for the messages that are not reminders or risk alerts (those have their own rows with
-- the same claim/retry/history discipline): the card's first post and every update of it, coaching advice, change
-- confirmations, the weekly digest, erasure rewrites and export deletions. A row is written before
-- the message exists; its purpose is unique, so a second row for the same purpose (a double click,
-- a race, a retry) is impossible. Rows that were sent keep channel, ts and file id: everything the
-- bot said about an interview can be found again (and rewritten on erasure). Messages delivered
-- outside the dispatcher but erasable later (missed summaries, export files) are recorded here as
-- sent rows of kind `ledger`.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  purpose         TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN (
                    'card', 'card_update', 'coaching_advice', 'change_confirmation', 'digest',
                    'erasure_rewrite', 'file_delete', 'ledger')),
  interview_id    INTEGER REFERENCES interviews (id) ON DELETE CASCADE,
  -- A user id (the message goes to the app's DM with them) or a channel id.
  recipient       TEXT NOT NULL,
  -- Ids and codes for the renderer, never personal data: the text is built from the record at send time.
  params          TEXT NOT NULL DEFAULT '{}',
  state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  channel         TEXT,
  ts              TEXT,
  file_id         TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  -- Wall-clock lease of the attempt in progress (a listener's kick and the tick may both try).
  lease_until     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  -- A rewrite row (the card kept current) is re-armed by every change; the version tells an attempt
  -- that rendered older data that it is not the last word.
  version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX outbox_live ON outbox (id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_interview ON outbox (interview_id);

-- When each periodic job last completed a run (retention: daily), so a restart neither repeats
-- today's run nor skips one.
CREATE TABLE job_runs (
  name        TEXT PRIMARY KEY,
  last_run_at INTEGER NOT NULL
) STRICT;
