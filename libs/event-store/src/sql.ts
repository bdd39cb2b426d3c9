export const STREAM_VERSION = `SELECT version FROM streams WHERE stream_id = $1`;

const EVENT_COLUMNS = `
  e.global_position::text AS global_position, e.event_id, e.stream_id, e.stream_version, e.event_type,
  e.schema_version, e.country, e.occurred_at, e.recorded_at, e.recorded_by, e.classification, e.source,
  e.confidence, e.correlation_id, e.causation_id, e.data`;

export const READ_STREAM = `
SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = $1 ORDER BY e.stream_version`;

/**
 * A page of the whole log (or one country's) after a position, in position order. Positions commit out of
 * order, so a reader paging by them may pass an event committed later with a lower position: a full read that
 * must miss nothing checks by stream versions afterwards (as a rebuild's catch-up does).
 */
export const READ_EVENTS_AFTER = `
SELECT ${EVENT_COLUMNS} FROM events e
WHERE e.global_position > $1 AND ($4::bigint IS NULL OR e.global_position <= $4)
  AND ($2::text IS NULL OR e.country = $2)
ORDER BY e.global_position
LIMIT $3`;

/** The highest position allocated so far ('0' for an empty log): where a bounded read of the log stops. */
export const HEAD_POSITION = `SELECT coalesce(max(global_position), 0)::text AS position FROM events`;

/** Several streams at once, each in version order (streams in position order of their events). */
export const READ_STREAMS = `
SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = ANY($1::text[]) ORDER BY e.global_position`;

export const COUNT_EVENTS = `SELECT count(*)::int AS n FROM events e WHERE ($1::text IS NULL OR e.country = $1)`;

/**
 * Pending outbox rows that no running transaction can still precede: only transactions older than the oldest
 * one in flight are visible, so a row committed late with a lower position is never overtaken. Keys with a
 * held-back row are skipped whole, which keeps each key's order while the rest flows.
 */
export const PENDING_OUTBOX = `
SELECT o.topic, o.message_key, o.attempts, ${EVENT_COLUMNS}
FROM outbox o JOIN events e ON e.global_position = o.global_position
WHERE o.published_at IS NULL AND o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  AND NOT EXISTS (SELECT 1 FROM outbox h
                  WHERE h.message_key = o.message_key AND h.published_at IS NULL AND h.held_until > now())
ORDER BY o.transaction_id, o.global_position
LIMIT $1`;

/** Holds back rows Kafka refused, for a back-off that grows with their attempts (capped at 10 minutes). */
export const HOLD_BACK = `
UPDATE outbox SET attempts = attempts + 1, last_error = $2,
  held_until = now() + least(600, 2 ^ least(attempts, 10)) * interval '1 second'
WHERE global_position = ANY($1::bigint[])`;

export const MARK_PUBLISHED = `
UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL, held_until = NULL
WHERE global_position = ANY($1::bigint[])`;

export const RECORD_PUBLISH_FAILURE = `
UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE global_position = ANY($1::bigint[])`;

/** Only one relay publishes at a time; the lock ends with the transaction, so a killed relay frees it. */
export const TRY_RELAY_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('demarche.outbox-relay')) AS locked`;

export const OUTBOX_BACKLOG = `
SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(enqueued_at)), 0)::float AS oldest_seconds
FROM outbox WHERE published_at IS NULL`;

export const STREAM_OF_EVENT = `SELECT stream_id FROM events WHERE event_id = $1`;

/** The remembered responses of several (caller, key) pairs at once; pairs never used are absent. */
export const IDEMPOTENT_RESPONSES = `
SELECT i.caller, i.key, i.request_hash, i.response
FROM unnest($1::text[], $2::text[]) AS k(caller, key)
JOIN idempotency_keys i ON i.caller = k.caller AND i.key = k.key`;

export const FORGET_IDEMPOTENCY_KEYS = `DELETE FROM idempotency_keys WHERE created_at < now() - $1::interval`;

/**
 * Appends events in one statement, for one append or several, each to its own stream (never two to one stream,
 * never two with one idempotency key): per append, bumps (or creates) the stream row only if it is at the expected
 * version, inserts the events numbered after it, queues each in the outbox, and (with an idempotency key)
 * remembers the response. `$1…$12` describe the appends (one element each), `$13…$25` their
 * events (`$13` the append each belongs to, 1-based, `$14` its place within that append). An append whose expected
 * version did not hold gets no rows back, and the others are written. A unique violation (an idempotency key
 * applied concurrently) fails the whole statement: the caller then appends one by one to tell whose it was.
 */
export const APPEND_BATCH = `
WITH req AS (
  SELECT r.*, r.ord::int AS req
  FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::timestamptz[], $6::text[], $7::uuid[], $8::uuid[],
              $9::text[], $10::text[], $11::text[], $12::jsonb[])
    WITH ORDINALITY AS r(stream_id, category, n, expected, recorded_at, recorded_by, correlation_id, causation_id,
                         idem_caller, idem_key, idem_hash, idem_response, ord)
), bumped AS (
  UPDATE streams s SET version = s.version + r.n, updated_at = now()
  FROM req r
  WHERE s.stream_id = r.stream_id AND s.version = r.expected AND r.expected > 0
  RETURNING r.req, s.version
), created AS (
  INSERT INTO streams (stream_id, category, version)
  SELECT stream_id, category, n FROM req WHERE expected = 0
  ON CONFLICT (stream_id) DO NOTHING
  RETURNING stream_id, version
), stream AS (
  SELECT req, version FROM bumped
  UNION ALL
  SELECT r.req, c.version FROM created c JOIN req r USING (stream_id)
), appended AS (
  INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, country, occurred_at,
                      recorded_at, recorded_by, classification, source, confidence, correlation_id, causation_id, data)
  SELECT e.event_id, r.stream_id, s.version - r.n + e.ord, e.event_type, e.schema_version, e.country, e.occurred_at,
         r.recorded_at, r.recorded_by, e.classification, e.source, e.confidence, r.correlation_id, r.causation_id,
         e.data
  FROM unnest($13::int[], $14::int[], $15::uuid[], $16::text[], $17::int[], $18::text[], $19::timestamptz[],
              $20::text[], $21::text[], $22::text[], $23::jsonb[])
         AS e(req, ord, event_id, event_type, schema_version, country, occurred_at, classification, source,
              confidence, data)
  JOIN stream s ON s.req = e.req
  JOIN req r ON r.req = e.req
  ORDER BY e.req, e.ord
  RETURNING global_position, event_id, stream_id, stream_version
), queued AS (
  INSERT INTO outbox (global_position, topic, message_key)
  SELECT a.global_position, o.topic, o.message_key
  FROM appended a JOIN unnest($15::uuid[], $24::text[], $25::text[]) AS o(event_id, topic, message_key) USING (event_id)
), remembered AS (
  INSERT INTO idempotency_keys (caller, key, request_hash, response)
  SELECT DISTINCT ON (r.req) r.idem_caller, r.idem_key, r.idem_hash,
         r.idem_response || jsonb_build_object('eventId', a.event_id, 'streamId', r.stream_id,
           'streamVersion', a.stream_version, 'globalPosition', a.global_position::text)
  FROM appended a JOIN req r ON r.stream_id = a.stream_id
  WHERE r.idem_key IS NOT NULL
  ORDER BY r.req, a.stream_version DESC
)
SELECT global_position::text AS global_position, event_id, stream_id, stream_version FROM appended`;
