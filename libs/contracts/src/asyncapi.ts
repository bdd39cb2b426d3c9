// The AsyncAPI 3.0 description of demarche's Kafka topics, generated from the event schemas and the topic
// layout (libs/messaging/src/topics.ts and routing.ts), so that it cannot describe a message the code does not
// send. The API serves it at /asyncapi.json.
import {
  CLOUDEVENTS_SPEC_VERSION,
  DATA_CONTENT_TYPE,
  dataSchemaPath,
  EVENT_HEADERS,
  EVENT_SOURCE,
} from './cloudevents.js';
import {
  DERIVED_EVENT_SCHEMAS,
  DERIVED_EVENT_SOURCE,
  DERIVED_EVENT_TYPES,
  derivedSchemaPath,
  derivedTopic,
} from './derived.js';
import { EVENT_SCHEMAS, EVENT_TYPE_NAMES, newestSchemaVersion } from './events/index.js';

/** What the document needs to know of a deployment. */
export interface AsyncApiOptions {
  /** KAFKA_TOPIC_PREFIX: topics are `<prefix>.engagement.<level>`. */
  readonly topicPrefix: string;
  /** The classification levels, lowest first; one topic each. */
  readonly levels: readonly string[];
  /** Partitions of each topic. */
  readonly partitions: number;
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** The API's base URL, under which `ce_dataschema` URIs resolve. */
  readonly schemaBaseUrl: string;
  /** The version of the document (the application's). */
  readonly version: string;
}

const BINDING_VERSION = '0.5.0';
const STREAM_PREFIXES = [
  'engagement',
  'follow-up',
  'incentive',
  'support',
  'contract',
  'vendor',
  'observation',
];
const VENDOR_EVENTS = new Set(['VendorRegistered', 'VendorRiskReclassified']);

const DESCRIPTION = `
demarche records diplomatic engagement over critical telecom infrastructure as events, and publishes every event to
Kafka. This document describes the topics, the records on them and how to consume them.

## Topics and keys
One topic per classification level, \`<prefix>.engagement.<level>\`; an event is on the topic of its own level
(\`ce_classification\`), and a consumer reads the levels its credentials are cleared for (ACLs are per topic).
Records are keyed by country (\`ce_country\`, ISO 3166-1 alpha-2); vendor-registry events by their stream
(\`vendor-<vendorId>\`). Records the projector could not apply go to \`<topic>.dlq\` of the same level.

## Records
CloudEvents 1.0, Kafka protocol binding, binary content mode: the value is the event's \`data\` alone (JSON), every
attribute a header \`ce_<attribute>\`. \`ce_subject\` is the stream, \`ce_time\` when it happened, \`ce_recordedat\`
when demarche recorded it.

## Ordering
Per key within a level's topic: the events of one country (one vendor) on one topic are in the order they were
recorded; a stream's events are all at one level, so they share a topic and a partition and arrive in stream order
(\`ce_streamversion\` 1, 2, 3… without gaps). There is no order across keys or topics; \`ce_globalposition\`
increases with gaps and is not a delivery order.

## Delivery
At least once: a record may arrive twice. De-duplicate by \`ce_id\` (or by stream and \`ce_streamversion\`).

## Retention
Kept forever (\`retention.ms\` -1): a new consumer reads from the beginning to rebuild its state.

## Corrections and retractions
Events are never changed or deleted. \`EntryCorrected\` (same stream as its target, \`targetEventId\`) replaces fields of
the target's data, or its \`occurredAt\`/\`source\`/\`confidence\`; apply corrections in stream order to read the target
as it now reads. \`EntryRetracted\` says the target should not have been recorded: drop it from any figure. Retracting
the event that created an entry retracts the entry: later events of its stream then change nothing.

## Schema evolution
Each record names its data's schema: \`ce_schemaversion\` (an integer) and \`ce_dataschema\` (the schema's URI,
served by the API). A published schema version never changes; a changed shape keeps its event type and gets the
next version. Topics keep what was recorded, so a type's older versions stay on the topic: read \`ce_schemaversion\`
and bring old data up (each schema's description says what changed). A message below describes the newest version.
`.trim();

