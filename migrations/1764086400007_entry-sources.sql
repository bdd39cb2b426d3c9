-- Up Migration

-- Every read of an entry says where it comes from and how sure the officer is: the timeline keeps the entry's
-- source and confidence per revision, so a correction of either reads like a correction of any other field.
ALTER TABLE country_timeline
  ADD COLUMN source     text,
  ADD COLUMN confidence text;

-- Rows written before this migration: the values the event was recorded with, or the latest correction of them
-- in the revision's trail (what a rebuild of country-timeline gives).
WITH latest AS (
  SELECT t.event_id, t.revision,
         (SELECT a.item -> 'changes' FROM jsonb_array_elements(t.trail) WITH ORDINALITY AS a(item, n)
          WHERE a.item -> 'changes' ? 'source' ORDER BY a.n DESC LIMIT 1) AS source_change,
         (SELECT a.item -> 'changes' FROM jsonb_array_elements(t.trail) WITH ORDINALITY AS a(item, n)
          WHERE a.item -> 'changes' ? 'confidence' ORDER BY a.n DESC LIMIT 1) AS confidence_change
  FROM country_timeline t
)
UPDATE country_timeline t
SET source = CASE WHEN l.source_change IS NULL THEN e.source ELSE l.source_change ->> 'source' END,
    confidence = CASE WHEN l.confidence_change IS NULL THEN e.confidence
                      ELSE l.confidence_change ->> 'confidence' END
FROM latest l, events e
WHERE l.event_id = t.event_id AND l.revision = t.revision AND e.event_id = t.event_id;

-- Registers read the source of the entry they are (their stream's first event) from its revisions.
CREATE INDEX country_timeline_stream_idx ON country_timeline (stream_id, stream_version);

-- Down Migration
DROP INDEX country_timeline_stream_idx;
ALTER TABLE country_timeline DROP COLUMN confidence, DROP COLUMN source;
