import { EVENT_CATALOGUE } from '../shared/catalogue.js';
import { ENGAGEMENT_ROLES, type EngagementRole, eventTypesWithRole } from './engagement-roles.js';

const sorted = (types: readonly string[]) => [...types].sort();

describe('engagement roles', () => {
  it('lists our own actions: meetings, dialogues, follow-ups, offers and their fate, technical support', () => {
    expect(sorted(eventTypesWithRole('ours'))).toEqual([
      'DialogueRoundConcluded',
      'EnvoyMeetingHeld',
      'FollowUpAssigned',
      'FollowUpCompleted',
      'IncentiveExpired',
      'IncentiveOffered',
      'IncentiveTermsAmended',
      'IncentiveWithdrawn',
      'TechnicalSupportClosed',
      'TechnicalSupportCommitted',
      'TechnicalSupportMilestoneDelivered',
    ]);
  });

  it('lists the country’s actions: its observed responses and its answers to our offers', () => {
    expect(sorted(eventTypesWithRole('country'))).toEqual([
      'CountryResponseObserved',
      'IncentiveAccepted',
      'IncentiveDeclined',
    ]);
  });

  it('lists a rival’s competing offer as a rival’s, and nothing else', () => {
    expect(eventTypesWithRole('rival')).toEqual(['CompetingOfferObserved']);
  });

  it('counts the contract events as the moves themselves, never as what preceded one', () => {
    expect(sorted(eventTypesWithRole('move'))).toEqual([
      'ContractAmended',
      'ContractAwarded',
      'ContractTerminated',
      'EquipmentReplaced',
    ]);
  });

  it('gives registry changes and corrections no role', () => {
    expect(sorted(eventTypesWithRole('none'))).toEqual([
      'EntryCorrected',
      'EntryRetracted',
      'VendorRegistered',
      'VendorRiskReclassified',
    ]);
  });

  it('gives every event type of the catalogue exactly one role, and no other type one', () => {
    const roles: EngagementRole[] = ['ours', 'country', 'rival', 'move', 'none'];
    const listed = roles.flatMap(eventTypesWithRole);
    expect(sorted(listed)).toEqual(sorted(Object.keys(EVENT_CATALOGUE)));
    expect(new Set(listed).size).toBe(listed.length);
    expect(sorted(Object.keys(ENGAGEMENT_ROLES))).toEqual(sorted(Object.keys(EVENT_CATALOGUE)));
  });
});
