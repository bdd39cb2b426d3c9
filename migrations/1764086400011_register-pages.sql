-- Up Migration

-- Registers are read a page at a time, keyset-paginated on a total order: a country register newest first, then
-- by stream descending; the follow-ups soonest due first, then oldest, then by stream. These indexes serve those
-- orders for every revision (a read names the revision in force at its knownAt, so it cannot use the partial
-- indexes of current rows). The country register's index supersedes registers_kind_country_idx, its prefix.
CREATE INDEX registers_kind_country_page_idx ON registers (kind, country, occurred_at DESC, stream_id DESC);
DROP INDEX registers_kind_country_idx;
CREATE INDEX registers_follow_ups_page_idx ON registers (due_date, occurred_at, stream_id)
  WHERE kind = 'follow-up';

-- Down Migration
DROP INDEX registers_follow_ups_page_idx;
CREATE INDEX registers_kind_country_idx ON registers (kind, country, occurred_at DESC);
DROP INDEX registers_kind_country_page_idx;
