-- Up Migration

-- A row Kafka refuses (too large, invalid) holds back its own key only, until this time; other keys flow on.
ALTER TABLE outbox ADD COLUMN held_until timestamptz;

-- Down Migration
ALTER TABLE outbox DROP COLUMN held_until;
