-- Up Migration

-- apps/alerts, a downstream service built on the public contract alone (libs/contracts): it owns the schema
-- `alerts` and reads nothing else of this database; nothing else of demarche reads it.
CREATE SCHEMA alerts;

-- An alert raised by a rule from one record of a topic (an event or a derived event). Its id is derived from the
-- rule and the record's ce_id, so a record read twice (at least once delivery, a replay, a second consumer
-- instance) raises it once: inserts are ON CONFLICT DO NOTHING.
CREATE TABLE alerts.alerts (
  id               uuid PRIMARY KEY,
  rule             text NOT NULL,
  country          char(2) NOT NULL,
  classification   text NOT NULL CHECK (classification IN ('unclassified', 'restricted', 'confidential', 'secret')),
  -- What the alert is about: a follow-up, an offer, a contract, or <country>/<domain>/<unit kind>.
  subject          text NOT NULL,
  title            text NOT NULL,
  detail           jsonb NOT NULL,
  -- When the fact became true (the record's ce_time), and when this service raised the alert.
  occurred_at      timestamptz NOT NULL,
  raised_at        timestamptz NOT NULL DEFAULT now(),
  source_event_id  text NOT NULL,
  source_type      text NOT NULL,
  source_topic     text NOT NULL,
  -- Set when the event that raised the alert was retracted (EntryRetracted naming it).
  withdrawn_at     timestamptz,
  -- Paging order: newest first by occurred_at, then id.
  seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX alerts_by_time ON alerts.alerts (occurred_at DESC, id DESC);
CREATE INDEX alerts_by_country_time ON alerts.alerts (country, occurred_at DESC, id DESC);
CREATE INDEX alerts_by_source ON alerts.alerts (source_event_id);

-- What the service knows of each contract from its ContractAwarded: the domain an EquipmentReplaced works in.
CREATE TABLE alerts.contracts (
  contract_id     text PRIMARY KEY,
  country         char(2) NOT NULL,
  domain          text NOT NULL,
  classification  text NOT NULL
);

-- One webhook delivery of an alert: pending (next_attempt_at: when it is due, or until when a sender holds it),
-- delivered, or dead after the last attempt (the dead-letter list).
CREATE TABLE alerts.deliveries (
  alert_id         uuid NOT NULL REFERENCES alerts.alerts (id),
  webhook          text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_attempt_at  timestamptz,
  last_status      integer,
  last_error       text,
  delivered_at     timestamptz,
  dead_at          timestamptz,
  PRIMARY KEY (alert_id, webhook)
);
CREATE INDEX deliveries_due ON alerts.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_dead ON alerts.deliveries (dead_at DESC) WHERE status = 'dead';

-- Down Migration
DROP SCHEMA alerts CASCADE;
