-- Up Migration

-- A stream whose event a projection could not apply: its later events go to the dead-letter topic too, so a
-- replay can restore them in order.
CREATE TABLE projection_parked_streams (
  projection    text NOT NULL,
  stream_id     text NOT NULL,
  dead_event_id text NOT NULL,
  reason        text NOT NULL,
  parked_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, stream_id)
);

-- Which dead letters an operator has replayed.
CREATE TABLE dead_letter_replays (
  topic       text NOT NULL,
  partition   integer NOT NULL,
  "offset"    bigint NOT NULL,
  replayed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, "offset")
);

-- Down Migration
DROP TABLE dead_letter_replays;
DROP TABLE projection_parked_streams;
