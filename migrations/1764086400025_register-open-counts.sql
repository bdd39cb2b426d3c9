-- Up Migration

-- The countries overview's counts without reading every open item (issue 16). It counted a country's open
-- follow-ups, the overdue ones and its open offers row by row, so its cost grew with the number of open items:
-- on a corpus of 200,000 events 14,600 follow-ups, most of the query's time. These are the current revisions of the
-- open follow-ups and of the offers awaiting an answer, counted per country, level and the UTC calendar month in
-- which the item falls due (a follow-up's due date, an offer's expiresOn; 'infinity' for none), kept by the
-- registers projection in the statements that open and close revisions. A count for a day is then the months
-- wholly before or after it, plus the items of its own month, read one by one from a partial index.
CREATE TABLE register_open_counts (
  country             char(2) NOT NULL,
  kind                text NOT NULL,
  classification_rank smallint NOT NULL,
  month               date NOT NULL,
  n                   integer NOT NULL,
  PRIMARY KEY (country, kind, classification_rank, month)
);
INSERT INTO register_open_counts
SELECT country, kind, classification_rank,
       coalesce(date_trunc('month', (CASE WHEN kind = 'follow-up' THEN due_date
                                     ELSE (state->>'expiresOn')::date END)::timestamp)::date, 'infinity'::date),
       count(*)
FROM registers
WHERE known_until IS NULL AND ((kind = 'follow-up' AND status = 'open') OR (kind = 'incentive-offer' AND status = 'offered'))
GROUP BY 1, 2, 3, 4;
ANALYZE register_open_counts;

-- The items of the day's own month: current open follow-ups by due date, current open offers by expiry (an ISO
-- date, so its text sorts as the date).
CREATE INDEX registers_current_follow_ups_due_idx ON registers (country, due_date) INCLUDE (classification_rank)
  WHERE kind = 'follow-up' AND status = 'open' AND known_until IS NULL;
CREATE INDEX registers_current_offers_expiry_idx ON registers (country, (state->>'expiresOn'))
  INCLUDE (classification_rank)
  WHERE kind = 'incentive-offer' AND status = 'offered' AND known_until IS NULL;
-- As known at a past time: the current open items recorded after it, which the counts hold and it did not.
CREATE INDEX registers_current_follow_ups_known_idx ON registers (country, known_from)
  INCLUDE (classification_rank, due_date)
  WHERE kind = 'follow-up' AND status = 'open' AND known_until IS NULL;
CREATE INDEX registers_current_offers_known_idx ON registers (country, known_from)
  WHERE kind = 'incentive-offer' AND status = 'offered' AND known_until IS NULL;

-- Down Migration
DROP INDEX registers_current_offers_known_idx;
DROP INDEX registers_current_follow_ups_known_idx;
DROP INDEX registers_current_offers_expiry_idx;
DROP INDEX registers_current_follow_ups_due_idx;
DROP TABLE register_open_counts;
