import { legacyToMinor } from '../shared/money.js';
import type { HistoryEvent, UpcasterRegistration } from '../shared/upcaster.js';
import { correctedTarget, ENTRY_CORRECTED, type EntryCorrectedData } from './correction.js';
import { mapMoneyFields } from './money-fields.js';

/**
 * Version 2 holds corrected amounts in minor units, as the corrected events now do: an amount a version 1
 * correction changed (a number of major units, at the place MONEY_FIELDS gives for its target's type) is
 * brought to minor units the way the target's own upcaster brings it.
 */
/** EntryCorrected data as versions 1 and 2 wrote it, before it carried the corrected event. */
export type EntryCorrectedDataVersion2 = Omit<EntryCorrectedData, 'corrected'>;

export function correctedVersion1To2(data: EntryCorrectedDataVersion2): EntryCorrectedDataVersion2 {
  return {
    ...data,
    changes: mapMoneyFields(data.targetType, data.changes, legacyToMinor),
  };
}

/**
 * Version 3 carries the target as it reads after the correction, worked out from the stream before it (the target,
 * upcast, and its earlier corrections).
 */
export function correctedVersion2To3(
  data: EntryCorrectedDataVersion2,
  _event: unknown,
  history: readonly HistoryEvent[],
): EntryCorrectedData {
  const corrected = correctedTarget(history, data.targetEventId, data.changes);
  if (!corrected)
    throw new Error(`EntryCorrected names ${data.targetEventId}, which is not earlier in its stream`);
  return { ...data, corrected };
}

/** The correction upcasters, registered in shared/upcasting.ts. */
export const CORRECTION_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: ENTRY_CORRECTED, fromVersion: 1, upcast: correctedVersion1To2 },
  { type: ENTRY_CORRECTED, fromVersion: 2, needsHistory: true, upcast: correctedVersion2To3 },
];
