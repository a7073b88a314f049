-- Timers are claimed for a lease instead of deleted when claimed: a claimed timer is deleted only by
-- the completion of its claim (in the transaction of the work it triggered), and a claim whose lease
-- ran out (its node died) is claimed again.
ALTER TABLE parley_timer ADD COLUMN claim_token VARCHAR(64);
ALTER TABLE parley_timer ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
