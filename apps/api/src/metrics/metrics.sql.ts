export const RELAY_BACKLOG = `
SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(enqueued_at)), 0)::float AS oldest_seconds
FROM outbox WHERE published_at IS NULL`;

export const PROJECTION_CHECKPOINTS = `
SELECT projection, topic, partition, next_offset::text AS next_offset,
       coalesce(extract(epoch FROM now() - last_recorded_at), 0)::float AS since_last_seconds
FROM projection_checkpoints`;
