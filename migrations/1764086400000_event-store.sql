-- Up Migration

-- One row per stream: its current version is the concurrency token appends check.
CREATE TABLE streams (
  stream_id   text PRIMARY KEY,
  category    text NOT NULL,
  version     integer NOT NULL CHECK (version > 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The event log. Positions are allocated at insert time, so they can commit out of order and have gaps;
-- readers that need a safe prefix use transaction_id (see the outbox relay).
CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        uuid NOT NULL UNIQUE,
  stream_id       text NOT NULL REFERENCES streams (stream_id),
  stream_version  integer NOT NULL CHECK (stream_version > 0),
  event_type      text NOT NULL,
  schema_version  integer NOT NULL,
  country         char(2) NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  recorded_by     text NOT NULL,
  classification  text NOT NULL,
  source          text,
  confidence      text,
  correlation_id  uuid NOT NULL,
  causation_id    uuid,
  data            jsonb NOT NULL,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_country_idx ON events (country, global_position);

-- Transactional outbox: written in the same transaction as the events it announces.
CREATE TABLE outbox (
  global_position bigint PRIMARY KEY REFERENCES events (global_position),
  topic           text NOT NULL,
  message_key     text NOT NULL,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  enqueued_at     timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text
);
CREATE INDEX outbox_pending_idx ON outbox (transaction_id, global_position) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TABLE events;
DROP TABLE streams;
