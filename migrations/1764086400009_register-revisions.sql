-- Up Migration

-- Registers become revisions, like the timeline: each event of a stream closes the entry's current row
-- (known_until) and opens the next (known_from, the event's recorded time), so a register can be read as it was
-- known at any time (knownAt) and a figure briefed on a date comes back identical later. known_until IS NULL
-- marks the current row; there is at most one per stream.
ALTER TABLE registers DROP CONSTRAINT registers_pkey;
ALTER TABLE registers
  ADD COLUMN revision    integer NOT NULL DEFAULT 1,
  ADD COLUMN known_from  timestamptz,
  ADD COLUMN known_until timestamptz;
-- Rows written before this migration hold the state the stream's latest event produced: known from that
-- event's recorded time. Earlier states were not kept; `npm run projections:rebuild -- registers` refills them.
UPDATE registers g SET known_from = e.recorded_at
FROM events e
WHERE e.stream_id = g.stream_id AND e.stream_version = g.stream_version;
UPDATE registers SET known_from = updated_at WHERE known_from IS NULL;
ALTER TABLE registers ALTER COLUMN known_from SET NOT NULL, ALTER COLUMN revision DROP DEFAULT;
ALTER TABLE registers ADD PRIMARY KEY (stream_id, revision);
CREATE UNIQUE INDEX registers_current_idx ON registers (stream_id) WHERE known_until IS NULL;
-- Reads of the current rows (the default) by kind and country, and the scheduler's search for lapsed offers.
CREATE INDEX registers_current_kind_country_idx ON registers (kind, country, occurred_at DESC)
  WHERE known_until IS NULL;
CREATE INDEX registers_current_offers_idx ON registers (entity_id)
  WHERE known_until IS NULL AND kind = 'incentive-offer' AND status = 'offered';

-- Down Migration
DROP INDEX registers_current_offers_idx;
DROP INDEX registers_current_kind_country_idx;
DROP INDEX registers_current_idx;
DELETE FROM registers WHERE known_until IS NOT NULL;
ALTER TABLE registers DROP CONSTRAINT registers_pkey;
ALTER TABLE registers DROP COLUMN known_until, DROP COLUMN known_from, DROP COLUMN revision;
ALTER TABLE registers ADD PRIMARY KEY (stream_id);
