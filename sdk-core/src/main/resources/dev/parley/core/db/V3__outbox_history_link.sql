-- An outbox entry may stand for a message stored as PENDING in the history (a bot's reply): once the
-- platform accepted the entry, that message is marked SENT with the platform's message id.
ALTER TABLE parley_outbox ADD COLUMN history_message_id BIGINT;
