-- Up Migration

-- Full-text search over the timeline (GET /v1/search): each revision carries a tsvector that PostgreSQL keeps in
-- step with the row, so no projection code has to remember it and a rebuild recomputes it for free.
--
-- The `english` configuration, on the document and on every query alike: summaries are prose, and stemming lets
-- "negotiations" find "negotiation" and "cables" find "cable". Names (participants, vendors, operators) go through
-- the same stemmer on both sides, so "Jones" still finds "Jones"; what `english` costs is its stop words ("the",
-- "will"), which carry nothing a reader searches for. `simple` would make every plural a miss.
--
-- Weights rank a match in the headline (A) above one in the names and labels (B: participants, topics, vendors)
-- above one in the prose (C: the summary of meetings, dialogue rounds and observations, the description of
-- offers, support and contracts). Separators keep the last word of one name from running into the next.
--
-- IMMUTABLE as a generated column requires: everything in it is, but array_to_string, which PostgreSQL marks
-- STABLE only because an element type's output function might depend on settings; text's does not.
CREATE FUNCTION timeline_search_document(headline text, data jsonb, participants text[], topics text[],
                                         vendors text[])
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A')
      || setweight(to_tsvector('english'::regconfig,
                               array_to_string(participants || topics || vendors, ' ; ')), 'B')
      || setweight(to_tsvector('english'::regconfig,
                               coalesce(data ->> 'summary', '') || ' ; ' || coalesce(data ->> 'description', '')),
                   'C')
$$;

ALTER TABLE country_timeline
  ADD COLUMN search_document tsvector
  GENERATED ALWAYS AS (timeline_search_document(headline, data, participants, topics, vendors)) STORED;

-- Search reads the current revision of entries that stand (not retracted): only those rows are indexed, so the
-- index holds one row per live entry however long the correction trails grow.
CREATE INDEX country_timeline_search_idx ON country_timeline USING gin (search_document)
  WHERE known_until IS NULL AND NOT retracted;

-- Down Migration
DROP INDEX country_timeline_search_idx;
ALTER TABLE country_timeline DROP COLUMN search_document;
DROP FUNCTION timeline_search_document(text, jsonb, text[], text[], text[]);
