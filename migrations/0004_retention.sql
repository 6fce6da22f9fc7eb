-- Retention looks for finished interviews that still hold personal data; erased ones drop out of
-- this index so the daily query stays small however much history accumulates.
CREATE INDEX interviews_unerased_start ON interviews (start_at) WHERE erased_at IS NULL;
