import type { Classification } from '../shared/classification.js';
import { assertNever, type Decider } from '../shared/decider.js';
import {
  alreadyRecorded,
  assertNotBefore,
  type EntryFacts,
  illegalTransition,
  newEntryFacts,
  notRecorded,
  type TransitionFacts,
  transitionFacts,
} from '../shared/entry-facts.js';
import type { NetworkDomain, UnitKind } from '../shared/equipment.js';
import { CommandRejectedError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent } from '../shared/event.js';
import {
  assertPeriod,
  formatAmount,
  type Money,
  minorUnits,
  moneyOfMinor,
  type Period,
} from '../shared/money.js';

export const CONTRACT_AWARDED = 'ContractAwarded';
export const CONTRACT_AMENDED = 'ContractAmended';
export const CONTRACT_TERMINATED = 'ContractTerminated';
export const EQUIPMENT_REPLACED = 'EquipmentReplaced';

export { UNIT_KINDS, type UnitKind } from '../shared/equipment.js';

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
  /** Whose equipment a change of `units` adds or removes; null: the awarded vendor's. (Schema version 2.) */
  readonly unitsVendorId: string | null;
  readonly reason: string;
}

/** What happens to equipment when its contract ends early. */
export const TERMINATION_EQUIPMENT = ['decommissioned', 'in-service'] as const;
export type TerminationEquipment = (typeof TERMINATION_EQUIPMENT)[number];

/** One vendor's units in service under a contract, as a termination names them. */
export interface TerminatedHolding {
  readonly vendorId: string;
  readonly units: number;
}

export interface ContractTerminatedData {
  readonly contractId: string;
  readonly reason: string;
  /** The awarded vendor's equipment: taken out of service, or left running. (Schema version 2.) */
  readonly equipment: TerminationEquipment;
  /** Units other vendors swapped in under the contract: never removed unless stated. (Schema version 2.) */
  readonly swappedInEquipment: TerminationEquipment;
  /** The contract's network domain and unit kind: where the units below counted. (Schema version 3.) */
  readonly domain: NetworkDomain;
  readonly unitKind: UnitKind;
  /** Each vendor's units the termination takes out of service. (Schema version 3.) */
  readonly removed: readonly TerminatedHolding[];
  /** Each vendor's units it leaves in service (no longer under contract). (Schema version 3.) */
  readonly leftInService: readonly TerminatedHolding[];
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
/** The contract ended early; the equipment it states as decommissioned no longer counts toward dependency. */
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
  readonly unitsVendorId: string | null;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
export interface TerminateContract extends TransitionFacts {
  readonly type: 'TerminateContract';
  readonly reason: string;
  readonly equipment: TerminationEquipment;
  readonly swappedInEquipment: TerminationEquipment;
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

/** Equipment of one vendor in service under the contract; its value in minor units of the contract's currency. */
export interface VendorHolding {
  readonly vendorId: string;
  readonly units: number;
  readonly value: bigint;
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
      /** When the latest change to the contract happened: later changes may not be dated before it. */
      readonly lastChangeAt: string;
    });

export function contractStreamId(contractId: string): string {
  return `contract-${contractId}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Equipment is in service from the start of `period.start` (UTC). */
export function periodStartInstant(period: Period): string {
  return new Date(`${period.start}T00:00:00.000Z`).toISOString();
}

/** …and out of service after the last day of `period.end` (UTC): the instant the next day begins. */
export function periodEndInstant(period: Period): string | null {
  return period.end === null
    ? null
    : new Date(Date.parse(`${period.end}T00:00:00.000Z`) + DAY_MS).toISOString();
}

function adjust(
  holdings: readonly VendorHolding[],
  vendorId: string,
  units: number,
  value: bigint,
): VendorHolding[] {
  const found = holdings.some((h) => h.vendorId === vendorId);
  const next = found ? holdings : [...holdings, { vendorId, units: 0, value: 0n }];
  return next
    .map((h) => (h.vendorId === vendorId ? { vendorId, units: h.units + units, value: h.value + value } : h))
    .filter((h) => h.units !== 0 || h.value !== 0n);
}

/** `value × part / whole` in minor units, rounded half up (all three non-negative, `whole` > 0). */
function proportion(value: bigint, part: number, whole: number): bigint {
  const numerator = value * BigInt(part) * 2n + BigInt(whole);
  return numerator / (2n * BigInt(whole));
}

/**
 * Shares a contract value (minor units) across holdings by units, putting the rounding remainder on the largest:
 * the shares add up to the value exactly.
 */
function spreadValue(holdings: readonly VendorHolding[], total: bigint): VendorHolding[] {
  const units = holdings.reduce((sum, h) => sum + h.units, 0);
  if (units === 0) return holdings.map((h) => ({ ...h, value: 0n }));
  const spread = holdings.map((h) => ({ ...h, value: proportion(total, h.units, units) }));
  const remainder = total - spread.reduce((sum, h) => sum + h.value, 0n);
  const largest = spread.reduce((a, b) => (b.units > a.units ? b : a));
  return spread.map((h) => (h === largest ? { ...h, value: h.value + remainder } : h));
}

/** A value in minor units, 0 when there is none. */
function minorOrZero(money: Money | null | undefined): bigint {
  return money ? minorUnits(money) : 0n;
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

export type RecordedContract = Exclude<ContractState, { status: 'unrecorded' }>;

/**
 * Changes to a contract are dated in the order they happen: never before the latest change already recorded
 * (so the dated ledger and the order of events tell one story), nor after the contract's period has ended.
 */
function checkChangeDate(occurredAt: Date, state: RecordedContract): void {
  assertNotBefore(occurredAt, state.occurredAt, 'contract');
  if (occurredAt.getTime() < Date.parse(state.lastChangeAt)) {
    throw new CommandRejectedError(
      'CHANGE_BEFORE_LATEST',
      'A change to a contract cannot be dated before the latest change already recorded for it.',
      { field: 'occurredAt', occurredAt: occurredAt.toISOString(), latestChangeAt: state.lastChangeAt },
    );
  }
  const end = periodEndInstant(state.period);
  if (end !== null && occurredAt.getTime() >= Date.parse(end)) {
    throw new CommandRejectedError(
      'CONTRACT_PERIOD_ENDED',
      `The contract's period ended on ${state.period.end}; its equipment is no longer in service under it.`,
      { field: 'occurredAt', occurredAt: occurredAt.toISOString(), periodEnd: state.period.end },
    );
  }
}

