export const PROJECTION_CHECKPOINTS = `
SELECT projection, topic, partition, next_offset::text AS next_offset,
       coalesce(extract(epoch FROM now() - last_recorded_at), 0)::float AS since_last_seconds
FROM projection_checkpoints`;

/** Streams a projection has parked behind an event it could not apply, per projection (see npm run dlq). */
export const PARKED_STREAMS = `
SELECT projection, count(*)::int AS parked FROM projection_parked_streams GROUP BY projection`;
