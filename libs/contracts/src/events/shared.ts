// Pieces several events' data share. The literal lists are copies of the domain's (libs/domain), not imports:
// a downstream service imports this library alone. tests/unit/contracts/agreement.unit.spec.ts fails when a copy
// and the domain drift apart.
import { type TProperties, type TSchema, Type } from 'typebox';
import { dataSchemaPath } from '../cloudevents.js';

/** A deeply read-only view of a schema's static type: events are facts, consumers do not change them. */
export type Immutable<T> = T extends readonly (infer Item)[]
  ? readonly Immutable<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

/** A copy of `schema` with its own description; unlike a spread, it keeps TypeBox's hidden kind marker. */
export function Described<T extends TSchema>(schema: T, description: string): T {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema)) as T & {
    description: string;
  };
  copy.description = description;
  return copy;
}

/** `schema` or JSON null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** Free text (names, summaries, notes); the domain puts no bound on it, so neither does the contract. */
export const Text = Type.String();

/** A UUID in any version, as a pattern to embed in others (`format: uuid` for a whole string). */
export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** An id demarche made for an entry (a meeting, an offer, a contract…): a UUID. */
export const EntityId = Type.String({ format: 'uuid', description: 'A UUID demarche assigned.' });

/** The id of an event (`ce_id`): a UUID. */
export const EventId = Type.String({ format: 'uuid', description: 'The `ce_id` of an event.' });

/** A vendor's id in the registry: lower-case letters, digits and dashes, as `/v1/vendors/{id}` takes it. */
export const VendorId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,40}$',
  description: 'A vendor-registry id, e.g. `huawei`.',
});

/** An ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2, upper case.',
});

/** A calendar date, `YYYY-MM-DD` (RFC 3339 full-date). */
export const IsoDate = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD.' });

/** An instant, RFC 3339 date-time with an offset. */
export const Instant = Type.String({ format: 'date-time' });

/** An ISO 4217 currency code. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' });

/**
 * An amount as schema versions from "minor units" on record it: integer minor units of the currency (cents,
 * fils, yen) as a string of digits, so that no digit is lost to a JSON number.
 */
export const Money = Type.Object(
  {
    minor: Type.String({
      pattern: '^(0|[1-9][0-9]*)$',
      maxLength: 18,
      description:
        'Integer minor units of the currency, as decimal digits (e.g. "150000050" is 1,500,000.50 USD).',
    }),
    currency: CurrencyCode,
  },
  {
    additionalProperties: false,
    title: 'Money',
    description: 'An amount in integer minor units of a currency.',
  },
);

/**
 * An amount as the first schema versions recorded it: a JSON number of major units. Consumers bring it to minor
 * units from the number's own decimal form (never by multiplying floats), rounding half away from zero past the
 * currency's exponent.
 */
export const LegacyMoney = Type.Object(
  {
    amount: Type.Number({ description: 'Major units of the currency, e.g. 1500000.5.' }),
    currency: CurrencyCode,
  },
  {
    additionalProperties: false,
    title: 'Legacy money',
    description: 'An amount in major units as a JSON number (schema versions before minor units).',
  },
);

/** A date range; `end` null while open-ended. */
export const Period = Type.Object(
  { start: IsoDate, end: Nullable(IsoDate) },
  { additionalProperties: false, description: 'A date range (inclusive); `end` null while open-ended.' },
);

/** Someone taking part in an engagement and whom they speak for. */
export const Participant = Type.Object(
  { name: Text, title: Text, organisation: Text },
  { additionalProperties: false, description: 'A person taking part and whom they speak for.' },
);

/** Concerns raised in an engagement, as policy analysts classify them. */
export const CONCERNS = [
  'network-vulnerability',
  'strategic-leverage',
  'alliance-dynamics',
  'data-security',
  'supply-chain-resilience',
  'cost-and-financing',
  'sanctions-compliance',
  'other',
] as const;

/** A closed object whose every property is optional: a partial change, where a field left out is unchanged. */
export function PartialObject<P extends TProperties>(properties: P, description: string) {
  const optional = Object.fromEntries(
    Object.entries(properties).map(([key, schema]) => [key, Type.Optional(schema)]),
  ) as { [K in keyof P]: ReturnType<typeof Type.Optional<P[K]>> };
  return Type.Object(optional, { additionalProperties: false, description });
}

/** One of `values`, as a JSON Schema `enum`. */
export function OneOf<const Values extends readonly string[]>(values: Values, description?: string) {
  return Type.Enum([...values] as Values[number][], description === undefined ? {} : { description });
}

/** A concern raised. */
export const Concern = OneOf(CONCERNS, 'A concern raised, as policy analysts classify them.');

/** The registry's view of a vendor when it entered a contract, copied so consumers need no registry. */
export const VENDOR_SNAPSHOT_PROPERTIES = {
  vendorId: VendorId,
  vendorName: Text,
  vendorOrigin: CountryCode,
  vendorHighRisk: Type.Boolean({
    description: 'Whether the registry held the vendor high-risk at the time.',
  }),
};

/** A vendor as the registry knew it when a contract named it. */
export const VendorSnapshot = Type.Object(VENDOR_SNAPSHOT_PROPERTIES, {
  additionalProperties: false,
  description: 'A vendor as the registry knew it when the contract named it.',
});

/** The network domains a vendor share is measured in. */
export const NETWORK_DOMAINS = [
  'ran',
  'core',
  'transport',
  'network-management',
  'cloud-data-centre',
  'subsea',
] as const;

/** What a contract's units count. */
export const UNIT_KINDS = ['sites', 'units'] as const;

/**
 * The schema of one event type's `data` at one schema version: a closed object with the `$id` the
 * `ce_dataschema` header names.
 */
export function eventData<P extends TProperties>(
  type: string,
  version: number,
  description: string,
  properties: P,
) {
  return Type.Object(properties, {
    $id: dataSchemaPath(type, version),
    title: `${type} v${version}`,
    description,
    additionalProperties: false,
  });
}