function headersSchema(type?: string) {
  const versions = type === undefined ? undefined : newestSchemaVersion(type);
  const positive = { type: 'string', pattern: '^[1-9][0-9]*$' };
  return {
    type: 'object',
    description:
      'CloudEvents attributes, one header each (values UTF-8 strings). Optional ones are absent when unknown.',
    required: [
      EVENT_HEADERS.specVersion,
      EVENT_HEADERS.id,
      EVENT_HEADERS.type,
      EVENT_HEADERS.source,
      EVENT_HEADERS.subject,
      EVENT_HEADERS.time,
      EVENT_HEADERS.dataSchema,
      EVENT_HEADERS.contentType,
      EVENT_HEADERS.recordedAt,
      EVENT_HEADERS.recordedBy,
      EVENT_HEADERS.schemaVersion,
      EVENT_HEADERS.country,
      EVENT_HEADERS.classification,
      EVENT_HEADERS.streamVersion,
      EVENT_HEADERS.globalPosition,
      EVENT_HEADERS.correlationId,
    ],
    properties: {
      [EVENT_HEADERS.specVersion]: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
      [EVENT_HEADERS.id]: {
        type: 'string',
        format: 'uuid',
        description: 'The event id: de-duplicate by it.',
      },
      [EVENT_HEADERS.type]:
        type === undefined
          ? { type: 'string', enum: [...EVENT_TYPE_NAMES] }
          : { type: 'string', const: type },
      [EVENT_HEADERS.source]: { type: 'string', const: EVENT_SOURCE },
      [EVENT_HEADERS.subject]: {
        type: 'string',
        pattern: `^(${STREAM_PREFIXES.join('|')})-.+$`,
        description: 'The stream the event belongs to, e.g. `contract-<contractId>`.',
      },
      [EVENT_HEADERS.time]: { type: 'string', format: 'date-time', description: 'When it happened.' },
      [EVENT_HEADERS.dataSchema]: {
        type: 'string',
        format: 'uri',
        description: "The JSON Schema of the value at the event's schema version.",
      },
      [EVENT_HEADERS.contentType]: { type: 'string', const: DATA_CONTENT_TYPE },
      [EVENT_HEADERS.recordedAt]: {
        type: 'string',
        format: 'date-time',
        description: 'When demarche recorded it.',
      },
      [EVENT_HEADERS.recordedBy]: {
        type: 'string',
        description: 'Who recorded it (a subject, or a system job).',
      },
      [EVENT_HEADERS.schemaVersion]:
        versions === undefined
          ? { ...positive, description: 'The schema version of the value.' }
          : {
              type: 'string',
              enum: Array.from({ length: versions }, (_, i) => String(i + 1)),
              description: `The schema version of the value; ${versions} is the newest.`,
            },
      [EVENT_HEADERS.country]: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' },
      [EVENT_HEADERS.classification]: { type: 'string', description: 'The level of the topic it is on.' },
      [EVENT_HEADERS.streamVersion]: {
        ...positive,
        description: 'Position in its stream, from 1, without gaps.',
      },
      [EVENT_HEADERS.globalPosition]: {
        type: 'string',
        pattern: '^[0-9]+$',
        description: 'Position in the whole store: increasing, with gaps (64-bit, decimal).',
      },
      [EVENT_HEADERS.correlationId]: { type: 'string', description: 'The request that caused it.' },
      [EVENT_HEADERS.causationId]: {
        type: 'string',
        description: 'The event or command that caused it, if any.',
      },
      [EVENT_HEADERS.informationSource]: {
        type: 'string',
        description: 'Where the information came from, if said.',
      },
      [EVENT_HEADERS.confidence]: { type: 'string', enum: ['high', 'medium', 'low'] },
    },
  };
}

/** The headers of a derived event's record. */
function derivedHeadersSchema(type: string): Record<string, unknown> {
  return {
    type: 'object',
    required: [
      EVENT_HEADERS.specVersion,
      EVENT_HEADERS.id,
      EVENT_HEADERS.type,
      EVENT_HEADERS.source,
      EVENT_HEADERS.subject,
      EVENT_HEADERS.time,
      EVENT_HEADERS.dataSchema,
      EVENT_HEADERS.contentType,
      EVENT_HEADERS.recordedAt,
      EVENT_HEADERS.schemaVersion,
      EVENT_HEADERS.country,
      EVENT_HEADERS.classification,
    ],
    properties: {
      [EVENT_HEADERS.specVersion]: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
      [EVENT_HEADERS.id]: {
        type: 'string',
        format: 'uuid',
        description: 'Derived from the fact: de-duplicate by it.',
      },
      [EVENT_HEADERS.type]: { type: 'string', const: type },
      [EVENT_HEADERS.source]: { type: 'string', const: DERIVED_EVENT_SOURCE },
      [EVENT_HEADERS.subject]: {
        type: 'string',
        description: 'What it is about: the follow-up or offer id, or `<country>/<domain>/<unitKind>`.',
      },
      [EVENT_HEADERS.time]: {
        type: 'string',
        format: 'date-time',
        description: 'When the fact became true.',
      },
      [EVENT_HEADERS.dataSchema]: { type: 'string', format: 'uri' },
      [EVENT_HEADERS.contentType]: { type: 'string', const: DATA_CONTENT_TYPE },
      [EVENT_HEADERS.recordedAt]: {
        type: 'string',
        format: 'date-time',
        description: 'When demarche worked it out.',
      },
      [EVENT_HEADERS.schemaVersion]: { type: 'string', const: '1' },
      [EVENT_HEADERS.country]: { type: 'string', pattern: '^[A-Z]{2}$' },
      [EVENT_HEADERS.classification]: { type: 'string', description: 'The level of the topic it is on.' },
    },
  };
}

