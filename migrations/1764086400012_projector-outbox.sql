-- Up Migration

-- What the projector publishes to Kafka (dead letters now, derived events later), written in the transaction
-- that decided it and published only after that transaction commits: a rolled-back chunk leaves nothing here,
-- a committed one leaves its records until the projector's after-commit publisher has sent them (then deletes
-- them). Keys, values and headers are kept as the record will be sent.
CREATE TABLE projector_outbox (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic       text NOT NULL,
  message_key bytea,
  value       bytea,
  headers     jsonb NOT NULL DEFAULT '{}',
  enqueued_at timestamptz NOT NULL DEFAULT now(),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  -- Set when Kafka refused the record itself (too large, invalid): it is no longer sent, the rest flows on.
  refused_at  timestamptz
);

CREATE INDEX projector_outbox_pending ON projector_outbox (id) WHERE refused_at IS NULL;

-- Down Migration
DROP TABLE projector_outbox;
