-- Risk moments in the team channel and the weekly digest.
-- When the context-risk check (T − 24h) has run for an interview, so it runs once.
ALTER TABLE interviews ADD COLUMN context_checked_at INTEGER;
CREATE INDEX interviews_context_check ON interviews (start_at) WHERE status = 'scheduled' AND context_checked_at IS NULL;

-- The consultant was told once that the bot cannot post this alert in the risk channel.
ALTER TABLE risk_alerts ADD COLUMN warned_at INTEGER;
ALTER TABLE risk_alerts ADD COLUMN posted_at INTEGER;

-- One weekly digest per ISO week (e.g. '2026-W49'), posted at most once.
CREATE TABLE digests (
  week      TEXT PRIMARY KEY,
  channel   TEXT NOT NULL,
  ts        TEXT,
  posted_at INTEGER NOT NULL
) STRICT;
