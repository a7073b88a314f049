-- Claims read the pending entries in id order. Without this index PostgreSQL walks the primary key
-- from the first id and filters out every delivered entry on the way (366 ms for one claim of 50
-- with 50,000 delivered); with it the scan starts at the first pending entry. Not partial
-- (WHERE state = 'PENDING'): H2 has no partial indexes, and the scripts run on both.
CREATE INDEX parley_outbox_claim ON parley_outbox (state, id);
