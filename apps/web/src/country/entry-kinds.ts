/** How each kind of timeline entry is shown: a family (its colour), a glyph and a label. No DOM, no JSX. */
import type { EventType } from '#domain';

/** Families of entries that share a colour and a glyph. */
export type EntryFamily =
  | 'meeting'
  | 'dialogue'
  | 'follow-up'
  | 'offer'
  | 'support'
  | 'contract'
  | 'response'
  | 'rival'
  | 'registry';

export const FAMILY_OF: Readonly<Record<EventType, EntryFamily>> = {
  EnvoyMeetingHeld: 'meeting',
  DialogueRoundConcluded: 'dialogue',
  FollowUpAssigned: 'follow-up',
  FollowUpCompleted: 'follow-up',
  IncentiveOffered: 'offer',
  IncentiveTermsAmended: 'offer',
  IncentiveAccepted: 'offer',
  IncentiveDeclined: 'offer',
  IncentiveWithdrawn: 'offer',
  IncentiveExpired: 'offer',
  TechnicalSupportCommitted: 'support',
  TechnicalSupportMilestoneDelivered: 'support',
  TechnicalSupportClosed: 'support',
  ContractAwarded: 'contract',
  ContractAmended: 'contract',
  ContractTerminated: 'contract',
  EquipmentReplaced: 'contract',
  CountryResponseObserved: 'response',
  CompetingOfferObserved: 'rival',
  VendorRegistered: 'registry',
  VendorRiskReclassified: 'registry',
  EntryCorrected: 'registry',
  EntryRetracted: 'registry',
};

/** Each family's glyph (shown aria-hidden beside the kind's text) and colour (AA on white as text). */
export const FAMILY_STYLE: Readonly<Record<EntryFamily, { glyph: string; colour: string; name: string }>> = {
  meeting: { glyph: '◆', colour: '#1f4e8c', name: 'Meetings' },
  dialogue: { glyph: '❖', colour: '#3d5a98', name: 'Dialogue rounds' },
  'follow-up': { glyph: '✓', colour: '#5b3d8f', name: 'Follow-ups' },
  offer: { glyph: '$', colour: '#1d6b35', name: 'Incentive offers' },
  support: { glyph: '⚙', colour: '#0f6470', name: 'Technical support' },
  contract: { glyph: '▤', colour: '#8a4b08', name: 'Contracts' },
  response: { glyph: '❝', colour: '#0f766e', name: 'Country responses' },
  rival: { glyph: '⚑', colour: '#b42318', name: 'Rivals’ offers' },
  registry: { glyph: '•', colour: '#56606d', name: 'Registry' },
};

export function familyOf(eventType: string): EntryFamily {
  return FAMILY_OF[eventType as EventType] ?? 'registry';
}

/** The event types one may filter the timeline by, grouped by family, in the order of FAMILY_STYLE. */
export function kindsByFamily(): Array<{ family: EntryFamily; types: EventType[] }> {
  const families = Object.keys(FAMILY_STYLE) as EntryFamily[];
  return families
    .filter((family) => family !== 'registry')
    .map((family) => ({
      family,
      types: (Object.keys(FAMILY_OF) as EventType[]).filter((type) => FAMILY_OF[type] === family),
    }));
}
