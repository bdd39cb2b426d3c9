import { CURRENCY_EXPONENTS } from './currencies.js';
import { CommandRejectedError } from './errors.js';

export { CURRENCY_EXPONENTS, WITHDRAWN_CURRENCIES } from './currencies.js';

/**
 * An amount in an ISO 4217 currency, as events and decider states hold it: integer minor units (cents, fils,
 * yen) as a string of decimal digits, so that JSON carries every digit (a JSON number loses them past 2^53).
 */
export interface Money {
  readonly minor: string;
  readonly currency: string;
}

/** Money as the API answers it: the decimal amount in major units, the same in minor units, the currency. */
export interface MoneyView {
  /** Major units with exactly the currency's exponent of fraction digits, e.g. `"1500000.50"` (USD), `"1500"` (JPY). */
  readonly amount: string;
  /** Integer minor units, e.g. `"150000050"`. */
  readonly minor: string;
  readonly currency: string;
}

/** Minor units an amount may have: 18 digits keep every amount, and a ledger row, within PostgreSQL's bigint. */
export const MAX_MINOR_DIGITS = 18;

/** A decimal amount as requests give it: digits, at most one point, no sign, no exponent, no leading zeros. */
const DECIMAL_AMOUNT = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** The ISO 4217 exponent of a currency this build knows (JPY 0, USD 2, KWD 3, CLF 4); undefined otherwise. */
export function currencyExponent(currency: string): number | undefined {
  return Object.hasOwn(CURRENCY_EXPONENTS, currency) ? CURRENCY_EXPONENTS[currency] : undefined;
}

/** Why a decimal amount cannot be read in that currency, or null if it can. */
export function amountProblem(amount: unknown, currency: unknown): string | null {
  if (typeof amount !== 'string') return 'must be a decimal string, e.g. "1500000.50"';
  if (amount.length > MAX_MINOR_DIGITS + 2 || !DECIMAL_AMOUNT.test(amount)) {
    return 'must be a decimal string of digits with at most one point, no sign and no exponent, e.g. "1500000.50"';
  }
  const exponent = typeof currency === 'string' ? currencyExponent(currency) : undefined;
  if (exponent === undefined) return null; // the currency's own check names it
  const fraction = amount.split('.')[1] ?? '';
  if (fraction.length > exponent) {
    return `may have at most ${exponent} digits after the point in ${currency as string}`;
  }
  if (minorDigits(amount, exponent).length > MAX_MINOR_DIGITS) {
    return `must be less than ${formatMinor(10n ** BigInt(MAX_MINOR_DIGITS), exponent)} ${currency as string}`;
  }
  return null;
}

function minorDigits(amount: string, exponent: number): string {
  const [whole = '', fraction = ''] = amount.split('.');
  return BigInt(`${whole}${fraction.padEnd(exponent, '0')}`).toString();
}

/**
 * Reads a decimal amount (`"1500000.50"`) in a currency into minor units, exactly. Refuses an unknown currency
 * (UNKNOWN_CURRENCY) and an amount that is not a plain decimal, has more fraction digits than the currency's
 * exponent or more than MAX_MINOR_DIGITS minor units (INVALID_AMOUNT).
 */
export function parseMoney(amount: string, currency: string): Money {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) {
    throw new CommandRejectedError('UNKNOWN_CURRENCY', `${currency} is not an ISO 4217 currency code.`, {
      field: 'currency',
      currency,
    });
  }
  const problem = amountProblem(amount, currency);
  if (problem !== null) {
    throw new CommandRejectedError('INVALID_AMOUNT', `The amount ${problem}.`, { field: 'amount', amount });
  }
  return { minor: minorDigits(amount, exponent), currency };
}

function exponentOf(currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new Error(`${currency} is not a currency this build knows`);
  return exponent;
}

