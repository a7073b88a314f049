-- Claims read the pending entries in id order. Scanning the primary key, PostgreSQL filtered out
-- every delivered entry on the way (366 ms for one claim of 50 with 50,000 delivered). It keeps
-- choosing the primary key over an index on (state, id) (both look equally cheap to its planner
-- while half the rows are pending), but takes this partial index, which holds pending rows only.
-- H2 has no partial indexes.
-- only on PostgreSQL
CREATE INDEX parley_outbox_pending ON parley_outbox (id) WHERE state = 'PENDING';
-- only on H2
CREATE INDEX parley_outbox_pending ON parley_outbox (state, id);
