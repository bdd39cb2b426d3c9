import { type Money, type MoneyView, moneyViews } from '#domain';

/**
 * An amount as the registers projection stores it: the domain's money written through its JSON replacer
 * (`moneyViews`), so a MoneyView, or the money itself when this build does not know its currency.
 */
export type StoredMoney = MoneyView | Money;

/** An amount as a register item answers it (offer amount, contract value, support budget, holding value). */
export type RegisterAmount = StoredMoney;

/**
 * The one place a register amount takes its public form: today the stored money, passed through as it is. When
 * money's representation changes, this and `RegisterAmount` change, and every register follows.
 */
export function registerAmount(stored: StoredMoney | null | undefined): RegisterAmount | null {
  return stored ?? null;
}

/**
 * A contract holding's value as an amount in the contract's currency: the projection keeps it as integer minor
 * units (decimal digits) of that currency. Null when the contract has no value.
 */
export function holdingAmount(
  minor: string | number,
  contractValue: StoredMoney | null,
): RegisterAmount | null {
  if (!contractValue) return null;
  const money: Money = { minor: String(minor), currency: contractValue.currency };
  return registerAmount(moneyViews('', money) as StoredMoney);
}
