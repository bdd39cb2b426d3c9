import type { NetworkDomain } from '../dependency/dependency-metrics.js';
import type { Classification } from '../shared/classification.js';
import { assertNever, type Decider } from '../shared/decider.js';
import {
  alreadyRecorded,
  type EntryFacts,
  illegalTransition,
  newEntryFacts,
  notRecorded,
  type TransitionFacts,
  transitionFacts,
} from '../shared/entry-facts.js';
import { CommandRejectedError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent } from '../shared/event.js';
import { assertPeriod, type Money, type Period } from '../shared/money.js';

export const CONTRACT_AWARDED = 'ContractAwarded';
export const CONTRACT_AMENDED = 'ContractAmended';
export const CONTRACT_TERMINATED = 'ContractTerminated';
export const EQUIPMENT_REPLACED = 'EquipmentReplaced';

export const UNIT_KINDS = ['sites', 'units'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The registry's view of a vendor when it entered a contract (a snapshot for downstream readers). */
export interface VendorSnapshot {
  readonly vendorId: string;
  readonly vendorName: string;
  readonly vendorOrigin: string;
  readonly vendorHighRisk: boolean;
}

export interface ContractAwardedData extends VendorSnapshot {
  readonly contractId: string;
  readonly operator: string;
  readonly domain: NetworkDomain;
  /** Technology generation: 2G, 3G, 4G, 5G, fixed, or another label. */
  readonly generation: string;
  readonly units: number;
  readonly unitKind: UnitKind;
  readonly value: Money | null;
  readonly financing: string | null;
  readonly period: Period;
  readonly description: string;
}
export interface ContractTerms {
  readonly units: number;
  readonly value: Money | null;
  readonly financing: string | null;
  readonly period: Period;
}
export interface ContractAmendedData {
  readonly contractId: string;
  readonly changes: Partial<ContractTerms>;
  readonly reason: string;
}
export interface ContractTerminatedData {
  readonly contractId: string;
  readonly reason: string;
}
export interface EquipmentReplacedData {
  readonly contractId: string;
  readonly fromVendorId: string;
  readonly to: VendorSnapshot;
  readonly units: number;
  /** Contract value that moves with the units; proportional to the units when not stated. */
  readonly value: Money | null;
  readonly note: string;
}

/** An operator awarded a telecom contract to a vendor for one network domain. */
export type ContractAwarded = DomainEvent<typeof CONTRACT_AWARDED, ContractAwardedData>;
/** The contract's units, value, financing or period changed. */
export type ContractAmended = DomainEvent<typeof CONTRACT_AMENDED, ContractAmendedData>;
/** The contract ended early; its equipment no longer counts toward dependency. */
export type ContractTerminated = DomainEvent<typeof CONTRACT_TERMINATED, ContractTerminatedData>;
/** Units of one vendor's equipment under the contract were replaced by another vendor's ("rip and replace"). */
export type EquipmentReplaced = DomainEvent<typeof EQUIPMENT_REPLACED, EquipmentReplacedData>;
export type ContractEvent = ContractAwarded | ContractAmended | ContractTerminated | EquipmentReplaced;

export interface AwardContract extends EntryFacts {
  readonly type: 'AwardContract';
  readonly contract: ContractAwardedData;
  readonly metadata: CommandMetadata;
}
export interface AmendContract extends TransitionFacts {
  readonly type: 'AmendContract';
  readonly changes: Partial<ContractTerms>;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
export interface TerminateContract extends TransitionFacts {
  readonly type: 'TerminateContract';
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
export interface ReplaceEquipment extends TransitionFacts {
  readonly type: 'ReplaceEquipment';
  readonly fromVendorId: string;
  readonly to: VendorSnapshot;
  readonly units: number;
  readonly value: Money | null;
  readonly note: string;
  readonly metadata: CommandMetadata;
}
export type ContractCommand = AwardContract | AmendContract | TerminateContract | ReplaceEquipment;

/** Equipment of one vendor in service under the contract. */
export interface VendorHolding {
  readonly vendorId: string;
  readonly units: number;
  readonly value: number;
}

export type ContractState =
  | { readonly status: 'unrecorded' }
  | (ContractAwardedData & {
      readonly status: 'active' | 'terminated';
      readonly country: string;
      readonly classification: Classification;
      readonly occurredAt: string;
      readonly holdings: readonly VendorHolding[];
      readonly replacedUnits: number;
      readonly terminatedAt: string | null;
    });

export function contractStreamId(contractId: string): string {
  return `contract-${contractId}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function adjust(
  holdings: readonly VendorHolding[],
  vendorId: string,
  units: number,
  value: number,
): VendorHolding[] {
  const found = holdings.some((h) => h.vendorId === vendorId);
  const next = found ? holdings : [...holdings, { vendorId, units: 0, value: 0 }];
  return next
    .map((h) =>
      h.vendorId === vendorId ? { vendorId, units: h.units + units, value: round2(h.value + value) } : h,
    )
    .filter((h) => h.units !== 0 || h.value !== 0);
}

/** Shares a contract value across holdings by units, putting the rounding remainder on the largest. */
function spreadValue(holdings: readonly VendorHolding[], total: number): VendorHolding[] {
  const units = holdings.reduce((sum, h) => sum + h.units, 0);
  if (units === 0) return holdings.map((h) => ({ ...h, value: 0 }));
  const spread = holdings.map((h) => ({ ...h, value: round2((total * h.units) / units) }));
  const remainder = round2(total - spread.reduce((sum, h) => sum + h.value, 0));
  const largest = spread.reduce((a, b) => (b.units > a.units ? b : a));
  return spread.map((h) => (h === largest ? { ...h, value: round2(h.value + remainder) } : h));
}

function checkCurrency(value: Money | null, contractValue: Money | null): void {
  if (value && contractValue && value.currency !== contractValue.currency) {
    throw new CommandRejectedError(
      'CURRENCY_MISMATCH',
      `Amounts on this contract are in ${contractValue.currency}.`,
      {
        field: 'value.currency',
        currency: value.currency,
        contractCurrency: contractValue.currency,
      },
    );
  }
}

function amend(
  command: AmendContract,
  state: Exclude<ContractState, { status: 'unrecorded' }>,
): ContractAmended[] {
  if (state.status !== 'active') return illegalTransition('contract', 'amend', state.status);
  if (Object.keys(command.changes).length === 0) {
    throw new CommandRejectedError('NOTHING_TO_AMEND', 'An amendment must change at least one term.');
  }
  checkCurrency(command.changes.value ?? null, state.value);
  if (command.changes.period) assertPeriod(command.changes.period);
  const unitsDelta = (command.changes.units ?? state.units) - state.units;
  const original = state.holdings.find((h) => h.vendorId === state.vendorId)?.units ?? 0;
  if (original + unitsDelta < 0) {
    throw new CommandRejectedError(
      'UNITS_BELOW_REPLACED',
      `${state.replacedUnits} units were already replaced; the contract cannot shrink below that.`,
      { field: 'units', replacedUnits: state.replacedUnits },
    );
  }
  return [
    {
      type: CONTRACT_AMENDED,
      schemaVersion: 1,
      ...transitionFacts(command, state, command.metadata, 'contract'),
      data: { contractId: state.contractId, changes: command.changes, reason: command.reason },
    },
  ];
}

function replace(
  command: ReplaceEquipment,
  state: Exclude<ContractState, { status: 'unrecorded' }>,
): EquipmentReplaced[] {
  if (state.status !== 'active')
    return illegalTransition('contract', 'replace equipment under', state.status);
  if (command.fromVendorId === command.to.vendorId) {
    throw new CommandRejectedError('SAME_VENDOR', 'Equipment is replaced by another vendor’s.', {
      field: 'toVendorId',
    });
  }
  // A negative count would pass the check below and leave the receiving vendor with negative holdings.
  if (!Number.isInteger(command.units) || command.units < 1) {
    throw new CommandRejectedError('INVALID_UNITS', 'Replace at least one whole unit.', { field: 'units' });
  }
  const from = state.holdings.find((h) => h.vendorId === command.fromVendorId);
  if (!from || from.units < command.units) {
    throw new CommandRejectedError(
      'NOT_ENOUGH_UNITS',
      `The contract holds ${from?.units ?? 0} units of ${command.fromVendorId}, fewer than ${command.units}.`,
      { field: 'units', available: from?.units ?? 0 },
    );
  }
  checkCurrency(command.value, state.value);
  if (command.value && command.value.amount > from.value) {
    throw new CommandRejectedError(
      'VALUE_EXCEEDS_HOLDING',
      `The replaced equipment is worth at most ${from.value} under this contract.`,
      { field: 'value.amount', available: from.value },
    );
  }
  return [
    {
      type: EQUIPMENT_REPLACED,
      schemaVersion: 1,
      ...transitionFacts(command, state, command.metadata, 'contract'),
      data: {
        contractId: state.contractId,
        fromVendorId: command.fromVendorId,
        to: command.to,
        units: command.units,
        value: command.value,
        note: command.note,
      },
    },
  ];
}

/** Rules of a telecom contract: amendments and replacements while active; a terminated contract takes nothing. */
export const contractDecider: Decider<ContractCommand, ContractEvent, ContractState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    if (command.type === 'AwardContract') {
      if (state.status !== 'unrecorded') alreadyRecorded('contract');
      if (!Number.isInteger(command.contract.units) || command.contract.units < 1) {
        throw new CommandRejectedError('INVALID_UNITS', 'A contract covers at least one whole unit.', {
          field: 'units',
        });
      }
      assertPeriod(command.contract.period);
      return [
        {
          type: CONTRACT_AWARDED,
          schemaVersion: 1,
          ...newEntryFacts(command, command.metadata),
          data: command.contract,
        },
      ];
    }
    if (state.status === 'unrecorded') return notRecorded('contract');
    switch (command.type) {
      case 'AmendContract':
        return amend(command, state);
      case 'TerminateContract':
        if (state.status !== 'active') return illegalTransition('contract', 'terminate', state.status);
        return [
          {
            type: CONTRACT_TERMINATED,
            schemaVersion: 1,
            ...transitionFacts(command, state, command.metadata, 'contract'),
            data: { contractId: state.contractId, reason: command.reason },
          },
        ];
      case 'ReplaceEquipment':
        return replace(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    if (event.type === CONTRACT_AWARDED) {
      return {
        ...event.data,
        status: 'active',
        country: event.country,
        classification: event.classification,
        occurredAt: event.occurredAt,
        holdings: adjust([], event.data.vendorId, event.data.units, event.data.value?.amount ?? 0),
        replacedUnits: 0,
        terminatedAt: null,
      };
    }
    if (state.status === 'unrecorded') return state;
    switch (event.type) {
      case CONTRACT_AMENDED: {
        const { changes } = event.data;
        const unitsDelta = (changes.units ?? state.units) - state.units;
        const resized = adjust(state.holdings, state.vendorId, unitsDelta, 0);
        // The contract value is spread over the equipment in service, whichever vendor now holds it.
        const total = changes.value === undefined ? undefined : (changes.value?.amount ?? 0);
        return {
          ...state,
          ...changes,
          holdings: total === undefined ? resized : spreadValue(resized, total),
        };
      }
      case CONTRACT_TERMINATED:
        return { ...state, status: 'terminated', holdings: [], terminatedAt: event.occurredAt };
      case EQUIPMENT_REPLACED: {
        const { fromVendorId, to, units } = event.data;
        const from = state.holdings.find((h) => h.vendorId === fromVendorId);
        const moved =
          event.data.value?.amount ??
          (from && from.units > 0 ? round2((from.value * units) / from.units) : 0);
        const holdings = adjust(
          adjust(state.holdings, fromVendorId, -units, -moved),
          to.vendorId,
          units,
          moved,
        );
        return { ...state, holdings, replacedUnits: state.replacedUnits + units };
      }
      default:
        return assertNever(event);
    }
  },
};

/** A change in a vendor's equipment under a contract, effective from a date: the dependency ledger's row. */
export interface HoldingChange {
  readonly contractId: string;
  readonly domain: NetworkDomain;
  readonly vendorId: string;
  readonly unitsDelta: number;
  readonly valueDelta: number;
  readonly currency: string | null;
  readonly effectiveAt: string;
}

/**
 * The ledger of a contract's holdings: each event's change to who holds what, dated when it happened.
 * Summing the rows up to a date gives the equipment in service on that date.
 */
export function contractHoldingChanges(events: readonly ContractEvent[]): HoldingChange[] {
  const changes: HoldingChange[] = [];
  let state: ContractState = contractDecider.initialState();
  for (const event of events) {
    const before = state.status === 'unrecorded' ? [] : state.holdings;
    state = contractDecider.evolve(state, event);
    if (state.status === 'unrecorded') continue;
    const after = state.holdings;
    const vendors = new Set([...before, ...after].map((h) => h.vendorId));
    for (const vendorId of vendors) {
      const was = before.find((h) => h.vendorId === vendorId) ?? { units: 0, value: 0 };
      const now = after.find((h) => h.vendorId === vendorId) ?? { units: 0, value: 0 };
      if (was.units === now.units && was.value === now.value) continue;
      changes.push({
        contractId: state.contractId,
        domain: state.domain,
        vendorId,
        unitsDelta: now.units - was.units,
        valueDelta: round2(now.value - was.value),
        currency: state.value?.currency ?? null,
        effectiveAt: event.occurredAt,
      });
    }
  }
  return changes;
}
