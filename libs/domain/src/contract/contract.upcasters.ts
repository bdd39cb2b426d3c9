import type { UpcasterRegistration } from '../shared/upcaster.js';
import {
  CONTRACT_AMENDED,
  CONTRACT_TERMINATED,
  type ContractAmendedData,
  type ContractTerminatedData,
  type ContractTerms,
} from './contract.js';

/** ContractTerminated data as schema version 1 wrote it, before a termination said what became of equipment. */
export interface ContractTerminatedDataVersion1 {
  readonly contractId: string;
  readonly reason: string;
}

/** ContractAmended data as schema version 1 wrote it, before an amendment named whose units change. */
export interface ContractAmendedDataVersion1 {
  readonly contractId: string;
  readonly changes: Partial<ContractTerms>;
  readonly reason: string;
}

/** The shapes version 2 wrote; pinned here so that a later version does not silently change this step. */
type ContractTerminatedDataVersion2 = Pick<
  ContractTerminatedData,
  'contractId' | 'reason' | 'equipment' | 'swappedInEquipment'
>;
type ContractAmendedDataVersion2 = Pick<
  ContractAmendedData,
  'contractId' | 'changes' | 'reason' | 'unitsVendorId'
>;

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

/** The contract stream's upcasters, registered in shared/upcasting.ts. */
export const CONTRACT_UPCASTERS: readonly UpcasterRegistration[] = [
  { type: CONTRACT_TERMINATED, fromVersion: 1, upcast: terminatedVersion1To2 },
  { type: CONTRACT_AMENDED, fromVersion: 1, upcast: amendedVersion1To2 },
];
