export const PROJECTION_CHECKPOINTS = `
SELECT projection, topic, partition, next_offset::text AS next_offset,
       coalesce(extract(epoch FROM now() - last_recorded_at), 0)::float AS since_last_seconds
FROM projection_checkpoints`;

/** Streams a projection has parked behind an event it could not apply, per projection (see npm run dlq). */
export const PARKED_STREAMS = `
SELECT projection, count(*)::int AS parked FROM projection_parked_streams GROUP BY projection`;

/**
 * What the projector has queued for Kafka after its commits (`projector_outbox`): rows still to send, with the
 * age of the oldest, and rows Kafka refused for their content, which stay there, unsent, for an operator.
 */
export const PROJECTOR_OUTBOX = `
SELECT count(*) FILTER (WHERE refused_at IS NULL)::int AS pending,
       count(*) FILTER (WHERE refused_at IS NOT NULL)::int AS refused,
       coalesce(extract(epoch FROM now() - min(enqueued_at) FILTER (WHERE refused_at IS NULL)), 0)::float
         AS oldest_pending_seconds
FROM projector_outbox`;
