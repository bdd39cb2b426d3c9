-- Up Migration

-- Responses to commands sent with an Idempotency-Key, per caller. Written in the same statement as the events,
-- so a retried command either finds its response here or was never applied.
CREATE TABLE idempotency_keys (
  caller       text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Down Migration
DROP TABLE idempotency_keys;
