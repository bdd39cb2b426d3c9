-- Up Migration
-- Wakes the relay when rows are queued instead of leaving them to its next poll: one notification per statement
-- that inserts into the outbox, delivered at commit (Postgres folds duplicates within a transaction).
CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('demarche_outbox', '');
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_queued AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

-- Down Migration
DROP TRIGGER outbox_queued ON outbox;
DROP FUNCTION notify_outbox();