function amend(command: AmendContract, state: RecordedContract): ContractAmended[] {
  if (state.status !== 'active') return illegalTransition('contract', 'amend', state.status);
  checkChangeDate(command.occurredAt, state);
  if (Object.keys(command.changes).length === 0) {
    throw new CommandRejectedError('NOTHING_TO_AMEND', 'An amendment must change at least one term.');
  }
  checkCurrency(command.changes.value ?? null, state.value);
  if (command.changes.period) assertPeriod(command.changes.period);
  const unitsVendorId = command.unitsVendorId ?? state.vendorId;
  if (command.unitsVendorId !== null && command.changes.units === undefined) {
    throw new CommandRejectedError(
      'UNITS_VENDOR_WITHOUT_UNITS',
      'unitsVendorId goes with a change of units.',
      {
        field: 'unitsVendorId',
      },
    );
  }
  const held = state.holdings.find((h) => h.vendorId === unitsVendorId);
  if (unitsVendorId !== state.vendorId && !held) {
    throw new CommandRejectedError(
      'VENDOR_NOT_UNDER_CONTRACT',
      `${unitsVendorId} holds no equipment under this contract; add the awarded vendor's units or record a replacement.`,
      { field: 'unitsVendorId', vendorId: unitsVendorId },
    );
  }
  const unitsDelta = (command.changes.units ?? state.units) - state.units;
  if ((held?.units ?? 0) + unitsDelta < 0) {
    throw new CommandRejectedError(
      'UNITS_BELOW_REPLACED',
      `${unitsVendorId} holds ${held?.units ?? 0} units under this contract (${state.replacedUnits} were replaced); the amendment would take away ${-unitsDelta}.`,
      {
        field: 'changes.units',
        vendorId: unitsVendorId,
        held: held?.units ?? 0,
        replacedUnits: state.replacedUnits,
      },
    );
  }
  return [
    {
      type: CONTRACT_AMENDED,
      schemaVersion: 3,
      ...transitionFacts(command, state, command.metadata, 'contract'),
      data: {
        contractId: state.contractId,
        changes: command.changes,
        unitsVendorId: command.unitsVendorId,
        reason: command.reason,
      },
    },
  ];
}

