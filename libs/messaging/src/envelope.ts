import { type RecordedEvent, upcast } from '#domain';

/** Header names: CloudEvents' Kafka binding (binary mode) plus demarche's stream coordinates. */
export const HEADERS = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  specVersion: 'ce_specversion',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  schemaVersion: 'demarche_schemaversion',
  streamId: 'demarche_streamid',
  streamVersion: 'demarche_streamversion',
  globalPosition: 'demarche_globalposition',
} as const;

/** Headers a dead letter carries on top of the original record's. */
export const DEAD_LETTER_HEADERS = {
  error: 'dlq_error',
  projection: 'dlq_projection',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  failedAt: 'dlq_failed_at',
} as const;

/** A Kafka record as received, for forwarding untouched (dead letters, replays). */
export interface RawRecord {
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers: Record<string, string | Buffer>;
}

export interface WireMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** The Kafka record for a recorded event; the value is the whole envelope as JSON. */
export function toWireMessage(event: RecordedEvent, key: string): WireMessage {
  return {
    key,
    value: JSON.stringify(event),
    headers: {
      [HEADERS.id]: event.eventId,
      [HEADERS.type]: event.type,
      [HEADERS.source]: `/demarche/streams/${event.streamId}`,
      [HEADERS.specVersion]: '1.0',
      [HEADERS.time]: event.recordedAt,
      [HEADERS.subject]: event.country,
      [HEADERS.contentType]: 'application/json',
      [HEADERS.schemaVersion]: String(event.schemaVersion),
      [HEADERS.streamId]: event.streamId,
      [HEADERS.streamVersion]: String(event.streamVersion),
      [HEADERS.globalPosition]: event.globalPosition,
    },
  };
}

/** A Kafka record that is not a demarche event envelope. */
export class UndecodableMessageError extends Error {
  readonly retriable = false;
}

const REQUIRED_STRINGS = [
  'eventId',
  'type',
  'streamId',
  'globalPosition',
  'country',
  'occurredAt',
  'recordedAt',
];

/**
 * Parses and sanity-checks a record's value back into a recorded event, upcast to its type's newest schema
 * version (#domain upcast): every Kafka reader (the projector, a rebuild from the topic, a replayed dead letter)
 * decodes here, so none sees an old shape. Unknown types and versions come back as sent, for the caller to refuse.
 */
export function fromWireValue(value: Buffer | string | null): RecordedEvent {
  if (value === null) throw new UndecodableMessageError('empty record value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch (error) {
    throw new UndecodableMessageError(`record value is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new UndecodableMessageError('record value is not an object');
  const candidate = parsed as Record<string, unknown>;
  const missing = REQUIRED_STRINGS.filter((field) => typeof candidate[field] !== 'string');
  if (
    missing.length > 0 ||
    !Number.isInteger(candidate.streamVersion) ||
    !Number.isInteger(candidate.schemaVersion)
  ) {
    throw new UndecodableMessageError(
      `record value lacks envelope fields: ${missing.join(', ') || 'versions'}`,
    );
  }
  try {
    return upcast(candidate as unknown as RecordedEvent);
  } catch (error) {
    // A record an upcaster cannot read is dead-lettered like any unreadable record, not retried forever.
    throw new UndecodableMessageError(
      `cannot upcast ${String(candidate.type)} v${String(candidate.schemaVersion)}: ${(error as Error).message}`,
    );
  }
}
