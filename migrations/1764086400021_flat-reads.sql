-- Up Migration

-- Reads whose cost does not grow with history (issue 16).

-- The countries overview finds which countries a reader knows of by a loose index scan: the first row of each
-- (country, level) pair in this order holds the pair's earliest known_from, so the pairs are found one probe each.
CREATE INDEX country_timeline_levels_idx ON country_timeline (country, classification_rank, known_from);
CREATE INDEX registers_levels_idx ON registers (country, classification_rank, known_from);

-- A country's latest entry of one type (the overview's latest engagement and stance, a timeline filtered by one
-- type): one descent instead of a walk through the country's other entries. The rank trails the sort key, so
-- the clearance is checked in the index.
CREATE INDEX country_timeline_type_page_idx
  ON country_timeline (country, event_type, occurred_at DESC, global_position DESC, classification_rank);

-- The overview's counts: the open follow-ups and the offers awaiting an answer that are in force at a time
-- (coalesce(known_until, 'infinity') > knownAt), a range of these partial indexes; revisions since superseded
-- sort below it and are never read for the present.
CREATE INDEX registers_open_follow_ups_idx
  ON registers (country, (coalesce(known_until, 'infinity'::timestamptz)))
  INCLUDE (known_from, known_until, classification_rank, due_date)
  WHERE kind = 'follow-up' AND status = 'open';
CREATE INDEX registers_open_offers_idx
  ON registers (country, (coalesce(known_until, 'infinity'::timestamptz)))
  INCLUDE (known_from, known_until, classification_rank)
  WHERE kind = 'incentive-offer' AND status = 'offered';

-- The dependency ledger's totals: per country, level, domain, unit kind, vendor and currency, the sum of the
-- current rows (known_until IS NULL), kept by the contract-holdings projection as it opens and closes rows. A
-- figure as of a date and as known at a time is these totals less what took effect after the date and less what
-- was recorded after the time, plus what was in force then and closed since: rows near the present, not the whole
-- ledger. currency_key is the currency, '' for none (a key column cannot be null).
CREATE TABLE contract_holding_totals (
  country             char(2) NOT NULL,
  classification_rank smallint NOT NULL,
  domain              text NOT NULL,
  unit_kind           text NOT NULL,
  vendor_id           text NOT NULL,
  currency_key        text NOT NULL,
  units               numeric NOT NULL,
  value               numeric NOT NULL,
  PRIMARY KEY (country, classification_rank, domain, unit_kind, vendor_id, currency_key)
);
INSERT INTO contract_holding_totals
SELECT country, classification_rank, domain, unit_kind, vendor_id, coalesce(currency, ''), sum(units_delta),
       sum(value_delta)
FROM contract_holdings WHERE known_until IS NULL
GROUP BY country, classification_rank, domain, unit_kind, vendor_id, coalesce(currency, '');
-- The rows a figure takes from or adds to the totals: current rows taking effect after a date, current rows
-- recorded after a time, and rows closed after a time.
CREATE INDEX contract_holdings_current_effective_idx ON contract_holdings (effective_at) WHERE known_until IS NULL;
CREATE INDEX contract_holdings_current_known_idx ON contract_holdings (known_from) WHERE known_until IS NULL;
CREATE INDEX contract_holdings_closed_idx ON contract_holdings (known_until) WHERE known_until IS NOT NULL;

-- A page as known at a past time reads down the page index from that instant, since entries are dated no later
-- than they are logged (give or take a clock's skew); the rows dated later than they became known are read apart,
-- from this index of just those rows. The statistics tell the planner how few they are.
CREATE INDEX country_timeline_dated_after_known_idx ON country_timeline (country, known_from)
  WHERE occurred_at - known_from > '00:05:00'::interval;
CREATE STATISTICS country_timeline_dated_after_known_stats ON (occurred_at - known_from) FROM country_timeline;
ANALYZE country_timeline;

-- Down Migration
DROP STATISTICS country_timeline_dated_after_known_stats;
DROP INDEX country_timeline_dated_after_known_idx;
DROP INDEX contract_holdings_closed_idx;
DROP INDEX contract_holdings_current_known_idx;
DROP INDEX contract_holdings_current_effective_idx;
DROP TABLE contract_holding_totals;
DROP INDEX registers_open_offers_idx;
DROP INDEX registers_open_follow_ups_idx;
DROP INDEX country_timeline_type_page_idx;
DROP INDEX registers_levels_idx;
DROP INDEX country_timeline_levels_idx;
