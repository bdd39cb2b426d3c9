import { CONTRACT_AMENDED, CONTRACT_AWARDED, EQUIPMENT_REPLACED } from '../contract/contract.js';
import { INCENTIVE_OFFERED, INCENTIVE_TERMS_AMENDED } from '../incentive/incentive.js';
import { COMPETING_OFFER_OBSERVED } from '../observation/observation.js';
import type { Money } from '../shared/money.js';
import { TECHNICAL_SUPPORT_COMMITTED } from '../technical-support/technical-support.js';
import type { EntryEvent } from './correctable-fields.js';
import type { CorrectionEvent } from './correction.js';

/** Where an amount of money sits in an event's data: a field, or a field of a nested object (`changes.value`). */
export type MoneyPath = readonly [string] | readonly [string, string];

/** Every event type a stream declares (the catalogue's EVENT_TYPES is checked against the same union). */
type EventType = (EntryEvent | CorrectionEvent)['type'];
type DataOf<T extends EventType> = Extract<EntryEvent | CorrectionEvent, { readonly type: T }>['data'];
type Fields<D> = keyof D & string;
/** The fields of `D` that hold money (a Money, null or absent). */
type MoneyKeys<D> = { [K in Fields<D>]-?: [NonNullable<D[K]>] extends [Money] ? K : never }[Fields<D>];
/** The fields of `D` that are objects with money of their own (an amendment's `changes`). */
type NestedMoneyKeys<D> = {
  [K in Fields<D>]-?: [NonNullable<D[K]>] extends [Money]
    ? never
    : NonNullable<D[K]> extends object
      ? [MoneyKeys<NonNullable<D[K]>>] extends [never]
        ? never
        : K
      : never;
}[Fields<D>];
/** A path that names money in `D`. */
type MoneyPathIn<D> =
  | readonly [MoneyKeys<D>]
  | { [K in NestedMoneyKeys<D>]: readonly [K, MoneyKeys<NonNullable<D[K]>>] }[NestedMoneyKeys<D>];

/**
 * The money in each event type's data (a Money or null), for what handles it apart from the rest: the
 * upcasters to minor units, and a correction's values, which the API takes as decimals. Keyed by every event
 * type, each path checked against that type's data; `_everyMoneyFieldListed` below fails to compile while a
 * type's data has money (at the top or one object down) that its entry does not list.
 */
const MONEY_FIELDS_BY_TYPE = {
  EnvoyMeetingHeld: [],
  DialogueRoundConcluded: [],
  FollowUpAssigned: [],
  FollowUpCompleted: [],
  [INCENTIVE_OFFERED]: [['amount']],
  [INCENTIVE_TERMS_AMENDED]: [['changes', 'amount']],
  IncentiveAccepted: [],
  IncentiveDeclined: [],
  IncentiveWithdrawn: [],
  IncentiveExpired: [],
  [TECHNICAL_SUPPORT_COMMITTED]: [['budget']],
  TechnicalSupportMilestoneDelivered: [],
  TechnicalSupportClosed: [],
  [CONTRACT_AWARDED]: [['value']],
  [CONTRACT_AMENDED]: [['changes', 'value']],
  [EQUIPMENT_REPLACED]: [['value']],
  ContractTerminated: [],
  CountryResponseObserved: [],
  [COMPETING_OFFER_OBSERVED]: [['amount']],
  VendorRegistered: [],
  VendorRiskReclassified: [],
  EntryCorrected: [],
  EntryRetracted: [],
} as const satisfies { readonly [T in EventType]: readonly MoneyPathIn<DataOf<T>>[] };

type Listed<T extends EventType> = (typeof MONEY_FIELDS_BY_TYPE)[T][number][0];
type Unlisted = {
  [T in EventType]: [Exclude<MoneyKeys<DataOf<T>> | NestedMoneyKeys<DataOf<T>>, Listed<T>>] extends [never]
    ? never
    : T;
}[EventType];
/** Compiles only while every event type's money is listed above (the error names the type that is not). */
const _everyMoneyFieldListed: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;
void _everyMoneyFieldListed;

/** The same, readable by any type name (an unknown one has no money). */
export const MONEY_FIELDS: Readonly<Record<string, readonly MoneyPath[]>> = MONEY_FIELDS_BY_TYPE;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `data` (an event's, or a correction's changes to one) with each amount of money its type has that is present
 * and not null replaced by `convert` of it; absent fields stay absent, nulls null, everything else as it was.
 */
export function mapMoneyFields<T>(
  type: string,
  data: T,
  convert: (money: unknown, path: MoneyPath) => unknown,
): T {
  let result: unknown = data;
  for (const path of MONEY_FIELDS[type] ?? []) result = mapAt(result, path, (money) => convert(money, path));
  return result as T;
}

function mapAt(data: unknown, path: MoneyPath, convert: (money: unknown) => unknown): unknown {
  const [field, nested] = path;
  if (!isRecord(data) || !Object.hasOwn(data, field)) return data;
  const value = data[field];
  if (nested !== undefined) return { ...data, [field]: mapAt(value, [nested], convert) };
  return value === null || value === undefined ? data : { ...data, [field]: convert(value) };
}
