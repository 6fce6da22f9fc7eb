-- Timeline delivery bookkeeping: why an item was skipped, who ticked it off, which stale items the
-- consultant has been told about, and the lookup of a reminder by its Slack message (✅ reactions).
ALTER TABLE timeline_items ADD COLUMN skip_reason TEXT
  CHECK (skip_reason IN ('satisfied', 'stale', 'cancelled'));
ALTER TABLE timeline_items ADD COLUMN summarized_at INTEGER;
ALTER TABLE timeline_items ADD COLUMN done_by TEXT;
CREATE INDEX timeline_items_message ON timeline_items (channel, ts);
CREATE INDEX timeline_items_unsummarized ON timeline_items (interview_id)
  WHERE state = 'skipped' AND skip_reason = 'stale' AND summarized_at IS NULL;
CREATE INDEX timeline_items_sending ON timeline_items (id) WHERE state = 'sending';

-- The app's DM channel with each consultant (conversations.open), so history can be checked.
ALTER TABLE consultants ADD COLUMN dm_channel TEXT;

ALTER TABLE interviews ADD COLUMN cancelled_at INTEGER;
ALTER TABLE interviews ADD COLUMN cancelled_by TEXT;

-- The due query asks for state = 'pending'; SQLite uses a partial index only when the query's WHERE
-- implies the index's, so index exactly that set.
DROP INDEX timeline_items_due;
CREATE INDEX timeline_items_pending_due ON timeline_items (due_at) WHERE state = 'pending';