function replace(command: ReplaceEquipment, state: RecordedContract): EquipmentReplaced[] {
  if (state.status !== 'active')
    return illegalTransition('contract', 'replace equipment under', state.status);
  checkChangeDate(command.occurredAt, state);
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
  if (command.value && minorUnits(command.value) > from.value) {
    const available = formatAmount(moneyOfMinor(from.value, command.value.currency));
    throw new CommandRejectedError(
      'VALUE_EXCEEDS_HOLDING',
      `The replaced equipment is worth at most ${available} ${command.value.currency} under this contract.`,
      { field: 'value.amount', available },
    );
  }
  return [
    {
      type: EQUIPMENT_REPLACED,
      schemaVersion: 2,
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

function terminate(command: TerminateContract, state: RecordedContract): ContractTerminated[] {
  if (state.status !== 'active') return illegalTransition('contract', 'terminate', state.status);
  checkChangeDate(command.occurredAt, state);
  return [
    {
      type: CONTRACT_TERMINATED,
      schemaVersion: 3,
      ...transitionFacts(command, state, command.metadata, 'contract'),
      data: {
        contractId: state.contractId,
        reason: command.reason,
        ...terminationEffect(state, command),
      },
    },
  ];
}

type TerminationChoice = Pick<ContractTerminatedData, 'equipment' | 'swappedInEquipment'>;

/** Whether a termination leaves a holding in service: each vendor's units unless it decommissions them. */
function staysInService(state: RecordedContract, holding: VendorHolding, choice: TerminationChoice): boolean {
  return holding.vendorId === state.vendorId
    ? choice.equipment === 'in-service'
    : choice.swappedInEquipment === 'in-service';
}

/**
 * What a termination of an active contract does to its equipment, as version 3 of ContractTerminated states it:
 * the domain and unit kind, and each vendor's units taken out of service or left in it (vendors with units only).
 */
export function terminationEffect(
  state: RecordedContract,
  choice: TerminationChoice,
): Omit<ContractTerminatedData, 'contractId' | 'reason'> {
  const held = state.holdings.filter((h) => h.units > 0).map(({ vendorId, units }) => ({ vendorId, units }));
  return {
    equipment: choice.equipment,
    swappedInEquipment: choice.swappedInEquipment,
    domain: state.domain,
    unitKind: state.unitKind,
    removed: held.filter((h) => !staysInService(state, { ...h, value: 0n }, choice)),
    leftInService: held.filter((h) => staysInService(state, { ...h, value: 0n }, choice)),
  };
}

/** What a termination leaves in service: each vendor's units unless the termination decommissions them. */
function afterTermination(state: RecordedContract, data: TerminationChoice): VendorHolding[] {
  return state.holdings.filter((h) => staysInService(state, h, data));
}

/**
 * Rules of a telecom contract: amendments and replacements while active and within its period, dated in order;
 * a terminated contract takes nothing.
 */
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
          schemaVersion: 2,
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
        return terminate(command, state);
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
        holdings: adjust([], event.data.vendorId, event.data.units, minorOrZero(event.data.value)),
        replacedUnits: 0,
        terminatedAt: null,
        lastChangeAt: event.occurredAt,
      };
    }
    if (state.status === 'unrecorded') return state;
    const changed = { ...state, lastChangeAt: event.occurredAt };
    switch (event.type) {
      case CONTRACT_AMENDED: {
        const { changes } = event.data;
        const unitsDelta = (changes.units ?? state.units) - state.units;
        const resized = adjust(state.holdings, event.data.unitsVendorId ?? state.vendorId, unitsDelta, 0n);
        // The contract value is spread over the equipment in service, whichever vendor now holds it.
        const total = changes.value === undefined ? undefined : minorOrZero(changes.value);
        return {
          ...changed,
          ...changes,
          holdings: total === undefined ? resized : spreadValue(resized, total),
        };
      }
      case CONTRACT_TERMINATED:
        return {
          ...changed,
          status: 'terminated',
          holdings: afterTermination(state, event.data),
          terminatedAt: event.occurredAt,
        };
      case EQUIPMENT_REPLACED: {
        const { fromVendorId, to, units } = event.data;
        const from = state.holdings.find((h) => h.vendorId === fromVendorId);
        const moved = event.data.value
          ? minorUnits(event.data.value)
          : from && from.units > 0
            ? proportion(from.value, units, from.units)
            : 0n;
        const holdings = adjust(
          adjust(state.holdings, fromVendorId, -units, -moved),
          to.vendorId,
          units,
          moved,
        );
        return { ...changed, holdings, replacedUnits: state.replacedUnits + units };
      }
      default:
        return assertNever(event);
    }
  },
};

/** Why a row of the ledger exists: an event's own change, or the contract's period ending. */
export type HoldingChangeEffect = 'change' | 'period-ended';

/** A change in a vendor's equipment under a contract, effective from a date: the dependency ledger's row. */
export interface HoldingChange {
  readonly contractId: string;
  readonly domain: NetworkDomain;
  readonly unitKind: UnitKind;
  readonly vendorId: string;
  readonly unitsDelta: number;
  /** Minor units of `currency`. */
  readonly valueDelta: bigint;
  readonly currency: string | null;
  readonly effectiveAt: string;
  /** The contract event that made the change (for a period end: the event that set that end). */
  readonly causeEventId: string;
  readonly causeType: ContractEvent['type'];
  readonly effect: HoldingChangeEffect;
}

