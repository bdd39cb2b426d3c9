import type {
  Classification,
  Confidence,
  ContractState,
  FollowUpState,
  IncentiveInstrument,
  IncentiveState,
  IncentiveStatus,
  NetworkDomain,
  Period,
  SupportOutcome,
  SupportType,
  TechnicalSupportState,
  UnitKind,
} from '#domain';
import { holdingAmount, type RegisterAmount, registerAmount, type StoredMoney } from './register-money.js';
import type { RegisterRow } from './registers.sql.js';

/** A decider state once its entry has been recorded: what a register row holds. */
type Recorded<S> = Exclude<S, { readonly status: 'unrecorded' }>;

/**
 * The decider state each register kind stores (see the registers projection), as its JSON reads back: money
 * through the domain's JSON replacer, a holding's bigint value as its decimal digits. Read, never answered: each
 * kind's item below names what the API gives out.
 */
export interface RegisterStates {
  readonly 'incentive-offer': Omit<Recorded<IncentiveState>, 'amount'> & {
    readonly amount: StoredMoney | null;
  };
  readonly 'technical-support': Omit<Recorded<TechnicalSupportState>, 'budget'> & {
    readonly budget: StoredMoney | null;
  };
  readonly contract: Omit<Recorded<ContractState>, 'value' | 'holdings'> & {
    readonly value: StoredMoney | null;
    readonly holdings: readonly {
      readonly vendorId: string;
      readonly units: number;
      readonly value: string;
    }[];
  };
  readonly 'follow-up': Recorded<FollowUpState>;
}
export type RegisterKind = keyof RegisterStates;
/** The registers listed per country. */
export type CountryRegisterKind = Exclude<RegisterKind, 'follow-up'>;

/**
 * What every register item starts with: the entry's id, its stream and the version the stream had reached (send
 * it as If-Match to change the entry), its status, country, classification and when it happened, and the source
 * and confidence of the entry (its first event, as corrected).
 */
export interface RegisterItemHeader<Status extends string> {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly status: Status;
  readonly country: string;
  readonly classification: Classification;
  readonly occurredAt: string;
  readonly source: string | null;
  readonly confidence: Confidence | null;
}

/**
 * An incentive offer. `lapsed`: still `offered` in its stream but past its expiresOn on the day read, so it reads
 * as `expired` while its IncentiveExpired is awaited (the scheduler records it; closedAt stays null).
 */
export interface IncentiveOfferItem extends RegisterItemHeader<IncentiveStatus> {
  readonly lapsed: boolean;
  readonly instrument: IncentiveInstrument;
  readonly agency: string;
  readonly description: string;
  readonly amount: RegisterAmount | null;
  readonly conditions: readonly string[];
  /** ISO date after which the offer lapses; null if open-ended. */
  readonly expiresOn: string | null;
  /** When it was accepted, declined, withdrawn or expired; null while open. */
  readonly closedAt: string | null;
  /** How many times its terms were amended. */
  readonly amendments: number;
}

/** A vendor's equipment in service under a contract, and its share of the contract's value. */
export interface ContractHoldingItem {
  readonly vendorId: string;
  readonly units: number;
  readonly value: RegisterAmount | null;
}

/** A telecom contract: the awarded vendor as the registry knew it then, and whose equipment is in service now. */
export interface ContractItem extends RegisterItemHeader<RegisterStates['contract']['status']> {
  readonly operator: string;
  readonly domain: NetworkDomain;
  readonly generation: string;
  readonly description: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly vendorOrigin: string;
  readonly vendorHighRisk: boolean;
  readonly units: number;
  readonly unitKind: UnitKind;
  readonly value: RegisterAmount | null;
  readonly financing: string | null;
  readonly period: Period;
  readonly holdings: readonly ContractHoldingItem[];
  /** Units of the awarded vendor's equipment replaced by other vendors'. */
  readonly replacedUnits: number;
  readonly terminatedAt: string | null;
}

/** A milestone delivered under a support commitment. */
export interface MilestoneItem {
  readonly milestone: string;
  readonly deliveredAt: string;
  readonly note: string;
}

/** A technical support commitment. */
export interface TechnicalSupportItem
  extends RegisterItemHeader<RegisterStates['technical-support']['status']> {
  readonly supportType: SupportType;
  readonly provider: string;
  readonly beneficiary: string;
  readonly description: string;
  readonly period: Period;
  readonly budget: RegisterAmount | null;
  readonly milestones: readonly MilestoneItem[];
  /** completed, cancelled or lapsed once closed; null while active. */
  readonly outcome: SupportOutcome | null;
  readonly closedAt: string | null;
}

/** A follow-up: who owns what, by when, and whether it is open past its due date on the day read. */
export interface FollowUpItem extends RegisterItemHeader<RegisterStates['follow-up']['status']> {
  readonly owner: string;
  readonly action: string;
  /** ISO date. */
  readonly dueDate: string;
  readonly overdue: boolean;
  /** The meeting or dialogue round it came out of. */
  readonly sourceEventId: string;
  readonly completedAt: string | null;
  /** The note it was completed with; null while open. */
  readonly note: string | null;
}

/** The item each register kind answers with. */
export interface RegisterItems {
  readonly 'incentive-offer': IncentiveOfferItem;
  readonly 'technical-support': TechnicalSupportItem;
  readonly contract: ContractItem;
  readonly 'follow-up': FollowUpItem;
}
export type CountryRegisterItem<K extends CountryRegisterKind> = RegisterItems[K];

