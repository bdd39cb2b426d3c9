/**
 * Taken shared by every projector chunk and exclusively by a rebuild's swap: the swap waits for chunks in flight
 * and holds new ones back, so no live write lands between catch-up and swap.
 */
export const CHUNK_LOCK = `SELECT pg_advisory_xact_lock_shared(hashtext('demarche.projector.swap'))`;
export const SWAP_LOCK = `SELECT pg_advisory_xact_lock(hashtext('demarche.projector.swap'))`;

const EVENT_COLUMNS = `
  e.global_position::text AS global_position, e.event_id, e.stream_id, e.stream_version, e.event_type,
  e.schema_version, e.country, e.occurred_at, e.recorded_at, e.recorded_by, e.classification, e.source,
  e.confidence, e.correlation_id, e.causation_id, e.data`;

/**
 * Events the live projector has applied (its claim on the stream covers them), after a position. A rebuild
 * reproduces exactly that set, so once swapped in the live projector neither repeats nor misses an event.
 */
export const APPLIED_EVENTS_AFTER = `
SELECT ${EVENT_COLUMNS}
FROM events e JOIN projection_stream_versions c
  ON c.projection = $1 AND c.stream_id = e.stream_id AND e.stream_version <= c.stream_version
WHERE e.global_position > $2 AND ($3::text IS NULL OR e.country = $3)
ORDER BY e.global_position
LIMIT $4`;

export const COUNT_APPLIED_EVENTS = `
SELECT count(*)::int AS n
FROM events e JOIN projection_stream_versions c
  ON c.projection = $1 AND c.stream_id = e.stream_id AND e.stream_version <= c.stream_version
WHERE ($2::text IS NULL OR e.country = $2)`;

/** Applied events the shadow tables have not seen yet: the catch-up done under the swap lock. */
export function missingFromShadow(schema: string): string {
  return `
SELECT ${EVENT_COLUMNS}
FROM events e JOIN projection_stream_versions c
  ON c.projection = $1 AND c.stream_id = e.stream_id AND e.stream_version <= c.stream_version
WHERE NOT EXISTS (SELECT 1 FROM ${schema}.projected_events p
                  WHERE p.stream_id = e.stream_id AND p.stream_version = e.stream_version)
ORDER BY e.global_position`;
}

/** Stream history in the shadow schema: inserting tells whether the event is new there. */
export const STORE_SHADOW_EVENT = `
INSERT INTO projected_events (stream_id, stream_version, event) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING RETURNING 1`;
