/**
 * Taken shared by every projector chunk and exclusively by a rebuild's swap: the swap waits for chunks in flight
 * and holds new ones back, so no live write lands between catch-up and swap.
 */
const SWAP_LOCK_KEY = `hashtext('demarche.projector.swap')`;
export const CHUNK_LOCK = `SELECT pg_advisory_xact_lock_shared(${SWAP_LOCK_KEY})`;
export const SWAP_LOCK = `SELECT pg_advisory_xact_lock(${SWAP_LOCK_KEY})`;

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

/** A live table's primary key, unique and exclusion constraints ($1: the table), as ADD CONSTRAINT takes them. */
export const TABLE_KEY_CONSTRAINTS = `
SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
WHERE conrelid = to_regclass('public.' || $1) AND contype IN ('p', 'u', 'x')
ORDER BY conname`;

/** A live table's other indexes ($1: the table), as the statements that create them, and whether each is GIN. */
export const TABLE_INDEXES = `
SELECT ix.indexdef, ix.indexdef LIKE '% USING gin %' AS gin FROM pg_indexes ix
WHERE ix.schemaname = 'public' AND ix.tablename = $1
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conrelid = to_regclass('public.' || $1) AND c.conindid = to_regclass('public.' || ix.indexname))
ORDER BY ix.indexname`;