/** A schema as AsyncAPI embeds it: without `$id`, which would make its relative URI a base for resolution. */
function embedded(schema: object, uri: string): Record<string, unknown> {
  const { $id: _id, ...rest } = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return { ...rest, externalDocs: { url: uri } };
}

const firstSentence = (text: string) => text.split(/(?<=\.)\s/)[0] ?? text;

/** The AsyncAPI 3.0 document of demarche's topics for a deployment. */
export function asyncApiDocument(options: AsyncApiOptions): Record<string, unknown> {
  const base = options.schemaBaseUrl.replace(/\/+$/, '');
  const schemas: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const type of EVENT_TYPE_NAMES) {
    const version = newestSchemaVersion(type) as number;
    const entry = EVENT_SCHEMAS.find((e) => e.type === type && e.version === version);
    const description = String((entry?.schema as { description?: string } | undefined)?.description ?? type);
    const schemaId = `${type}.v${version}`;
    schemas[schemaId] = embedded(entry?.schema ?? {}, `${base}${dataSchemaPath(type, version)}`);
    messages[type] = {
      name: type,
      title: type,
      summary: firstSentence(description),
      description: `${description}\n\nThis message describes schema version ${version}. Older versions (\`ce_schemaversion\` below ${version}) stay on the topic; their schemas are at ${base}/schemas/events/${type}/v<n>.json.`,
      contentType: DATA_CONTENT_TYPE,
      headers: headersSchema(type),
      payload: { $ref: `#/components/schemas/${schemaId}` },
      correlationId: { $ref: '#/components/correlationIds/request' },
      bindings: {
        kafka: {
          key: VENDOR_EVENTS.has(type)
            ? {
                type: 'string',
                pattern: '^vendor-[a-z0-9][a-z0-9-]{1,40}$',
                description: 'The vendor stream.',
              }
            : type === 'EntryCorrected' || type === 'EntryRetracted'
              ? {
                  type: 'string',
                  pattern: '^([A-Z]{2}|vendor-[a-z0-9][a-z0-9-]{1,40})$',
                  description: "The target's key: its country, or its vendor stream.",
                }
              : { type: 'string', pattern: '^[A-Z]{2}$', description: 'The country (ISO 3166-1 alpha-2).' },
          bindingVersion: BINDING_VERSION,
        },
      },
    };
  }
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: "A record of the level's topic that the projector could not apply, as it was, with why.",
    description:
      "The original record's key, value and headers, untouched, plus `dlq_*` headers naming the error and the source topic, partition and offset. Later events of its stream follow it here until it is replayed.",
    contentType: DATA_CONTENT_TYPE,
    headers: {
      type: 'object',
      required: [
        'dlq_error',
        'dlq_source_topic',
        'dlq_source_partition',
        'dlq_source_offset',
        'dlq_failed_at',
      ],
      properties: {
        dlq_error: { type: 'string', description: 'Why it could not be applied.' },
        dlq_projection: { type: 'string', description: 'The projection that failed, when one did.' },
        dlq_source_topic: { type: 'string' },
        dlq_source_partition: { type: 'string', pattern: '^[0-9]+$' },
        dlq_source_offset: { type: 'string', pattern: '^[0-9]+$' },
        dlq_failed_at: { type: 'string', format: 'date-time' },
      },
    },
    payload: { description: "The original record's value, untouched (usually an event's data)." },
  };

  for (const { type, version, schema } of DERIVED_EVENT_SCHEMAS) {
    const description = String((schema as { description?: string }).description ?? type);
    const schemaId = `${type}.v${version}`;
    schemas[schemaId] = embedded(schema, `${base}${derivedSchemaPath(type, version)}`);
    messages[type] = {
      name: type,
      title: type,
      summary: firstSentence(description),
      description: `${description}\n\nA derived event: worked out by demarche from its record, not stored in the event store. \`ce_id\` is derived from the fact, so a repeat carries the same id.`,
      contentType: DATA_CONTENT_TYPE,
      headers: derivedHeadersSchema(type),
      payload: { $ref: `#/components/schemas/${schemaId}` },
      bindings: {
        kafka: {
          key: { type: 'string', pattern: '^[A-Z]{2}$', description: 'The country (ISO 3166-1 alpha-2).' },
          bindingVersion: BINDING_VERSION,
        },
      },
    };
  }

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const topicBinding = (topic: string) => ({
    kafka: {
      topic,
      partitions: options.partitions,
      topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1, 'retention.bytes': -1 },
      bindingVersion: BINDING_VERSION,
    },
  });
  for (const level of options.levels) {
    const topic = `${options.topicPrefix}.engagement.${level}`;
    const id = `engagement-${level}`;
    channels[id] = {
      address: topic,
      title: `Events classified ${level}`,
      description: `Every event classified ${level}, keyed by country (vendor-registry events by their stream). Ordered per key; kept forever.`,
      messages: Object.fromEntries(EVENT_TYPE_NAMES.map((t) => [t, { $ref: `#/components/messages/${t}` }])),
      bindings: topicBinding(topic),
    };
    operations[`receive-${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      title: `Consume ${level} events`,
      summary: `Read every event classified ${level}, in order per key.`,
      description:
        'Use a consumer group of your own; de-duplicate by `ce_id`; read `ce_schemaversion` before the value.',
      tags: [{ name: 'events' }],
      messages: EVENT_TYPE_NAMES.map((t) => ({ $ref: `#/channels/${id}/messages/${t}` })),
      bindings: { kafka: { groupId: { type: 'string' }, bindingVersion: BINDING_VERSION } },
    };
    const dlqId = `${id}-dlq`;
    channels[dlqId] = {
      address: `${topic}.dlq`,
      title: `Dead letters classified ${level}`,
      description: `Records of ${topic} the projector could not apply, readable by those cleared for ${level}.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
      bindings: topicBinding(`${topic}.dlq`),
    };
    operations[`receive-${dlqId}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${dlqId}` },
      summary: `Read the ${level} dead letters (operations tooling).`,
      description:
        'For operators: `npm run dlq -- list` reads these; a replay sends the stream back in order.',
      tags: [{ name: 'dead-letters' }],
      messages: [{ $ref: `#/channels/${dlqId}/messages/DeadLetter` }],
    };
    const derivedId = `derived-${level}`;
    const derivedAddress = derivedTopic(options.topicPrefix, level);
    channels[derivedId] = {
      address: derivedAddress,
      title: `Derived events classified ${level}`,
      description: `Facts demarche works out from its record (a follow-up overdue, an offer about to expire, a high-risk share that moved), classified ${level}: a figure at the highest level of the contracts it comes from. Keyed by country; kept forever.`,
      messages: Object.fromEntries(
        DERIVED_EVENT_TYPES.map((t) => [t, { $ref: `#/components/messages/${t}` }]),
      ),
      bindings: topicBinding(derivedAddress),
    };
    operations[`receive-${derivedId}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${derivedId}` },
      title: `Consume ${level} derived events`,
      summary: `Read the derived events classified ${level}, without folding history.`,
      description: 'Use a consumer group of your own; de-duplicate by `ce_id`.',
      tags: [{ name: 'derived' }],
      messages: DERIVED_EVENT_TYPES.map((t) => ({ $ref: `#/channels/${derivedId}/messages/${t}` })),
      bindings: { kafka: { groupId: { type: 'string' }, bindingVersion: BINDING_VERSION } },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'demarche events',
      version: options.version,
      description: DESCRIPTION,
      tags: [
        { name: 'events', description: 'Every recorded event, one topic per classification level.' },
        { name: 'dead-letters', description: 'Records the projector could not apply.' },
        {
          name: 'derived',
          description: 'Facts worked out from the record, one topic per classification level.',
        },
      ],
    },
    defaultContentType: DATA_CONTENT_TYPE,
    servers: Object.fromEntries(
      options.brokers.map((broker, index) => [
        `broker-${index + 1}`,
        {
          host: broker,
          protocol: 'kafka',
          description: 'A bootstrap broker. Clients sign in with SASL/SCRAM-SHA-512.',
          security: [{ $ref: '#/components/securitySchemes/scram' }],
        },
      ]),
    ),
    channels,
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        scram: {
          type: 'scramSha512',
          description:
            'SASL/SCRAM-SHA-512 with a user whose ACLs grant read on the levels it is cleared for.',
        },
      },
      correlationIds: {
        request: {
          description: 'The request that caused the event; shared by every event one command appended.',
          location: `$message.header#/${EVENT_HEADERS.correlationId}`,
        },
      },
    },
  };
}
