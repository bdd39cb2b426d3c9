import { CONTRACT_AMENDED, CONTRACT_AWARDED, EQUIPMENT_REPLACED } from '../contract/contract.js';
import { INCENTIVE_OFFERED, INCENTIVE_TERMS_AMENDED } from '../incentive/incentive.js';
import { COMPETING_OFFER_OBSERVED } from '../observation/observation.js';
import { TECHNICAL_SUPPORT_COMMITTED } from '../technical-support/technical-support.js';

/** Where an amount of money sits in an event's data: a field, or a field of a nested object (`changes.value`). */
export type MoneyPath = readonly [string] | readonly [string, string];

/**
 * The money in each event type's data (a Money or null), for what handles it apart from the rest: the
 * upcasters to minor units, and a correction's values, which the API takes as decimals.
 */
export const MONEY_FIELDS: Readonly<Record<string, readonly MoneyPath[]>> = {
  [INCENTIVE_OFFERED]: [['amount']],
  [INCENTIVE_TERMS_AMENDED]: [['changes', 'amount']],
  [TECHNICAL_SUPPORT_COMMITTED]: [['budget']],
  [CONTRACT_AWARDED]: [['value']],
  [CONTRACT_AMENDED]: [['changes', 'value']],
  [EQUIPMENT_REPLACED]: [['value']],
  [COMPETING_OFFER_OBSERVED]: [['amount']],
};

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
