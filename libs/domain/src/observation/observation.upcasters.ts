import { type LegacyMoney, upcastMoney } from '../shared/money.js';
import type { UpcasterRegistration } from '../shared/upcaster.js';
import { COMPETING_OFFER_OBSERVED, type CompetingOfferObservedData } from './observation.js';

/** CompetingOfferObserved data as schema version 1 wrote it: the amount a number of major units. */
export type CompetingOfferObservedDataVersion1 = Omit<CompetingOfferObservedData, 'amount'> & {
  readonly amount: LegacyMoney | null;
};

/** Version 2 holds the amount in integer minor units of its currency. */
export function competingOfferVersion1To2(
  data: CompetingOfferObservedDataVersion1,
): CompetingOfferObservedData {
  return { ...data, amount: upcastMoney(data.amount) };
}

/** The observation stream's upcasters, registered in shared/upcasting.ts. */
export const OBSERVATION_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: COMPETING_OFFER_OBSERVED, fromVersion: 1, upcast: competingOfferVersion1To2 },
];
