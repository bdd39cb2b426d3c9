/** Locks the partition's checkpoint so a stale group member cannot apply the same offsets concurrently. */
export const LOCK_CHECKPOINT = `
INSERT INTO projection_checkpoints (projection, topic, partition, next_offset) VALUES ($1, $2, $3, 0)
ON CONFLICT (projection, topic, partition) DO UPDATE SET projection = excluded.projection
RETURNING next_offset::text AS next_offset`;

export const SAVE_CHECKPOINT = `
UPDATE projection_checkpoints
SET next_offset = $4, updated_at = now(), last_recorded_at = coalesce($5::timestamptz, last_recorded_at)
WHERE projection = $1 AND topic = $2 AND partition = $3`;

/** Records a stream version as applied; no row back means it (or a later one) already was. */
export const CLAIM_STREAM_VERSION = `
INSERT INTO projection_stream_versions (projection, stream_id, stream_version) VALUES ($1, $2, $3)
ON CONFLICT (projection, stream_id) DO UPDATE SET stream_version = excluded.stream_version
WHERE projection_stream_versions.stream_version < excluded.stream_version
RETURNING stream_version`;

export const STORE_PROJECTED_EVENT = `
INSERT INTO projected_events (stream_id, stream_version, event) VALUES ($1, $2, $3)`;
