import { type LegacyMoney, upcastMoney } from '../shared/money.js';
import type { UpcasterRegistration } from '../shared/upcaster.js';
import { TECHNICAL_SUPPORT_COMMITTED, type TechnicalSupportCommittedData } from './technical-support.js';

/** TechnicalSupportCommitted data as schema version 1 wrote it: the budget a number of major units. */
export type TechnicalSupportCommittedDataVersion1 = Omit<TechnicalSupportCommittedData, 'budget'> & {
  readonly budget: LegacyMoney | null;
};

/** Version 2 holds the budget in integer minor units of its currency. */
export function committedVersion1To2(
  data: TechnicalSupportCommittedDataVersion1,
): TechnicalSupportCommittedData {
  return { ...data, budget: upcastMoney(data.budget) };
}

/** The technical-support stream's upcasters, registered in shared/upcasting.ts. */
export const TECHNICAL_SUPPORT_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: TECHNICAL_SUPPORT_COMMITTED, fromVersion: 1, upcast: committedVersion1To2 },
];
