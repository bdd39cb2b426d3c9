import type { EventType } from '../shared/catalogue.js';

/**
 * Whose action an entry records, when asking what preceded a move in a country's dependency: `ours`
 * (meetings, dialogues, follow-ups, offers, support), the `country`'s (its responses, its answers to offers),
 * a `rival`'s (competing offers); `move` for the contract events that are the moves themselves; `none` for
 * the rest.
 */
export type EngagementRole = 'ours' | 'country' | 'rival' | 'move' | 'none';

/** One role per event type: a type missing here fails to compile. */
export const ENGAGEMENT_ROLES: Readonly<Record<EventType, EngagementRole>> = {
  EnvoyMeetingHeld: 'ours',
  DialogueRoundConcluded: 'ours',
  FollowUpAssigned: 'ours',
  FollowUpCompleted: 'ours',
  IncentiveOffered: 'ours',
  IncentiveTermsAmended: 'ours',
  IncentiveWithdrawn: 'ours',
  // An offer lapsing is the fate of our offer, not an act of the country's.
  IncentiveExpired: 'ours',
  IncentiveAccepted: 'country',
  IncentiveDeclined: 'country',
  TechnicalSupportCommitted: 'ours',
  TechnicalSupportMilestoneDelivered: 'ours',
  TechnicalSupportClosed: 'ours',
  CountryResponseObserved: 'country',
  CompetingOfferObserved: 'rival',
  ContractAwarded: 'move',
  ContractAmended: 'move',
  ContractTerminated: 'move',
  EquipmentReplaced: 'move',
  VendorRegistered: 'none',
  VendorRiskReclassified: 'none',
  EntryCorrected: 'none',
  EntryRetracted: 'none',
};

/** The event types of one role. */
export function eventTypesWithRole(role: EngagementRole): string[] {
  return Object.entries(ENGAGEMENT_ROLES)
    .filter(([, r]) => r === role)
    .map(([type]) => type);
}
