import type {
  Confidence,
  ContractState,
  FollowUpState,
  IncentiveState,
  IncentiveStatus,
  TechnicalSupportState,
} from '#domain';

/** A decider state once its entry has been recorded: what a register row holds. */
type Recorded<S> = Exclude<S, { readonly status: 'unrecorded' }>;

/** The decider state each register kind holds (see the registers projection). */
export interface RegisterStates {
  readonly 'incentive-offer': Recorded<IncentiveState>;
  readonly 'technical-support': Recorded<TechnicalSupportState>;
  readonly contract: Recorded<ContractState>;
  readonly 'follow-up': Recorded<FollowUpState>;
}
export type RegisterKind = keyof RegisterStates;
/** The registers listed per country. */
export type CountryRegisterKind = Exclude<RegisterKind, 'follow-up'>;

/**
 * One register entry as the API answers it: the decider state, with the entry's id, stream and version, and the
 * source and confidence of the entry (its first event, as corrected).
 */
export type RegisterItem<K extends RegisterKind> = RegisterStates[K] & {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly source: string | null;
  readonly confidence: Confidence | null;
};

/**
 * An incentive offer as listed. `lapsed`: still `offered` in its stream but past its expiresOn on the day read, so
 * it reads as `expired` while its IncentiveExpired is awaited (the scheduler records it; closedAt stays null).
 */
export type IncentiveOfferItem = RegisterItem<'incentive-offer'> & { readonly lapsed: boolean };

/** An item of a country register: offers say whether they have lapsed. */
export type CountryRegisterItem<K extends CountryRegisterKind> = K extends 'incentive-offer'
  ? IncentiveOfferItem
  : RegisterItem<K>;

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

/** A status added to a decider and missing above stops the build here. */
export type StatusListsComplete = AllTrue<
  [
    Covers<IncentiveStatus, (typeof INCENTIVE_STATUSES)[number]>,
    Covers<RegisterStates['contract']['status'], (typeof CONTRACT_STATUSES)[number]>,
    Covers<RegisterStates['technical-support']['status'], (typeof TECHNICAL_SUPPORT_STATUSES)[number]>,
    Covers<RegisterStates['follow-up']['status'], Exclude<FollowUpStatusFilter, 'overdue'>>,
  ]
>;
