import type { ContractEvent } from '../contract/contract.js';
import type { EngagementEvent } from '../engagement/engagement.decider.js';
import type { FollowUpEvent } from '../follow-up/follow-up.js';
import type { IncentiveEvent } from '../incentive/incentive.js';
import type { ObservationEvent } from '../observation/observation.js';
import type { TechnicalSupportEvent } from '../technical-support/technical-support.js';
import type { VendorEvent } from '../vendor/vendor.js';

/** Every event an officer records and may later correct (corrections themselves are not corrected). */
export type EntryEvent =
  | EngagementEvent
  | FollowUpEvent
  | IncentiveEvent
  | TechnicalSupportEvent
  | ContractEvent
  | ObservationEvent
  | VendorEvent;
export type EntryEventType = EntryEvent['type'];

type DataField<T extends EntryEventType> = keyof Extract<EntryEvent, { readonly type: T }>['data'] & string;

/** Facts of the event itself, correctable on every type: when it happened, where we have it from, how sure. */
export const EVENT_FACT_FIELDS = ['occurredAt', 'source', 'confidence'] as const;
export type EventFactField = (typeof EVENT_FACT_FIELDS)[number];

/**
 * The fields of each event type's data a correction may change. Identity and references are left out on
 * purpose (ids, the vendor snapshots a contract took from the registry, a vendor's origin, which is also the
 * country its events are filed under): a wrong reference is retracted and recorded anew, so the rules that
 * checked it when it was recorded (registered vendor, not the same vendor…) are checked again.
 */
export const CORRECTABLE_FIELDS: { readonly [T in EntryEventType]: readonly DataField<T>[] } = {
  EnvoyMeetingHeld: [
    'location',
    'envoys',
    'counterparts',
    'topics',
    'concerns',
    'vendorsDiscussed',
    'summary',
    'outcome',
    'nextSteps',
  ],
  DialogueRoundConcluded: [
    'track',
    'round',
    'level',
    'location',
    'coChairs',
    'agenda',
    'jointStatement',
    'deliverables',
    'topics',
    'concerns',
    'vendorsDiscussed',
    'summary',
  ],
  FollowUpAssigned: ['owner', 'dueDate', 'action'],
  FollowUpCompleted: ['note'],
  IncentiveOffered: ['instrument', 'agency', 'amount', 'conditions', 'expiresOn', 'description'],
  IncentiveTermsAmended: ['changes', 'reason'],
  IncentiveAccepted: ['note'],
  IncentiveDeclined: ['note'],
  IncentiveWithdrawn: ['note'],
  IncentiveExpired: ['note'],
  TechnicalSupportCommitted: ['supportType', 'provider', 'beneficiary', 'period', 'budget', 'description'],
  TechnicalSupportMilestoneDelivered: ['milestone', 'note'],
  TechnicalSupportClosed: ['outcome', 'note'],
  ContractAwarded: [
    'operator',
    'domain',
    'generation',
    'units',
    'unitKind',
    'value',
    'financing',
    'period',
    'description',
  ],
  ContractAmended: ['changes', 'reason'],
  ContractTerminated: ['reason', 'equipment', 'swappedInEquipment'],
  EquipmentReplaced: ['units', 'value', 'note'],
  CountryResponseObserved: ['stance', 'speaker', 'quote', 'channel', 'topics', 'vendorsMentioned', 'summary'],
  CompetingOfferObserved: ['rival', 'vendorsInvolved', 'financing', 'amount', 'bundle', 'summary'],
  VendorRegistered: ['name', 'highRisk', 'riskBasis'],
  VendorRiskReclassified: ['highRisk', 'riskBasis'],
};

/** Whether events of this type are ones officers record (and so may correct). */
export function isEntryEventType(type: string): type is EntryEventType {
  return Object.hasOwn(CORRECTABLE_FIELDS, type);
}

/** What a correction of an event of this type may change: the event's own facts, then its data fields. */
export function correctableFields(type: string): readonly string[] {
  return isEntryEventType(type) ? [...EVENT_FACT_FIELDS, ...CORRECTABLE_FIELDS[type]] : [];
}

/** Whether a correctable field is one of the event's own facts rather than a field of its data. */
export function isEventFactField(field: string): field is EventFactField {
  return (EVENT_FACT_FIELDS as readonly string[]).includes(field);
}
