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
