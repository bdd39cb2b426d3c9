import { type Classification, type Confidence, type RecordedEvent, upcast } from '#domain';

/** An events row as the queries in sql.ts select it. */
export interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  country: string;
  occurred_at: Date;
  recorded_at: Date;
  recorded_by: string;
  classification: Classification;
  source: string | null;
  confidence: Confidence | null;
  correlation_id: string;
  causation_id: string | null;
  data: unknown;
}

/**
 * A row as this build reads it: upcast to its type's newest schema version (#domain upcast), so deciders and
 * projections see one shape per type whatever version it was recorded in.
 */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return upcast(toStoredEvent(row));
}

/**
 * A row exactly as recorded, at the schema version it was written in: what the relay publishes, so Kafka carries
 * the log as stored and each consumer upcasts on its own read.
 */
export function toStoredEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    country: row.country,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    classification: row.classification,
    source: row.source,
    confidence: row.confidence,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    data: row.data,
  };
}
