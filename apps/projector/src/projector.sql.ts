import { CHUNK_LOCK } from './rebuild/rebuild.sql.js';

/**
 * A chunk's first statement: takes the swap lock shared (CHUNK_LOCK: a rebuild's swap waits for the chunk, or the
 * chunk for the swap), then locks the partition's checkpoint so a stale group member cannot apply the same offsets
 * concurrently, and reads it. One round trip: the row inserted comes from the lock's row, so the lock is taken
 * first.
 */
export const LOCK_CHECKPOINT = `
WITH swap AS MATERIALIZED (${CHUNK_LOCK})
INSERT INTO projection_checkpoints (projection, topic, partition, next_offset)
SELECT $1::text, $2::text, $3::int, 0 FROM swap
ON CONFLICT (projection, topic, partition) DO UPDATE SET projection = excluded.projection
RETURNING next_offset::text AS next_offset`;

export const SAVE_CHECKPOINT = `
UPDATE projection_checkpoints
SET next_offset = $4, updated_at = now(), last_recorded_at = coalesce($5::timestamptz, last_recorded_at)
WHERE projection = $1 AND topic = $2 AND partition = $3`;

/**
 * A known event's whole bookkeeping in one round trip: unless its stream is parked (then the dead event it is
 * parked behind comes back, and nothing is written), claims its stream version, and if that is new, stores it in
 * the stream history and reads the history back up to it (rows of kind 'event', in version order). Neither kind
 * of row: the version was applied already.
 */
export const CLAIM_AND_STORE = `
WITH parked AS (
  SELECT dead_event_id::text AS dead_event_id FROM projection_parked_streams WHERE projection = $1 AND stream_id = $2
), claimed AS (
  INSERT INTO projection_stream_versions (projection, stream_id, stream_version)
  SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM parked)
  ON CONFLICT (projection, stream_id) DO UPDATE SET stream_version = excluded.stream_version
  WHERE projection_stream_versions.stream_version < excluded.stream_version
  RETURNING stream_version
), stored AS (
  INSERT INTO projected_events (stream_id, stream_version, event) SELECT $2, $3, $4::jsonb FROM claimed
  RETURNING stream_version, event
)
SELECT 'parked' AS kind, 0 AS stream_version, NULL::jsonb AS event, dead_event_id FROM parked
UNION ALL
SELECT 'event', stream_version, event, NULL FROM stored
UNION ALL
SELECT 'event', h.stream_version, h.event, NULL FROM projected_events h
WHERE h.stream_id = $2 AND h.stream_version < $3 AND EXISTS (SELECT 1 FROM stored)
ORDER BY stream_version`;

/** One projector process publishes the queue at a time; the lock ends with the transaction. */
export const TRY_AFTER_COMMIT_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('demarche.projector-outbox')) AS locked`;

export const PENDING_AFTER_COMMIT = `
SELECT id::text AS id, topic, message_key, value, headers FROM projector_outbox
WHERE refused_at IS NULL ORDER BY id LIMIT $1`;

export const DELETE_PUBLISHED = `DELETE FROM projector_outbox WHERE id = ANY($1::bigint[])`;

export const RECORD_AFTER_COMMIT_FAILURE = `
UPDATE projector_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`;

/** Kafka refused the record's content: kept, with the error, for an operator, and no longer sent. */
export const REFUSE_AFTER_COMMIT = `
UPDATE projector_outbox SET attempts = attempts + 1, last_error = $2, refused_at = now() WHERE id = $1`;

/** Records for a topic that Kafka refused for their content (see REFUSE_AFTER_COMMIT), oldest first. */
export const REFUSED_AFTER_COMMIT = `
SELECT id::text AS id, value, headers, last_error, refused_at FROM projector_outbox
WHERE topic = $1 AND refused_at IS NOT NULL ORDER BY id`;

/**
 * CLAIM_AND_STORE for a chunk's events in one round trip ($2, $3, $4: their streams, versions and events, in
 * order), with the same outcome as one at a time: an event is claimed and stored when its version is past its
 * stream's claim and past the events of the list before it. If any of their streams is parked, nothing is claimed
 * or stored and the parked streams come back (the chunk is then applied one event at a time). Rows: 'parked';
 * 'stored' (the events claimed now, as stored); 'before' (the stored history of their streams before this
 * statement, which does not see its own rows).
 */
export const CLAIM_AND_STORE_MANY = `
WITH input AS (
  SELECT i.stream_id, i.stream_version, i.event,
         max(i.stream_version) OVER (PARTITION BY i.stream_id ORDER BY i.ord
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_in_list
  FROM unnest($2::text[], $3::int[], $4::jsonb[]) WITH ORDINALITY AS i(stream_id, stream_version, event, ord)
), parked AS (
  SELECT stream_id, dead_event_id::text AS dead_event_id FROM projection_parked_streams
  WHERE projection = $1 AND stream_id IN (SELECT stream_id FROM input)
), fresh AS (
  SELECT i.stream_id, i.stream_version, i.event
  FROM input i LEFT JOIN projection_stream_versions c ON c.projection = $1 AND c.stream_id = i.stream_id
  WHERE NOT EXISTS (SELECT 1 FROM parked)
    AND i.stream_version > greatest(coalesce(c.stream_version, 0), coalesce(i.earlier_in_list, 0))
), claimed AS (
  INSERT INTO projection_stream_versions (projection, stream_id, stream_version)
  SELECT $1, stream_id, max(stream_version) FROM fresh GROUP BY stream_id
  ON CONFLICT (projection, stream_id) DO UPDATE SET stream_version = excluded.stream_version
  WHERE projection_stream_versions.stream_version < excluded.stream_version
), stored AS (
  INSERT INTO projected_events (stream_id, stream_version, event)
  SELECT stream_id, stream_version, event FROM fresh
  RETURNING stream_id, stream_version, event
)
SELECT 'parked' AS kind, stream_id, 0 AS stream_version, NULL::jsonb AS event FROM parked
UNION ALL
SELECT 'stored', stream_id, stream_version, event FROM stored
UNION ALL
SELECT 'before', h.stream_id, h.stream_version, h.event FROM projected_events h
WHERE h.stream_id = ANY($2::text[]) AND EXISTS (SELECT 1 FROM fresh f WHERE f.stream_id = h.stream_id)`;
