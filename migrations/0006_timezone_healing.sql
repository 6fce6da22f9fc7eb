-- Timezones that heal (issue 13, item 4). A plan's prep moments are 09:00 in the consultant's zone.
-- A consultant whose zone Slack has not confirmed (tz_fetched_at NULL: users.info failed, or was
-- never asked) has provisional plans, made in DEFAULT_TIMEZONE; they are replanned as soon as the
-- zone is known. A zone that changes later (user_change, the daily refresh) replans them too.

-- The next users.info attempt after a lookup that failed but may pass (NULL: none owed), and how
-- many failed in a row (the back-off).
ALTER TABLE consultants ADD COLUMN tz_retry_at INTEGER;
ALTER TABLE consultants ADD COLUMN tz_failures INTEGER NOT NULL DEFAULT 0 CHECK (tz_failures >= 0);
-- Set when the zone was first learned or changed: the pending items of this consultant's upcoming
-- interviews are still to be replanned in it (NULL when done). A crash in between loses nothing.
ALTER TABLE consultants ADD COLUMN tz_replan_owed_at INTEGER;

CREATE INDEX consultants_tz_retry ON consultants (tz_retry_at) WHERE tz_retry_at IS NOT NULL;
CREATE INDEX consultants_tz_replan_owed ON consultants (tz_replan_owed_at) WHERE tz_replan_owed_at IS NOT NULL;

-- Owners of interviews saved while users.info failed may have no row yet: give them one, so the
-- refresh finds them (an unknown zone is looked up like a stale one).
INSERT OR IGNORE INTO consultants (user_id) SELECT DISTINCT owner_id FROM interviews;
