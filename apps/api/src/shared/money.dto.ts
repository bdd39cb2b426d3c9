import { ValidateBy, type ValidationArguments } from 'class-validator';
import { amountProblem, currencyExponent, type Money, parseMoney } from '#domain';

/** An ISO 4217 code the domain's currency table knows (upper case, e.g. USD, JPY, KWD). */
export const IsCurrencyCode = () =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^[A-Z]{3}$/.test(value) && currencyExponent(value) !== undefined,
      defaultMessage: () => '$property must be an ISO 4217 currency code, e.g. USD',
    },
  });

/**
 * A decimal amount of the sibling `currency`, as a string: digits with at most one point and at most the
 * currency's exponent of digits after it (USD 2, JPY 0, KWD 3), no sign, no exponent, fewer than 10^18 minor units.
 */
export const IsMoneyAmount = () =>
  ValidateBy({
    name: 'isMoneyAmount',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        amountProblem(value, (args?.object as { currency?: unknown } | undefined)?.currency) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `$property ${amountProblem(args?.value, (args?.object as { currency?: unknown } | undefined)?.currency)}`,
    },
  });

/** Money in a request: `{ "amount": "1500000.50", "currency": "USD" }`, the amount a decimal string. */
export class MoneyDto {
  @IsMoneyAmount() amount!: string;
  @IsCurrencyCode() currency!: string;
}

/** The request's money as events hold it (integer minor units), or null. */
export function moneyOf(m: MoneyDto | null | undefined): Money | null {
  return m ? parseMoney(m.amount, m.currency) : null;
}
