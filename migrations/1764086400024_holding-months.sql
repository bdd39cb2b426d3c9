-- Up Migration

-- Dependency as of a past date without reading the ledger back to it (issue 16). A figure as of a date is the
-- totals of the current ledger rows less what took effect after the date. Read row by row, that part grew with
-- the ledger: a year back on a corpus of 1,000,000 events it is a quarter of all contract rows. These are the
-- same current rows summed by the UTC calendar month their change takes effect in, kept by the contract-holdings
-- projection in the statement that opens or closes them, as contract_holding_totals is. A figure as of a date
-- now takes from the totals the months that begin after the date (one row per group and month: its cost grows
-- with how far back the date is, not with how many events there are) and the rows of the date's own month that
-- take effect after it.
CREATE TABLE contract_holding_months (
  country             char(2) NOT NULL,
  month               timestamptz NOT NULL,
  classification_rank smallint NOT NULL,
  domain              text NOT NULL,
  unit_kind           text NOT NULL,
  vendor_id           text NOT NULL,
  currency_key        text NOT NULL,
  units               numeric NOT NULL,
  value               numeric NOT NULL,
  PRIMARY KEY (country, month, classification_rank, domain, unit_kind, vendor_id, currency_key)
);
-- Every country's months after a date (the countries overview a year back).
CREATE INDEX contract_holding_months_month_idx ON contract_holding_months (month);
INSERT INTO contract_holding_months
SELECT country, date_trunc('month', effective_at, 'UTC'), classification_rank, domain, unit_kind, vendor_id,
       coalesce(currency, ''), sum(units_delta), sum(value_delta)
FROM contract_holdings WHERE known_until IS NULL
GROUP BY country, date_trunc('month', effective_at, 'UTC'), classification_rank, domain, unit_kind, vendor_id,
         coalesce(currency, '');
ANALYZE contract_holding_months;

-- Down Migration
DROP TABLE contract_holding_months;
