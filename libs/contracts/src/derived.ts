// Derived events: facts demarche works out from its record, for consumers who should not fold history
// themselves. Not stored in the event store and never replayed into projections; published once each (at least
// once on the wire: de-duplicate by `ce_id`, which is derived from the fact, so a repeat carries the same id).
import { type Static, type TSchema, Type } from 'typebox';
import {
  CLOUDEVENTS_SPEC_VERSION,
  DATA_CONTENT_TYPE,
  EVENT_HEADERS,
  type HeaderValue,
  headerText,
  NotAnEventRecordError,
  recordData,
} from './cloudevents.js';
import {
  CountryCode,
  EntityId,
  EventId,
  type Immutable,
  IsoDate,
  NETWORK_DOMAINS,
  Nullable,
  OneOf,
  Text,
  UNIT_KINDS,
} from './events/shared.js';

/** Event type: a country's high-risk share of one network domain and unit kind moved. */
export const HIGH_RISK_SHARE_CHANGED = 'HighRiskShareChanged';
/** Event type: an open follow-up passed its due date. */
export const FOLLOW_UP_BECAME_OVERDUE = 'FollowUpBecameOverdue';
/** Event type: an open incentive offer is close to its expiry date. */
export const OFFER_EXPIRING = 'OfferExpiring';

/** Every derived event type. */
export const DERIVED_EVENT_TYPES = [
  HIGH_RISK_SHARE_CHANGED,
  FOLLOW_UP_BECAME_OVERDUE,
  OFFER_EXPIRING,
] as const;
export type DerivedEventType = (typeof DERIVED_EVENT_TYPES)[number];

/** `ce_source` of every derived event. */
export const DERIVED_EVENT_SOURCE = '/demarche/derived';

/** Derived events of one classification level, keyed by country: one topic per level, like the record's. */
export function derivedTopic(prefix: string, level: string): string {
  return `${prefix}.derived.${level}`;
}

/** The path, under the API's base URL, of a derived event type's data schema. */
export function derivedSchemaPath(type: string, schemaVersion: number): string {
  return `/schemas/derived/${encodeURIComponent(type)}/v${schemaVersion}.json`;
}

function derivedData<P extends Parameters<typeof Type.Object>[0]>(
  type: DerivedEventType,
  version: number,
  description: string,
  properties: P,
) {
  return Type.Object(properties, {
    $id: derivedSchemaPath(type, version),
    title: `${type} v${version}`,
    description,
    additionalProperties: false,
  });
}

const Percent = Type.Number({ minimum: 0, maximum: 100, description: 'Percent, 0–100.' });

/** HighRiskShareChanged data, schema version 1. */
export const HighRiskShareChangedV1 = derivedData(
  HIGH_RISK_SHARE_CHANGED,
  1,
  "A country's high-risk vendor share of one network domain (one unit kind, on the units basis) changed, as the equipment in service now stands. Computed from the contracts up to the event's classification level and classified at the highest level among them; `previousSharePercent` is the share last announced at this level (null the first time).",
  {
    country: CountryCode,
    domain: OneOf(NETWORK_DOMAINS),
    unitKind: OneOf(UNIT_KINDS),
    previousSharePercent: Nullable(Percent),
    sharePercent: Percent,
    direction: Type.Union([Type.Literal('rose'), Type.Literal('fell')]),
    total: Type.Integer({ minimum: 0, description: 'Units in service in the domain, of this unit kind.' }),
    hhi: Nullable(Type.Number({ minimum: 0, maximum: 10_000, description: 'Herfindahl–Hirschman index.' })),
    highRiskInCore: Type.Boolean({
      description: 'Whether a high-risk vendor has equipment in the core network.',
    }),
    highRiskVendors: Type.Array(
      Type.Object({ vendorId: Text, name: Text, sharePercent: Percent }, { additionalProperties: false }),
      { description: 'The high-risk vendors in the domain, largest share first.' },
    ),
  },
);
export type HighRiskShareChangedData = Immutable<Static<typeof HighRiskShareChangedV1>>;

/** FollowUpBecameOverdue data, schema version 1. */
export const FollowUpBecameOverdueV1 = derivedData(
  FOLLOW_UP_BECAME_OVERDUE,
  1,
  'An open follow-up passed its due date without being completed (`ce_time`: the start of the day after it was due, UTC). Announced once per follow-up; classified as the follow-up.',
  {
    followUpId: EntityId,
    country: CountryCode,
    sourceEventId: EventId,
    owner: Text,
    action: Text,
    dueDate: IsoDate,
  },
);
export type FollowUpBecameOverdueData = Immutable<Static<typeof FollowUpBecameOverdueV1>>;

