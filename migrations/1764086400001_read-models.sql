-- Up Migration

-- Where each projection has got to in each Kafka partition; written in the same transaction as its effects.
CREATE TABLE projection_checkpoints (
  projection  text NOT NULL,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, topic, partition)
);

-- The last stream version each projection applied: drops the duplicates an at-least-once relay can publish.
CREATE TABLE projection_stream_versions (
  projection     text NOT NULL,
  stream_id      text NOT NULL,
  stream_version integer NOT NULL,
  PRIMARY KEY (projection, stream_id)
);

CREATE TABLE country_timeline (
  event_id        uuid PRIMARY KEY,
  country         char(2) NOT NULL,
  event_type      text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  recorded_by     text NOT NULL,
  classification  text NOT NULL,
  headline        text NOT NULL,
  topics          text[] NOT NULL,
  vendors         text[] NOT NULL,
  participants    text[] NOT NULL,
  stream_id       text NOT NULL,
  stream_version  integer NOT NULL,
  global_position bigint NOT NULL,
  data            jsonb NOT NULL
);
CREATE INDEX country_timeline_page_idx ON country_timeline (country, occurred_at DESC, global_position DESC);

-- Per-country roll-up; its counter makes a doubly applied event visible, which an idempotent insert would hide.
CREATE TABLE country_activity (
  country           char(2) PRIMARY KEY,
  entries           integer NOT NULL,
  last_occurred_at  timestamptz NOT NULL,
  last_recorded_at  timestamptz NOT NULL
);

-- Down Migration
DROP TABLE country_activity;
DROP TABLE country_timeline;
DROP TABLE projection_stream_versions;
DROP TABLE projection_checkpoints;
