import { applyCorrections } from '../correction/correction.js';
import { mapMoneyFields } from '../correction/money-fields.js';
import { type LegacyMoney, legacyToMinor, upcastMoney } from '../shared/money.js';
import type { HistoryEvent, UpcasterRegistration } from '../shared/upcaster.js';
import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  type ContractAmendedData,
  type ContractAwardedData,
  type ContractEvent,
  type ContractState,
  type ContractTerminatedData,
  type ContractTerms,
  contractDecider,
  EQUIPMENT_REPLACED,
  type EquipmentReplacedData,
  terminationEffect,
} from './contract.js';

/** Contract terms as versions before minor units wrote them: the value a number of major units. */
type LegacyTerms = Omit<ContractTerms, 'value'> & { readonly value: LegacyMoney | null };

/** ContractTerminated data as schema version 1 wrote it, before a termination said what became of equipment. */
export interface ContractTerminatedDataVersion1 {
  readonly contractId: string;
  readonly reason: string;
}

/** ContractAmended data as schema version 1 wrote it, before an amendment named whose units change. */
export interface ContractAmendedDataVersion1 {
  readonly contractId: string;
  readonly changes: Partial<LegacyTerms>;
  readonly reason: string;
}

/** ContractAwarded data as schema version 1 wrote it: the value a number of major units. */
export type ContractAwardedDataVersion1 = Omit<ContractAwardedData, 'value'> & {
  readonly value: LegacyMoney | null;
};
/** EquipmentReplaced data as schema version 1 wrote it: the value moved a number of major units. */
export type EquipmentReplacedDataVersion1 = Omit<EquipmentReplacedData, 'value'> & {
  readonly value: LegacyMoney | null;
};

/** The shapes version 2 wrote; pinned here so that a later version does not silently change this step. */
type ContractTerminatedDataVersion2 = Pick<
  ContractTerminatedData,
  'contractId' | 'reason' | 'equipment' | 'swappedInEquipment'
>;
type ContractAmendedDataVersion2 = Pick<ContractAmendedData, 'contractId' | 'reason' | 'unitsVendorId'> & {
  readonly changes: Partial<LegacyTerms>;
};

/**
 * Version 1 terminations removed every holding under the contract, the awarded vendor's and any swapped in,
 * so that is what they meant.
 */
export function terminatedVersion1To2(data: ContractTerminatedDataVersion1): ContractTerminatedDataVersion2 {
  return { ...data, equipment: 'decommissioned', swappedInEquipment: 'decommissioned' };
}

/** Version 1 amendments always changed the awarded vendor's units, which is what `unitsVendorId: null` says. */
export function amendedVersion1To2(data: ContractAmendedDataVersion1): ContractAmendedDataVersion2 {
  return { ...data, unitsVendorId: null };
}

/** Version 2 holds the value in integer minor units of its currency. */
export function awardedVersion1To2(data: ContractAwardedDataVersion1): ContractAwardedData {
  return { ...data, value: upcastMoney(data.value) };
}

/** Version 3 holds a changed value in minor units; a value left out stays out, a cleared one null. */
export function amendedVersion2To3(data: ContractAmendedDataVersion2): ContractAmendedData {
  return mapMoneyFields(CONTRACT_AMENDED, data, legacyToMinor) as ContractAmendedData;
}

/** Version 2 holds the value moved in integer minor units of its currency. */
export function replacedVersion1To2(data: EquipmentReplacedDataVersion1): EquipmentReplacedData {
  return { ...data, value: upcastMoney(data.value) };
}

/**
 * Version 3 states what the termination did to the equipment: the domain, unit kind and each vendor's units
 * removed or left in service, worked out from the contract as its stream stood (corrections applied) before it.
 */
export function terminatedVersion2To3(
  data: ContractTerminatedDataVersion2,
  _event: unknown,
  history: readonly HistoryEvent[],
): ContractTerminatedData {
  let state: ContractState = contractDecider.initialState();
  for (const event of applyCorrections(history))
    state = contractDecider.evolve(state, event as unknown as ContractEvent);
  if (state.status !== 'active')
    throw new Error(
      `ContractTerminated of contract ${data.contractId} follows no active contract in its stream`,
    );
  return { contractId: data.contractId, reason: data.reason, ...terminationEffect(state, data) };
}

/** The contract stream's upcasters, registered in shared/upcasting.ts. */
export const CONTRACT_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: CONTRACT_AWARDED, fromVersion: 1, upcast: awardedVersion1To2 },
  { type: CONTRACT_TERMINATED, fromVersion: 1, upcast: terminatedVersion1To2 },
  { type: CONTRACT_TERMINATED, fromVersion: 2, needsHistory: true, upcast: terminatedVersion2To3 },
  { type: CONTRACT_AMENDED, fromVersion: 1, upcast: amendedVersion1To2 },
  { type: CONTRACT_AMENDED, fromVersion: 2, upcast: amendedVersion2To3 },
  { type: EQUIPMENT_REPLACED, fromVersion: 1, upcast: replacedVersion1To2 },
];