/** OfferExpiring data, schema version 1. */
export const OfferExpiringV1 = derivedData(
  OFFER_EXPIRING,
  1,
  'An open incentive offer expires within the announcement window (14 days by default): after `expiresOn` it lapses unless accepted or declined. Announced once per offer and expiry date (an amended date is announced again); classified as the offer.',
  {
    offerId: EntityId,
    country: CountryCode,
    expiresOn: IsoDate,
    daysLeft: Type.Integer({ minimum: 0 }),
    agency: Text,
    description: Text,
  },
);
export type OfferExpiringData = Immutable<Static<typeof OfferExpiringV1>>;

/** Every derived event type's schema, by version. */
export const DERIVED_EVENT_SCHEMAS: readonly { type: DerivedEventType; version: number; schema: TSchema }[] =
  [
    { type: HIGH_RISK_SHARE_CHANGED, version: 1, schema: HighRiskShareChangedV1 },
    { type: FOLLOW_UP_BECAME_OVERDUE, version: 1, schema: FollowUpBecameOverdueV1 },
    { type: OFFER_EXPIRING, version: 1, schema: OfferExpiringV1 },
  ];

/** The data of each derived event type (newest version). */
export interface DerivedDataByType {
  readonly HighRiskShareChanged: HighRiskShareChangedData;
  readonly FollowUpBecameOverdue: FollowUpBecameOverdueData;
  readonly OfferExpiring: OfferExpiringData;
}

/** A derived event with everything its record states. */
export interface DerivedEvent<T extends DerivedEventType = DerivedEventType> {
  /** Derived from the fact (type, subject, and what changed), so a repeat of one announcement has the same id. */
  readonly id: string;
  readonly type: T;
  readonly schemaVersion: number;
  readonly country: string;
  readonly classification: string;
  /** When the fact became true. */
  readonly time: string;
  /** When demarche worked it out. */
  readonly derivedAt: string;
  /** What it is about: the follow-up, the offer, or `<country>/<domain>/<unitKind>`. */
  readonly subject: string;
  readonly data: DerivedDataByType[T];
}

/** Headers of a derived event's record (binary mode); the value is `JSON.stringify(event.data)`. */
export function derivedEventHeaders(event: DerivedEvent, schemaBaseUrl: string): Record<string, string> {
  return {
    [EVENT_HEADERS.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [EVENT_HEADERS.id]: event.id,
    [EVENT_HEADERS.type]: event.type,
    [EVENT_HEADERS.source]: DERIVED_EVENT_SOURCE,
    [EVENT_HEADERS.subject]: event.subject,
    [EVENT_HEADERS.time]: event.time,
    [EVENT_HEADERS.dataSchema]: `${schemaBaseUrl.replace(/\/+$/, '')}${derivedSchemaPath(event.type, event.schemaVersion)}`,
    [EVENT_HEADERS.contentType]: DATA_CONTENT_TYPE,
    [EVENT_HEADERS.recordedAt]: event.derivedAt,
    [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
    [EVENT_HEADERS.country]: event.country,
    [EVENT_HEADERS.classification]: event.classification,
  };
}

/** Reads a derived event's record back (throws NotAnEventRecordError for anything else). */
export function decodeDerivedRecord(
  headers: Readonly<Record<string, HeaderValue>> | undefined,
  value: Buffer | string | null,
): DerivedEvent {
  const read = (name: string) => headerText(headers, name);
  if (read(EVENT_HEADERS.source) !== DERIVED_EVENT_SOURCE)
    throw new NotAnEventRecordError('not a derived event');
  const type = read(EVENT_HEADERS.type);
  if (!(DERIVED_EVENT_TYPES as readonly (string | undefined)[]).includes(type))
    throw new NotAnEventRecordError(`unknown derived event type ${String(type)}`);
  const required = [
    EVENT_HEADERS.id,
    EVENT_HEADERS.subject,
    EVENT_HEADERS.time,
    EVENT_HEADERS.recordedAt,
    EVENT_HEADERS.schemaVersion,
    EVENT_HEADERS.country,
    EVENT_HEADERS.classification,
  ];
  const missing = required.filter((name) => read(name) === undefined);
  if (missing.length > 0) throw new NotAnEventRecordError(`record lacks headers: ${missing.join(', ')}`);
  const data = recordData(value);
  return {
    id: read(EVENT_HEADERS.id) as string,
    type: type as DerivedEventType,
    schemaVersion: Number(read(EVENT_HEADERS.schemaVersion)),
    country: read(EVENT_HEADERS.country) as string,
    classification: read(EVENT_HEADERS.classification) as string,
    time: read(EVENT_HEADERS.time) as string,
    derivedAt: read(EVENT_HEADERS.recordedAt) as string,
    subject: read(EVENT_HEADERS.subject) as string,
    data: data as DerivedDataByType[DerivedEventType],
  };
}
