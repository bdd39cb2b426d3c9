import { legacyToMinor } from '../shared/money.js';
import type { UpcasterRegistration } from '../shared/upcaster.js';
import { ENTRY_CORRECTED, type EntryCorrectedData } from './correction.js';
import { mapMoneyFields } from './money-fields.js';

/**
 * Version 2 holds corrected amounts in minor units, as the corrected events now do: an amount a version 1
 * correction changed (a number of major units, at the place MONEY_FIELDS gives for its target's type) is
 * brought to minor units the way the target's own upcaster brings it.
 */
export function correctedVersion1To2(data: EntryCorrectedData): EntryCorrectedData {
  return {
    ...data,
    changes: mapMoneyFields(data.targetType, data.changes, legacyToMinor),
  };
}

/** The correction upcasters, registered in shared/upcasting.ts. */
export const CORRECTION_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: ENTRY_CORRECTED, fromVersion: 1, upcast: correctedVersion1To2 },
];
