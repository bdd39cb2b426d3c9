import { mapMoneyFields } from '../correction/money-fields.js';
import { type LegacyMoney, legacyToMinor, upcastMoney } from '../shared/money.js';
import type { UpcasterRegistration } from '../shared/upcaster.js';
import {
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  type IncentiveOfferedData,
  type IncentiveTerms,
  type IncentiveTermsAmendedData,
} from './incentive.js';

/** IncentiveOffered data as schema version 1 wrote it: the amount a number of major units. */
export type IncentiveOfferedDataVersion1 = Omit<IncentiveOfferedData, 'amount'> & {
  readonly amount: LegacyMoney | null;
};
/** IncentiveTermsAmended data as schema version 1 wrote it: a changed amount a number of major units. */
export type IncentiveTermsAmendedDataVersion1 = Omit<IncentiveTermsAmendedData, 'changes'> & {
  readonly changes: Partial<Omit<IncentiveTerms, 'amount'> & { readonly amount: LegacyMoney | null }>;
};

/** Version 2 holds the amount in integer minor units of its currency. */
export function offeredVersion1To2(data: IncentiveOfferedDataVersion1): IncentiveOfferedData {
  return { ...data, amount: upcastMoney(data.amount) };
}

/** Version 2 holds a changed amount in minor units; an amount left out stays out, a cleared one null. */
export function termsAmendedVersion1To2(data: IncentiveTermsAmendedDataVersion1): IncentiveTermsAmendedData {
  return mapMoneyFields(INCENTIVE_TERMS_AMENDED, data, legacyToMinor) as IncentiveTermsAmendedData;
}

/** The incentive stream's upcasters, registered in shared/upcasting.ts. */
export const INCENTIVE_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: INCENTIVE_OFFERED, fromVersion: 1, upcast: offeredVersion1To2 },
  { type: INCENTIVE_TERMS_AMENDED, fromVersion: 1, upcast: termsAmendedVersion1To2 },
];