/** A contract event as recorded: the ledger names the event behind each of its rows. */
export type RecordedContractEvent = ContractEvent & { readonly eventId: string };

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Refuses a ledger in which any vendor's equipment would ever sum below zero. */
function assertNeverNegative(changes: readonly HoldingChange[]): void {
  const ordered = [...changes].sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
  const units = new Map<string, number>();
  for (let i = 0; i < ordered.length; i += 1) {
    const change = ordered[i] as HoldingChange;
    units.set(change.vendorId, (units.get(change.vendorId) ?? 0) + change.unitsDelta);
    const next = ordered[i + 1];
    // Changes at one instant land together: check once they all have.
    if (next && next.effectiveAt === change.effectiveAt) continue;
    for (const [vendorId, held] of units) {
      if (held < 0) {
        throw new CommandRejectedError(
          'HOLDINGS_BELOW_ZERO',
          `This history would leave ${vendorId} with ${held} units under contract ${change.contractId} on ${change.effectiveAt}; no holding can go below zero.`,
          { vendorId, units: held, at: change.effectiveAt, contractId: change.contractId },
        );
      }
    }
  }
}

/**
 * The ledger of a contract's holdings: each event's change to who holds what, dated when it takes effect.
 * Equipment is in service from `period.start` (changes logged earlier count from then) and, unless the
 * contract was terminated first, out of service after `period.end`. Summing the rows up to a date gives the
 * equipment in service on that date. Refuses (HOLDINGS_BELOW_ZERO) a history that would make any sum negative.
 */
export function contractHoldingChanges(events: readonly RecordedContractEvent[]): HoldingChange[] {
  const changes: HoldingChange[] = [];
  let state: ContractState = contractDecider.initialState();
  let periodSetBy: RecordedContractEvent | undefined;
  for (const event of events) {
    const before = state.status === 'unrecorded' ? [] : state.holdings;
    state = contractDecider.evolve(state, event);
    if (state.status === 'unrecorded') continue;
    if (event.type === CONTRACT_AWARDED || (event.type === CONTRACT_AMENDED && event.data.changes.period)) {
      periodSetBy = event;
    }
    const after = state.holdings;
    const vendors = new Set([...before, ...after].map((h) => h.vendorId));
    for (const vendorId of vendors) {
      const was = before.find((h) => h.vendorId === vendorId) ?? { units: 0, value: 0n };
      const now = after.find((h) => h.vendorId === vendorId) ?? { units: 0, value: 0n };
      if (was.units === now.units && was.value === now.value) continue;
      changes.push({
        contractId: state.contractId,
        domain: state.domain,
        unitKind: state.unitKind,
        vendorId,
        unitsDelta: now.units - was.units,
        valueDelta: now.value - was.value,
        currency: state.value?.currency ?? null,
        effectiveAt: event.occurredAt,
        causeEventId: event.eventId,
        causeType: event.type,
        effect: 'change',
      });
    }
  }
  if (state.status === 'unrecorded') return [];
  // The contract's final terms date every row: a corrected or amended period moves the whole ledger.
  const final = state;
  const start = periodStartInstant(final.period);
  const dated = changes.map((c) => ({
    ...c,
    domain: final.domain,
    unitKind: final.unitKind,
    currency: final.value?.currency ?? null,
    effectiveAt: new Date(laterOf(c.effectiveAt, start)).toISOString(),
  }));
  const end = periodEndInstant(final.period);
  if (final.status === 'active' && end !== null && periodSetBy) {
    const held = new Map<string, { units: number; value: bigint }>();
    for (const c of dated) {
      if (Date.parse(c.effectiveAt) >= Date.parse(end)) continue;
      const sum = held.get(c.vendorId) ?? { units: 0, value: 0n };
      held.set(c.vendorId, { units: sum.units + c.unitsDelta, value: sum.value + c.valueDelta });
    }
    for (const [vendorId, sum] of held) {
      if (sum.units === 0 && sum.value === 0n) continue;
      dated.push({
        contractId: final.contractId,
        domain: final.domain,
        unitKind: final.unitKind,
        vendorId,
        unitsDelta: -sum.units,
        valueDelta: -sum.value,
        currency: final.value?.currency ?? null,
        effectiveAt: end,
        causeEventId: periodSetBy.eventId,
        causeType: periodSetBy.type,
        effect: 'period-ended',
      });
    }
  }
  assertNeverNegative(dated);
  return dated;
}