/** Minor units with `exponent` digits after the point: 150000050n, 2 → `"1500000.50"`. */
function formatMinor(minor: bigint, exponent: number): string {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** The amount in integer minor units. */
export function minorUnits(money: Money): bigint {
  return BigInt(money.minor);
}

/** Money of `minor` units of a currency. */
export function moneyOfMinor(minor: bigint, currency: string): Money {
  return { minor: minor.toString(), currency };
}

/** The decimal amount in major units with the currency's exponent of fraction digits: `"1500000.50"`. */
export function formatAmount(money: Money): string {
  return formatMinor(minorUnits(money), exponentOf(money.currency));
}

/** Money as the API answers it. */
export function moneyView(money: Money): MoneyView {
  return { amount: formatAmount(money), minor: money.minor, currency: money.currency };
}

/** Minor units of a currency as the API answers them. */
export function minorView(minor: bigint, currency: string): MoneyView {
  return moneyView(moneyOfMinor(minor, currency));
}

/** For a headline: grouped major units, the fraction only when there is one: `1,500,000.50 USD`, `25,000,000 USD`. */
export function readableMoney(money: Money): string {
  const [whole = '', fraction = ''] = formatAmount(money).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${/^0*$/.test(fraction) ? grouped : `${grouped}.${fraction}`} ${money.currency}`;
}

/** Whether a value has Money's shape: exactly `minor` (integer digits) and `currency`. */
export function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { minor, currency } = value as Record<string, unknown>;
  return (
    keys.length === 2 && typeof minor === 'string' && /^-?[0-9]+$/.test(minor) && typeof currency === 'string'
  );
}

/**
 * A JSON.stringify replacer for read models and answers: Money becomes a MoneyView (when its currency is known),
 * a bigint its decimal digits (JSON has no bigint).
 */
export function moneyViews(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (isMoney(value) && currencyExponent(value.currency) !== undefined) return moneyView(value);
  return value;
}

/**
 * Money as schema versions before minor units recorded it, a JavaScript number of major units, in minor units:
 * exactly, from the number's own decimal form (`String(0.1)` is `"0.1"`), never by multiplying floats. Digits
 * beyond the currency's exponent (the old API took two decimals in any currency, so 100.5 JPY) are rounded half
 * away from zero.
 */
export function moneyFromMajorNumber(amount: number, currency: string): Money {
  if (!Number.isFinite(amount)) throw new Error(`an amount of ${amount} ${currency} cannot be read`);
  const exponent = exponentOf(currency);
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:e([+-][0-9]+))?$/.exec(String(amount));
  if (!match) throw new Error(`an amount of ${amount} ${currency} cannot be read`);
  const [, sign = '', whole = '', fraction = '', power = '0'] = match;
  const digits = BigInt(`${whole}${fraction}`);
  // digits × 10^-(fraction digits - power) major units; minor units are major × 10^exponent.
  const shift = exponent - fraction.length + Number(power);
  let minor: bigint;
  if (shift >= 0) minor = digits * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    minor = digits / divisor + ((digits % divisor) * 2n >= divisor ? 1n : 0n);
  }
  return moneyOfMinor(sign === '-' ? -minor : minor, currency);
}

/** Money as versions before minor units recorded it: `{ amount: <number of major units>, currency }`. */
export interface LegacyMoney {
  readonly amount: number;
  readonly currency: string;
}

/** A legacy amount (or null) in minor units; see moneyFromMajorNumber. Anything else is no legacy amount. */
export function upcastMoney(money: LegacyMoney | null): Money | null;
export function upcastMoney(money: LegacyMoney | null | undefined): Money | null | undefined;
export function upcastMoney(money: LegacyMoney | null | undefined): Money | null | undefined {
  if (money === null || money === undefined) return money;
  if (typeof money.amount !== 'number' || typeof money.currency !== 'string') {
    throw new Error(`${JSON.stringify(money)} is not an amount as versions before minor units recorded it`);
  }
  return moneyFromMajorNumber(money.amount, money.currency);
}

/** The legacy amount of an upcaster's input in minor units (see upcastMoney); for mapMoneyFields. */
export function legacyToMinor(money: unknown): Money | null {
  return upcastMoney(money as LegacyMoney | null);
}

/** A date range; `end` null while open-ended. ISO dates (YYYY-MM-DD). */
export interface Period {
  readonly start: string;
  readonly end: string | null;
}

/** Refuses a period that ends before it starts. */
export function assertPeriod(period: Period): void {
  if (period.end !== null && period.end < period.start) {
    throw new CommandRejectedError('INVALID_PERIOD', 'A period cannot end before it starts.', {
      field: 'period.end',
      start: period.start,
      end: period.end,
    });
  }
}
