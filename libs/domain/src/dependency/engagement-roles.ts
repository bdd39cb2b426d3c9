import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  EQUIPMENT_REPLACED,
} from '../contract/contract.js';
import { ENTRY_CORRECTED, ENTRY_RETRACTED } from '../correction/correction.js';
import { DIALOGUE_ROUND_CONCLUDED } from '../engagement/dialogue-round-concluded.event.js';
import { ENVOY_MEETING_HELD } from '../engagement/envoy-meeting-held.event.js';
import { FOLLOW_UP_ASSIGNED, FOLLOW_UP_COMPLETED } from '../follow-up/follow-up.js';
import {
  INCENTIVE_ACCEPTED,
  INCENTIVE_DECLINED,
  INCENTIVE_EXPIRED,
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  INCENTIVE_WITHDRAWN,
} from '../incentive/incentive.js';
import { COMPETING_OFFER_OBSERVED, COUNTRY_RESPONSE_OBSERVED } from '../observation/observation.js';
import {
  TECHNICAL_SUPPORT_CLOSED,
  TECHNICAL_SUPPORT_COMMITTED,
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
} from '../technical-support/technical-support.js';
import { VENDOR_REGISTERED, VENDOR_RISK_RECLASSIFIED } from '../vendor/vendor.js';

/**
 * Whose action an entry records, when asking what preceded a move in a country's dependency: `ours`
 * (meetings, dialogues, follow-ups, offers, support), the `country`'s (its responses, its answers to offers),
 * a `rival`'s (competing offers); `move` for the contract events that are the moves themselves; `none` for
 * the rest.
 */
export type EngagementRole = 'ours' | 'country' | 'rival' | 'move' | 'none';

type EventTypeOf<T> = T extends string ? T : never;

/** One role per event type: a type missing here fails to compile. */
export const ENGAGEMENT_ROLES: Readonly<
  Record<
    EventTypeOf<
      | typeof ENVOY_MEETING_HELD
      | typeof DIALOGUE_ROUND_CONCLUDED
      | typeof FOLLOW_UP_ASSIGNED
      | typeof FOLLOW_UP_COMPLETED
      | typeof INCENTIVE_OFFERED
      | typeof INCENTIVE_TERMS_AMENDED
      | typeof INCENTIVE_ACCEPTED
      | typeof INCENTIVE_DECLINED
      | typeof INCENTIVE_WITHDRAWN
      | typeof INCENTIVE_EXPIRED
      | typeof TECHNICAL_SUPPORT_COMMITTED
      | typeof TECHNICAL_SUPPORT_MILESTONE_DELIVERED
      | typeof TECHNICAL_SUPPORT_CLOSED
      | typeof CONTRACT_AWARDED
      | typeof CONTRACT_AMENDED
      | typeof CONTRACT_TERMINATED
      | typeof EQUIPMENT_REPLACED
      | typeof VENDOR_REGISTERED
      | typeof VENDOR_RISK_RECLASSIFIED
      | typeof COUNTRY_RESPONSE_OBSERVED
      | typeof COMPETING_OFFER_OBSERVED
      | typeof ENTRY_CORRECTED
      | typeof ENTRY_RETRACTED
    >,
    EngagementRole
  >
> = {
  [ENVOY_MEETING_HELD]: 'ours',
  [DIALOGUE_ROUND_CONCLUDED]: 'ours',
  [FOLLOW_UP_ASSIGNED]: 'ours',
  [FOLLOW_UP_COMPLETED]: 'ours',
  [INCENTIVE_OFFERED]: 'ours',
  [INCENTIVE_TERMS_AMENDED]: 'ours',
  [INCENTIVE_WITHDRAWN]: 'ours',
  // An offer lapsing is the fate of our offer, not an act of the country's.
  [INCENTIVE_EXPIRED]: 'ours',
  [INCENTIVE_ACCEPTED]: 'country',
  [INCENTIVE_DECLINED]: 'country',
  [TECHNICAL_SUPPORT_COMMITTED]: 'ours',
  [TECHNICAL_SUPPORT_MILESTONE_DELIVERED]: 'ours',
  [TECHNICAL_SUPPORT_CLOSED]: 'ours',
  [COUNTRY_RESPONSE_OBSERVED]: 'country',
  [COMPETING_OFFER_OBSERVED]: 'rival',
  [CONTRACT_AWARDED]: 'move',
  [CONTRACT_AMENDED]: 'move',
  [CONTRACT_TERMINATED]: 'move',
  [EQUIPMENT_REPLACED]: 'move',
  [VENDOR_REGISTERED]: 'none',
  [VENDOR_RISK_RECLASSIFIED]: 'none',
  [ENTRY_CORRECTED]: 'none',
  [ENTRY_RETRACTED]: 'none',
};

/** The event types of one role. */
export function eventTypesWithRole(role: EngagementRole): string[] {
  return Object.entries(ENGAGEMENT_ROLES)
    .filter(([, r]) => r === role)
    .map(([type]) => type);
}
