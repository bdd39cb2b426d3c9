-- Up Migration

-- The dependency ledger keeps what it counts (sites or units: never added together), the contract event behind
-- each row (the cause of a move), and when we knew it (known_from/known_until, recorded time), so a figure
-- given in a briefing can be read again as it was known then. A changed contract closes its rows and opens
-- new ones instead of rewriting them.
ALTER TABLE contract_holdings DROP CONSTRAINT contract_holdings_pkey;
ALTER TABLE contract_holdings DROP COLUMN seq;
ALTER TABLE contract_holdings
  ADD COLUMN id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ADD COLUMN unit_kind      text,
  ADD COLUMN cause_event_id uuid,
  ADD COLUMN cause_type     text,
  ADD COLUMN effect         text NOT NULL DEFAULT 'change',
  ADD COLUMN known_from     timestamptz,
  ADD COLUMN known_until    timestamptz;
-- Rows written before this migration: the kind from the award; causes and knowledge times need a rebuild
-- (npm run projections:rebuild -- contract-holdings), until which they read as known since the award.
UPDATE contract_holdings h
SET unit_kind = coalesce(e.data->>'unitKind', 'units'), known_from = e.recorded_at
FROM events e
WHERE e.stream_id = 'contract-' || h.contract_id AND e.event_type = 'ContractAwarded';
UPDATE contract_holdings SET unit_kind = 'units' WHERE unit_kind IS NULL;
UPDATE contract_holdings SET known_from = effective_at WHERE known_from IS NULL;
ALTER TABLE contract_holdings ALTER COLUMN unit_kind SET NOT NULL, ALTER COLUMN known_from SET NOT NULL;
ALTER TABLE contract_holdings ADD CONSTRAINT contract_holdings_unit_kind_check CHECK (unit_kind IN ('sites', 'units'));
CREATE INDEX contract_holdings_current_idx ON contract_holdings (contract_id) WHERE known_until IS NULL;

-- The vendor flag history as known at any time, each row naming the registry event that set it.
ALTER TABLE vendor_classifications DROP CONSTRAINT vendor_classifications_pkey;
ALTER TABLE vendor_classifications
  ADD COLUMN id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ADD COLUMN event_id    uuid,
  ADD COLUMN event_type  text,
  ADD COLUMN known_from  timestamptz,
  ADD COLUMN known_until timestamptz;
UPDATE vendor_classifications SET known_from = effective_at;
ALTER TABLE vendor_classifications ALTER COLUMN known_from SET NOT NULL;
CREATE INDEX vendor_classifications_vendor_idx ON vendor_classifications (vendor_id, effective_at);

-- Down Migration
DROP INDEX vendor_classifications_vendor_idx;
DELETE FROM vendor_classifications WHERE known_until IS NOT NULL;
ALTER TABLE vendor_classifications DROP CONSTRAINT vendor_classifications_pkey;
ALTER TABLE vendor_classifications DROP COLUMN id, DROP COLUMN event_id, DROP COLUMN event_type,
  DROP COLUMN known_from, DROP COLUMN known_until;
ALTER TABLE vendor_classifications ADD PRIMARY KEY (vendor_id, effective_at);
DROP INDEX contract_holdings_current_idx;
DELETE FROM contract_holdings WHERE known_until IS NOT NULL;
ALTER TABLE contract_holdings DROP CONSTRAINT contract_holdings_unit_kind_check;
ALTER TABLE contract_holdings DROP CONSTRAINT contract_holdings_pkey;
ALTER TABLE contract_holdings DROP COLUMN id, DROP COLUMN unit_kind, DROP COLUMN cause_event_id,
  DROP COLUMN cause_type, DROP COLUMN effect, DROP COLUMN known_from, DROP COLUMN known_until;
ALTER TABLE contract_holdings ADD COLUMN seq integer NOT NULL DEFAULT 0;
