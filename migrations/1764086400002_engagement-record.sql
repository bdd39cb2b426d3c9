-- Up Migration

-- Every event the projector has applied, by stream: registers and timeline revisions re-fold their stream from
-- here (with corrections applied) instead of reading the event store.
CREATE TABLE projected_events (
  stream_id      text NOT NULL,
  stream_version integer NOT NULL,
  event          jsonb NOT NULL,
  PRIMARY KEY (stream_id, stream_version)
);

-- Timeline entries become revisions: a correction closes the current revision (known_until) and opens the next,
-- so the timeline can be read as it was known at any time (knownAt) and keeps the trail.
ALTER TABLE country_timeline DROP CONSTRAINT country_timeline_pkey;
ALTER TABLE country_timeline
  ADD COLUMN revision    integer NOT NULL DEFAULT 1,
  ADD COLUMN known_from  timestamptz,
  ADD COLUMN known_until timestamptz,
  ADD COLUMN retracted   boolean NOT NULL DEFAULT false,
  ADD COLUMN trail       jsonb NOT NULL DEFAULT '[]';
UPDATE country_timeline SET known_from = recorded_at;
ALTER TABLE country_timeline ALTER COLUMN known_from SET NOT NULL;
ALTER TABLE country_timeline ADD PRIMARY KEY (event_id, revision);
CREATE UNIQUE INDEX country_timeline_current_idx ON country_timeline (event_id) WHERE known_until IS NULL;
CREATE INDEX country_timeline_topics_idx ON country_timeline USING gin (topics);
CREATE INDEX country_timeline_vendors_idx ON country_timeline USING gin (vendors);
CREATE INDEX country_timeline_participants_idx ON country_timeline USING gin (participants);

-- Current state of every stateful entry (offers, support, contracts, follow-ups, observations, engagements),
-- folded by its domain decider.
CREATE TABLE registers (
  stream_id      text PRIMARY KEY,
  kind           text NOT NULL,
  entity_id      text NOT NULL,
  country        char(2) NOT NULL,
  status         text NOT NULL,
  occurred_at    timestamptz NOT NULL,
  due_date       date,
  classification text NOT NULL,
  state          jsonb NOT NULL,
  stream_version integer NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registers_kind_country_idx ON registers (kind, country, occurred_at DESC);
CREATE INDEX registers_kind_status_idx ON registers (kind, status, due_date);

-- The dependency ledger: each change to who holds what under a contract, dated when it happened. The sum of
-- rows up to a date is the equipment in service on that date.
CREATE TABLE contract_holdings (
  contract_id  text NOT NULL,
  seq          integer NOT NULL,
  country      char(2) NOT NULL,
  operator     text NOT NULL,
  domain       text NOT NULL,
  vendor_id    text NOT NULL,
  units_delta  numeric NOT NULL,
  value_delta  numeric NOT NULL,
  currency     text,
  effective_at timestamptz NOT NULL,
  PRIMARY KEY (contract_id, seq)
);
CREATE INDEX contract_holdings_country_idx ON contract_holdings (country, effective_at);

CREATE TABLE vendors (
  vendor_id     text PRIMARY KEY,
  name          text NOT NULL,
  origin        char(2) NOT NULL,
  high_risk     boolean NOT NULL,
  risk_basis    text,
  registered_at timestamptz NOT NULL
);

-- A vendor's high-risk flag over time, so figures as of a date use the flag of that date.
CREATE TABLE vendor_classifications (
  vendor_id    text NOT NULL,
  effective_at timestamptz NOT NULL,
  high_risk    boolean NOT NULL,
  risk_basis   text,
  PRIMARY KEY (vendor_id, effective_at)
);

-- Down Migration
DROP TABLE vendor_classifications;
DROP TABLE vendors;
DROP TABLE contract_holdings;
DROP TABLE registers;
DROP INDEX country_timeline_participants_idx;
DROP INDEX country_timeline_vendors_idx;
DROP INDEX country_timeline_topics_idx;
DROP INDEX country_timeline_current_idx;
ALTER TABLE country_timeline DROP CONSTRAINT country_timeline_pkey;
DELETE FROM country_timeline WHERE revision > 1;
ALTER TABLE country_timeline DROP COLUMN trail, DROP COLUMN retracted, DROP COLUMN known_until,
  DROP COLUMN known_from, DROP COLUMN revision;
ALTER TABLE country_timeline ADD PRIMARY KEY (event_id);
DROP TABLE projected_events;
