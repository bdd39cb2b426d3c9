// How a demarche event travels on Kafka: CloudEvents 1.0, Kafka protocol binding, binary content mode. The record's
// value is the event's `data` alone (JSON); every other attribute is a header named `ce_<attribute>`.

/** The CloudEvents version of every record. */
export const CLOUDEVENTS_SPEC_VERSION = '1.0';

/** The value's media type (the `content-type` header: the binding's name for `datacontenttype`). */
export const DATA_CONTENT_TYPE = 'application/json';

/** `ce_source` of every event: ids are UUIDs, unique across all of demarche. */
export const EVENT_SOURCE = '/demarche';

/**
 * demarche's extension attributes, by the name a consumer reads them under. CloudEvents extension names are
 * lower-case letters and digits only; each travels as the header `ce_<name>`.
 */
export const EXTENSIONS = {
  /** When demarche recorded the event (RFC 3339); `time` is when it happened. */
  recordedAt: 'recordedat',
  /** Who recorded it (the desk officer's subject, or the system job). */
  recordedBy: 'recordedby',
  /** The schema version of `data` (also the last path segment of `dataschema`). */
  schemaVersion: 'schemaversion',
  /** ISO 3166-1 alpha-2 country the event belongs to (a vendor-registry event: the vendor's origin). */
  country: 'country',
  /** unclassified | restricted | confidential | secret: the level of the topic it is on. */
  classification: 'classification',
  /** The event's position in its stream (`subject`), from 1, without gaps. */
  streamVersion: 'streamversion',
  /** The event's position in the whole store: increasing, with gaps (decimal string, 64-bit). */
  globalPosition: 'globalposition',
  /** The request that caused it; shared by every event one command appended. */
  correlationId: 'correlationid',
  /** The event or command that caused it, when there is one. */
  causationId: 'causationid',
  /** Where the information came from (a cable, a report), when the desk officer said. */
  informationSource: 'infosource',
  /** high | medium | low, when the desk officer said. */
  confidence: 'confidence',
} as const;

/** Every header a demarche event record carries, by attribute. Optional attributes are absent when null. */
export const EVENT_HEADERS = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  dataSchema: 'ce_dataschema',
  contentType: 'content-type',
  recordedAt: `ce_${EXTENSIONS.recordedAt}`,
  recordedBy: `ce_${EXTENSIONS.recordedBy}`,
  schemaVersion: `ce_${EXTENSIONS.schemaVersion}`,
  country: `ce_${EXTENSIONS.country}`,
  classification: `ce_${EXTENSIONS.classification}`,
  streamVersion: `ce_${EXTENSIONS.streamVersion}`,
  globalPosition: `ce_${EXTENSIONS.globalPosition}`,
  correlationId: `ce_${EXTENSIONS.correlationId}`,
  causationId: `ce_${EXTENSIONS.causationId}`,
  informationSource: `ce_${EXTENSIONS.informationSource}`,
  confidence: `ce_${EXTENSIONS.confidence}`,
} as const;

/** The path, under the API's base URL, of the JSON Schema of one event type's data at one schema version. */
export function dataSchemaPath(type: string, schemaVersion: number): string {
  return `/schemas/events/${encodeURIComponent(type)}/v${schemaVersion}.json`;
}

/** `ce_dataschema`: the schema's absolute URI, served by the API at `baseUrl` (no trailing slash needed). */
export function dataSchemaUri(baseUrl: string, type: string, schemaVersion: number): string {
  return `${baseUrl.replace(/\/+$/, '')}${dataSchemaPath(type, schemaVersion)}`;
}

/** An event with everything its record states: the attributes above, and `data`. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  /** Decimal string: positions are 64-bit and may have gaps. */
  readonly globalPosition: string;
  readonly country: string;
  readonly classification: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly source: string | null;
  readonly confidence: string | null;
  readonly data: Data;
}

/** The headers of an event's record (binary mode); the value is `JSON.stringify(event.data)`. */
export function eventHeaders(event: EventEnvelope, schemaBaseUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [EVENT_HEADERS.id]: event.eventId,
    [EVENT_HEADERS.type]: event.type,
    [EVENT_HEADERS.source]: EVENT_SOURCE,
    [EVENT_HEADERS.subject]: event.streamId,
    [EVENT_HEADERS.time]: event.occurredAt,
    [EVENT_HEADERS.dataSchema]: dataSchemaUri(schemaBaseUrl, event.type, event.schemaVersion),
    [EVENT_HEADERS.contentType]: DATA_CONTENT_TYPE,
    [EVENT_HEADERS.recordedAt]: event.recordedAt,
    [EVENT_HEADERS.recordedBy]: event.recordedBy,
    [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
    [EVENT_HEADERS.country]: event.country,
    [EVENT_HEADERS.classification]: event.classification,
    [EVENT_HEADERS.streamVersion]: String(event.streamVersion),
    [EVENT_HEADERS.globalPosition]: event.globalPosition,
    [EVENT_HEADERS.correlationId]: event.correlationId,
  };
  if (event.causationId !== null) headers[EVENT_HEADERS.causationId] = event.causationId;
  if (event.source !== null) headers[EVENT_HEADERS.informationSource] = event.source;
  if (event.confidence !== null) headers[EVENT_HEADERS.confidence] = event.confidence;
  return headers;
}

