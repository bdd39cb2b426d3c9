import {
  decodeEventRecord,
  type EventEnvelope,
  eventHeaders,
  isEventRecord,
  NotAnEventRecordError,
} from '#contracts';
import { CLASSIFICATIONS, CONFIDENCE_LEVELS, type RecordedEvent, upcast } from '#domain';

export { EVENT_HEADERS } from '#contracts';

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

/**
 * The Kafka record for a recorded event: CloudEvents binary mode (libs/contracts' binding). The value is the
 * event's data alone; its attributes are headers, `ce_dataschema` naming its schema under `schemaBaseUrl`.
 */
export function toWireMessage(event: RecordedEvent, key: string, schemaBaseUrl: string): WireMessage {
  return { key, value: JSON.stringify(event.data), headers: eventHeaders(event, schemaBaseUrl) };
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

type Headers = Readonly<Record<string, string | Buffer | (string | Buffer)[] | undefined>>;

/**
 * Reads a Kafka record back into a recorded event at its type's newest schema version: every Kafka reader (the
 * projector, a rebuild from the topic, a replayed dead letter) decodes here. A record in CloudEvents binary mode
 * is read from its headers and value; one an older build wrote (the whole envelope as the value, before
 * migration 1764086400016 republished every event) from its value, until no topic holds such records.
 */
export function fromWireRecord(record: {
  readonly headers?: Headers;
  readonly value: Buffer | string | null;
}) {
  if (!isEventRecord(record.headers)) return fromWireValue(record.value);
  let envelope: EventEnvelope;
  try {
    envelope = decodeEventRecord(record.headers, record.value);
  } catch (error) {
    if (error instanceof NotAnEventRecordError) throw new UndecodableMessageError(error.message);
    throw error;
  }
  if (!(CLASSIFICATIONS as readonly string[]).includes(envelope.classification))
    throw new UndecodableMessageError(`unknown classification ${envelope.classification}`);
  if (envelope.confidence !== null && !(CONFIDENCE_LEVELS as readonly string[]).includes(envelope.confidence))
    throw new UndecodableMessageError(`unknown confidence ${envelope.confidence}`);
  return upcastRecord(envelope as RecordedEvent);
}

/**
 * Parses and sanity-checks a record's value, in the format before CloudEvents binary mode, back into a recorded event, upcast to its type's newest schema
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
  return upcastRecord(candidate as unknown as RecordedEvent);
}

function upcastRecord(event: RecordedEvent): RecordedEvent {
  try {
    return upcast(event);
  } catch (error) {
    // A record an upcaster cannot read is dead-lettered like any unreadable record, not retried forever.
    throw new UndecodableMessageError(
      `cannot upcast ${String(event.type)} v${String(event.schemaVersion)}: ${(error as Error).message}`,
    );
  }
}