function headerOf<K extends RegisterKind>(
  row: RegisterRow<RegisterStates[K]>,
): RegisterItemHeader<RegisterStates[K]['status']> {
  const { state } = row;
  return {
    id: row.entity_id,
    streamId: row.stream_id,
    version: row.stream_version,
    status: state.status,
    country: state.country,
    classification: state.classification,
    occurredAt: state.occurredAt,
    source: row.source,
    confidence: row.confidence,
  };
}

/** An offer that has lapsed reads as expired, saying so; otherwise as its stream left it. */
export function incentiveOfferItem(
  row: RegisterRow<RegisterStates['incentive-offer']> & { readonly lapsed: boolean },
): IncentiveOfferItem {
  const { state } = row;
  return {
    ...headerOf<'incentive-offer'>(row),
    status: row.lapsed ? 'expired' : state.status,
    lapsed: row.lapsed,
    instrument: state.instrument,
    agency: state.agency,
    description: state.description,
    amount: registerAmount(state.amount),
    conditions: state.conditions ?? [],
    expiresOn: state.expiresOn ?? null,
    closedAt: state.closedAt ?? null,
    amendments: state.amendments ?? 0,
  };
}

export function contractItem(row: RegisterRow<RegisterStates['contract']>): ContractItem {
  const { state } = row;
  const value = registerAmount(state.value);
  return {
    ...headerOf<'contract'>(row),
    operator: state.operator,
    domain: state.domain,
    generation: state.generation,
    description: state.description,
    vendorId: state.vendorId,
    vendorName: state.vendorName,
    vendorOrigin: state.vendorOrigin,
    vendorHighRisk: state.vendorHighRisk,
    units: state.units,
    unitKind: state.unitKind,
    value,
    financing: state.financing ?? null,
    period: { start: state.period.start, end: state.period.end ?? null },
    holdings: (state.holdings ?? []).map((h) => ({
      vendorId: h.vendorId,
      units: h.units,
      value: holdingAmount(h.value, state.value),
    })),
    replacedUnits: state.replacedUnits ?? 0,
    terminatedAt: state.terminatedAt ?? null,
  };
}

export function technicalSupportItem(
  row: RegisterRow<RegisterStates['technical-support']>,
): TechnicalSupportItem {
  const { state } = row;
  return {
    ...headerOf<'technical-support'>(row),
    supportType: state.supportType,
    provider: state.provider,
    beneficiary: state.beneficiary,
    description: state.description,
    period: { start: state.period.start, end: state.period.end ?? null },
    budget: registerAmount(state.budget),
    milestones: (state.milestones ?? []).map((m) => ({
      milestone: m.milestone,
      deliveredAt: m.deliveredAt,
      note: m.note,
    })),
    outcome: state.outcome ?? null,
    closedAt: state.closedAt ?? null,
  };
}

export function followUpItem(
  row: RegisterRow<RegisterStates['follow-up']> & { readonly overdue: boolean },
): FollowUpItem {
  const { state } = row;
  return {
    ...headerOf<'follow-up'>(row),
    owner: state.owner,
    action: state.action,
    dueDate: state.dueDate,
    overdue: row.overdue,
    sourceEventId: state.sourceEventId,
    completedAt: state.completedAt ?? null,
    note: state.note ?? null,
  };
}

/** Whether `Listed` names every status of `All`. */
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
/** Fails to compile unless every check is true. */
type AllTrue<Checks extends readonly true[]> = Checks;

export const INCENTIVE_STATUSES = [
  'offered',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
] as const satisfies readonly IncentiveStatus[];
export const CONTRACT_STATUSES = [
  'active',
  'terminated',
] as const satisfies readonly RegisterStates['contract']['status'][];
export const TECHNICAL_SUPPORT_STATUSES = [
  'active',
  'closed',
] as const satisfies readonly RegisterStates['technical-support']['status'][];
/** `overdue` is the part of `open` due before today (UTC); `open` includes it. */
export const FOLLOW_UP_STATUS_FILTERS = ['open', 'overdue', 'done'] as const;
export type FollowUpStatusFilter = (typeof FOLLOW_UP_STATUS_FILTERS)[number];

/**
 * State fields an item leaves out, each on purpose: the entity's own id (the item's `id`) and a contract's
 * `lastChangeAt`, which only the decider uses (to refuse changes dated before the latest).
 */
interface LeftOut {
  readonly 'incentive-offer': 'offerId';
  readonly 'technical-support': 'supportId';
  readonly contract: 'contractId' | 'lastChangeAt';
  readonly 'follow-up': 'followUpId';
}

/** A field added to a decider state stops the build here until its item answers it or it is left out above. */
export type StateFieldsDecided = AllTrue<
  [
    Covers<keyof RegisterStates['incentive-offer'], keyof IncentiveOfferItem | LeftOut['incentive-offer']>,
    Covers<
      keyof RegisterStates['technical-support'],
      keyof TechnicalSupportItem | LeftOut['technical-support']
    >,
    Covers<keyof RegisterStates['contract'], keyof ContractItem | LeftOut['contract']>,
    Covers<keyof RegisterStates['follow-up'], keyof FollowUpItem | LeftOut['follow-up']>,
  ]
>;

/** A status added to a decider and missing above stops the build here. */
export type StatusListsComplete = AllTrue<
  [
    Covers<IncentiveStatus, (typeof INCENTIVE_STATUSES)[number]>,
    Covers<RegisterStates['contract']['status'], (typeof CONTRACT_STATUSES)[number]>,
    Covers<RegisterStates['technical-support']['status'], (typeof TECHNICAL_SUPPORT_STATUSES)[number]>,
    Covers<RegisterStates['follow-up']['status'], Exclude<FollowUpStatusFilter, 'overdue'>>,
  ]
>;
