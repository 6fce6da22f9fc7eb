-- Issue 16: more than one process on one database. A reminder being sent is held with a lease (a
-- wall-clock instant): another process only looks at it (history check, then due again) once the
-- lease has lapsed — its sender crashed, or its call never answered.
ALTER TABLE timeline_items ADD COLUMN lease_until INTEGER;