/** A record that is not a demarche event in this binding; `reason` says what is wrong. */
export class NotAnEventRecordError extends Error {}

const REQUIRED_HEADERS = [
  EVENT_HEADERS.specVersion,
  EVENT_HEADERS.id,
  EVENT_HEADERS.type,
  EVENT_HEADERS.subject,
  EVENT_HEADERS.time,
  EVENT_HEADERS.recordedAt,
  EVENT_HEADERS.recordedBy,
  EVENT_HEADERS.schemaVersion,
  EVENT_HEADERS.country,
  EVENT_HEADERS.classification,
  EVENT_HEADERS.streamVersion,
  EVENT_HEADERS.globalPosition,
  EVENT_HEADERS.correlationId,
] as const;

/** A header as Kafka clients hand it over. */
export type HeaderValue = string | Buffer | (string | Buffer)[] | undefined;

function text(value: HeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** A header of a record as text (its first value), or undefined when absent. */
export function headerText(
  headers: Readonly<Record<string, HeaderValue>> | undefined,
  name: string,
): string | undefined {
  return text(headers?.[name]);
}

/** A record's value parsed as its JSON data; NotAnEventRecordError when there is none or it is not JSON. */
export function recordData(value: Buffer | string | null): unknown {
  if (value === null) throw new NotAnEventRecordError('record has no value (data)');
  try {
    return JSON.parse(value.toString());
  } catch (error) {
    throw new NotAnEventRecordError(`record value is not JSON: ${(error as Error).message}`);
  }
}

/** Whether a record's headers are this binding's (a record of an older format lacks `ce_recordedat`). */
export function isEventRecord(headers: Readonly<Record<string, HeaderValue>> | undefined): boolean {
  return text(headers?.[EVENT_HEADERS.recordedAt]) !== undefined;
}

/**
 * Reads a record (its headers and value) back into the envelope it was written from, at the schema version it
 * was written with (a consumer of a newer version upcasts; `libs/contracts` lists every version's schema).
 */
export function decodeEventRecord(
  headers: Readonly<Record<string, HeaderValue>> | undefined,
  value: Buffer | string | null,
): EventEnvelope {
  const read = (name: string) => headerText(headers, name);
  const missing = REQUIRED_HEADERS.filter((name) => read(name) === undefined);
  if (missing.length > 0) throw new NotAnEventRecordError(`record lacks headers: ${missing.join(', ')}`);
  if (read(EVENT_HEADERS.specVersion) !== CLOUDEVENTS_SPEC_VERSION)
    throw new NotAnEventRecordError(
      `unsupported CloudEvents version ${String(read(EVENT_HEADERS.specVersion))}`,
    );
  const schemaVersion = Number(read(EVENT_HEADERS.schemaVersion));
  const streamVersion = Number(read(EVENT_HEADERS.streamVersion));
  if (!Number.isInteger(schemaVersion) || !Number.isInteger(streamVersion))
    throw new NotAnEventRecordError('schema or stream version is not an integer');
  const data = recordData(value);
  return {
    eventId: read(EVENT_HEADERS.id) as string,
    type: read(EVENT_HEADERS.type) as string,
    schemaVersion,
    streamId: read(EVENT_HEADERS.subject) as string,
    streamVersion,
    globalPosition: read(EVENT_HEADERS.globalPosition) as string,
    country: read(EVENT_HEADERS.country) as string,
    classification: read(EVENT_HEADERS.classification) as string,
    occurredAt: read(EVENT_HEADERS.time) as string,
    recordedAt: read(EVENT_HEADERS.recordedAt) as string,
    recordedBy: read(EVENT_HEADERS.recordedBy) as string,
    correlationId: read(EVENT_HEADERS.correlationId) as string,
    causationId: read(EVENT_HEADERS.causationId) ?? null,
    source: read(EVENT_HEADERS.informationSource) ?? null,
    confidence: read(EVENT_HEADERS.confidence) ?? null,
    data,
  };
}
