/**
 * Taken shared by every projector chunk and exclusively by a rebuild's swap: the swap waits for chunks in flight
 * and holds new ones back, so no live write lands between catch-up and swap.
 */
export const CHUNK_LOCK = `SELECT pg_advisory_xact_lock_shared(hashtext('demarche.projector.swap'))`;
export const SWAP_LOCK = `SELECT pg_advisory_xact_lock(hashtext('demarche.projector.swap'))`;

/** The runner's claims on a set of streams: how far it has applied each (see ProjectionRunnerService). */
export const CLAIMED_VERSIONS = `
SELECT stream_id, stream_version FROM projection_stream_versions WHERE projection = $1 AND stream_id = ANY($2::text[])`;

/**
 * Streams the runner has applied further than the shadow tables have seen (fewer shadow rows than the claim's
 * version; shadow rows never pass a claim, which only grows): the catch-up done under the swap lock reads what
 * they miss from the event store. One grouped pass over the shadow rows, not a count per stream.
 */
export function behindInShadow(schema: string): string {
  return `
SELECT c.stream_id, c.stream_version
FROM projection_stream_versions c
LEFT JOIN (SELECT stream_id, count(*) AS seen FROM ${schema}.projected_events GROUP BY stream_id) p
  ON p.stream_id = c.stream_id
WHERE c.projection = $1 AND c.stream_version > coalesce(p.seen, 0)`;
}
