-- Up Migration

-- Need-to-know on every read: each read-model row that holds an entry, or is counted into a figure, carries its
-- level as a number (0 unclassified, 1 restricted, 2 confidential, 3 secret: classificationRank in
-- libs/domain/src/access/access.ts), so what a reader may see is `classification_rank <= $rank` in SQL. The level's
-- name would sort `unclassified` last, and filtering in JavaScript after the fact would leave counts, totals and
-- page boundaries computed over rows the reader may not see.

-- A level's rank; a name that is no level stops the migration rather than guess one.
CREATE FUNCTION pg_temp.classification_rank(level text) RETURNS smallint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  rank integer := array_position(ARRAY['unclassified', 'restricted', 'confidential', 'secret'], level);
BEGIN
  IF rank IS NULL THEN
    RAISE EXCEPTION 'a read-model row has the classification %, which is no level', level;
  END IF;
  RETURN (rank - 1)::smallint;
END
$$;

-- The highest level any event of a stream up to a version has: an entry is as classified as its most
-- classified event (corrections and transitions carry the entry's level, so in practice all are equal).
CREATE FUNCTION pg_temp.stream_rank(stream text, up_to integer) RETURNS smallint LANGUAGE sql STABLE AS $$
  SELECT max(pg_temp.classification_rank(e.classification))::smallint
  FROM events e WHERE e.stream_id = stream AND e.stream_version <= up_to
$$;

-- Timeline revisions: each row is one event, at that event's level (its corrections carry the same level).
ALTER TABLE country_timeline ADD COLUMN classification_rank smallint;
UPDATE country_timeline SET classification_rank = pg_temp.classification_rank(classification);
ALTER TABLE country_timeline ALTER COLUMN classification_rank SET NOT NULL;
-- Pages of a country's timeline: the rank trails the sort key, so the clearance is checked in the index, before
-- a row of a level the reader may not see is fetched. Supersedes country_timeline_page_idx, its prefix.
CREATE INDEX country_timeline_scoped_page_idx
  ON country_timeline (country, occurred_at DESC, global_position DESC, classification_rank);
DROP INDEX country_timeline_page_idx;

-- Register revisions (offers, support, contracts, follow-ups): the entry's level as its events up to the revision
-- give it.
ALTER TABLE registers ADD COLUMN classification_rank smallint;
UPDATE registers g
SET classification_rank = greatest(pg_temp.classification_rank(g.classification),
                                   pg_temp.stream_rank(g.stream_id, g.stream_version));
ALTER TABLE registers ALTER COLUMN classification_rank SET NOT NULL;
CREATE INDEX registers_kind_country_scoped_page_idx
  ON registers (kind, country, occurred_at DESC, stream_id DESC, classification_rank);
DROP INDEX registers_kind_country_page_idx;
CREATE INDEX registers_follow_ups_scoped_page_idx
  ON registers (due_date, occurred_at, stream_id, classification_rank, country) WHERE kind = 'follow-up';
DROP INDEX registers_follow_ups_page_idx;

-- The dependency ledger: a row counts only into the figures of readers cleared for its contract.
ALTER TABLE contract_holdings ADD COLUMN classification_rank smallint;
UPDATE contract_holdings h SET classification_rank = pg_temp.stream_rank('contract-' || h.contract_id, 2147483647);
-- A row whose contract has no events left (none should) is kept from every reader below secret.
UPDATE contract_holdings SET classification_rank = 3 WHERE classification_rank IS NULL;
ALTER TABLE contract_holdings ALTER COLUMN classification_rank SET NOT NULL;
CREATE INDEX contract_holdings_scoped_idx ON contract_holdings (country, effective_at, classification_rank);
DROP INDEX contract_holdings_country_idx;

-- The per-country roll-up counts each level apart, so a count for a reader is the sum over the levels it may
-- see. Recounted from the timeline's first revisions: one per entry, as the projection counts them.
ALTER TABLE country_activity DROP CONSTRAINT country_activity_pkey;
ALTER TABLE country_activity ADD COLUMN classification_rank smallint;
DELETE FROM country_activity;
INSERT INTO country_activity (country, classification_rank, entries, last_occurred_at, last_recorded_at)
SELECT country, classification_rank, count(*), max(occurred_at), max(recorded_at)
FROM country_timeline WHERE revision = 1
GROUP BY country, classification_rank;
ALTER TABLE country_activity ALTER COLUMN classification_rank SET NOT NULL;
ALTER TABLE country_activity ADD PRIMARY KEY (country, classification_rank);

-- Down Migration
ALTER TABLE country_activity DROP CONSTRAINT country_activity_pkey;
-- One row per country again: its levels' rows summed (the DELETE's snapshot does not see the rows inserted).
WITH levels AS (DELETE FROM country_activity RETURNING *)
INSERT INTO country_activity (country, classification_rank, entries, last_occurred_at, last_recorded_at)
SELECT country, 0, sum(entries)::integer, max(last_occurred_at), max(last_recorded_at) FROM levels GROUP BY country;
ALTER TABLE country_activity DROP COLUMN classification_rank;
ALTER TABLE country_activity ADD PRIMARY KEY (country);

CREATE INDEX contract_holdings_country_idx ON contract_holdings (country, effective_at);
DROP INDEX contract_holdings_scoped_idx;
ALTER TABLE contract_holdings DROP COLUMN classification_rank;

CREATE INDEX registers_follow_ups_page_idx ON registers (due_date, occurred_at, stream_id)
  WHERE kind = 'follow-up';
DROP INDEX registers_follow_ups_scoped_page_idx;
CREATE INDEX registers_kind_country_page_idx ON registers (kind, country, occurred_at DESC, stream_id DESC);
DROP INDEX registers_kind_country_scoped_page_idx;
ALTER TABLE registers DROP COLUMN classification_rank;

CREATE INDEX country_timeline_page_idx ON country_timeline (country, occurred_at DESC, global_position DESC);
DROP INDEX country_timeline_scoped_page_idx;
ALTER TABLE country_timeline DROP COLUMN classification_rank;
