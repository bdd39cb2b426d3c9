import type { ContractAwardedData, EquipmentReplacedData } from '../contract/contract.js';
import { isCorrection } from '../correction/correction.js';
import type { DialogueRoundConcludedData } from '../engagement/dialogue-round-concluded.event.js';
import type { EnvoyMeetingHeldData, Participant } from '../engagement/envoy-meeting-held.event.js';
import type { FollowUpAssignedData } from '../follow-up/follow-up.js';
import type { IncentiveOfferedData, IncentiveTermsAmendedData } from '../incentive/incentive.js';
import type { CompetingOfferObservedData, CountryResponseObservedData } from '../observation/observation.js';
import type { RecordedEvent } from '../shared/event.js';
import type {
  MilestoneDeliveredData,
  TechnicalSupportClosedData,
  TechnicalSupportCommittedData,
} from '../technical-support/technical-support.js';

/** One line of a country's timeline, with the facets leadership filters by. */
export interface TimelineEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly country: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly classification: string;
  readonly headline: string;
  readonly topics: readonly string[];
  readonly vendors: readonly string[];
  readonly participants: readonly string[];
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly data: unknown;
}

interface Facets {
  readonly headline: string;
  readonly topics?: readonly string[];
  readonly vendors?: readonly string[];
  readonly participants?: readonly string[];
}

const names = (people: readonly Participant[]) => people.map((p) => p.name);
const money = (m: { amount: number; currency: string } | null | undefined) =>
  m ? ` of ${m.amount.toLocaleString('en-US')} ${m.currency}` : '';

/** Facets of an event given the first event of its stream (what a transition is a transition of). */
function facets(event: RecordedEvent, origin: RecordedEvent | undefined): Facets | null {
  const d = event.data as Record<string, unknown>;
  const offer = origin?.data as IncentiveOfferedData | undefined;
  const support = origin?.data as TechnicalSupportCommittedData | undefined;
  const contract = origin?.data as ContractAwardedData | undefined;
  const offerName = offer ? `${offer.agency} ${offer.instrument}` : 'Incentive';
  const contractName = contract
    ? `${contract.operator}–${contract.vendorName} ${contract.domain} contract`
    : 'Contract';
  const contractFacets = contract ? { vendors: [contract.vendorName], topics: [contract.domain] } : {};
  switch (event.type) {
    case 'EnvoyMeetingHeld': {
      const m = d as unknown as EnvoyMeetingHeldData;
      return {
        headline: `Envoy meeting in ${m.location} with ${[...new Set(m.counterparts.map((p) => p.organisation))].join(', ')}`,
        topics: [...m.topics, ...m.concerns],
        vendors: m.vendorsDiscussed,
        participants: [...names(m.envoys), ...names(m.counterparts)],
      };
    }
    case 'DialogueRoundConcluded': {
      const r = d as unknown as DialogueRoundConcludedData;
      return {
        headline: `${r.track}, round ${r.round} (${r.level}) in ${r.location}`,
        topics: [...r.topics, ...r.concerns],
        vendors: r.vendorsDiscussed,
        participants: names(r.coChairs),
      };
    }
    case 'FollowUpAssigned': {
      const f = d as unknown as FollowUpAssignedData;
      return {
        headline: `Follow-up for ${f.owner}: ${f.action} (due ${f.dueDate})`,
        participants: [f.owner],
      };
    }
    case 'FollowUpCompleted': {
      const f = origin?.data as FollowUpAssignedData | undefined;
      return { headline: `Follow-up done: ${f?.action ?? 'action'}`, participants: f ? [f.owner] : [] };
    }
    case 'IncentiveOffered': {
      const o = d as unknown as IncentiveOfferedData;
      return { headline: `${o.agency} offered a ${o.instrument}${money(o.amount)}`, topics: [o.instrument] };
    }
    case 'IncentiveTermsAmended':
      return {
        headline: `${offerName} terms amended: ${(d as unknown as IncentiveTermsAmendedData).reason}`,
      };
    case 'IncentiveAccepted':
    case 'IncentiveDeclined':
    case 'IncentiveWithdrawn':
    case 'IncentiveExpired':
      return {
        headline: `${offerName} offer ${event.type.replace('Incentive', '').toLowerCase()}`,
        topics: offer ? [offer.instrument] : [],
      };
    case 'TechnicalSupportCommitted': {
      const s = d as unknown as TechnicalSupportCommittedData;
      return {
        headline: `${s.provider} committed ${s.supportType} support to ${s.beneficiary}`,
        topics: [s.supportType],
      };
    }
    case 'TechnicalSupportMilestoneDelivered':
      return {
        headline: `Technical support milestone delivered: ${(d as unknown as MilestoneDeliveredData).milestone}`,
        topics: support ? [support.supportType] : [],
      };
    case 'TechnicalSupportClosed':
      return {
        headline: `Technical support ${support ? `(${support.supportType}) ` : ''}closed: ${(d as unknown as TechnicalSupportClosedData).outcome}`,
        topics: support ? [support.supportType] : [],
      };
    case 'ContractAwarded': {
      const c = d as unknown as ContractAwardedData;
      return {
        headline: `${c.operator} awarded ${c.vendorName} a ${c.generation} ${c.domain} contract (${c.units} ${c.unitKind})`,
        topics: [c.domain, c.generation],
        vendors: [c.vendorName],
      };
    }
    case 'ContractAmended':
      return { headline: `${contractName} amended: ${d.reason as string}`, ...contractFacets };
    case 'ContractTerminated':
      return { headline: `${contractName} terminated: ${d.reason as string}`, ...contractFacets };
    case 'EquipmentReplaced': {
      const r = d as unknown as EquipmentReplacedData;
      const fromName =
        contract && contract.vendorId === r.fromVendorId ? contract.vendorName : r.fromVendorId;
      return {
        headline: `${r.units} ${contract?.unitKind ?? 'units'} of ${fromName} replaced by ${r.to.vendorName}`,
        topics: contract ? [contract.domain] : [],
        vendors: [fromName, r.to.vendorName],
      };
    }
    case 'CountryResponseObserved': {
      const r = d as unknown as CountryResponseObservedData;
      return {
        headline: `${r.speaker.name} (${r.speaker.organisation}): ${r.stance}`,
        topics: r.topics,
        vendors: r.vendorsMentioned,
        participants: [r.speaker.name],
      };
    }
    case 'CompetingOfferObserved': {
      const o = d as unknown as CompetingOfferObservedData;
      return {
        headline: `Competing offer from ${o.rival.name}${money(o.amount)}`,
        vendors: o.vendorsInvolved,
      };
    }
    default:
      // Reference data (the vendor registry) and corrections are not timeline lines of their own.
      return event.type.startsWith('Vendor') || isCorrection(event) ? null : { headline: event.type };
  }
}

/**
 * Describes an event as a timeline entry, or null when it is not one. `streamHistory` is the effective history
 * of its stream, so a transition (an offer accepted) is described with what it is a transition of.
 */
export function toTimelineEntry(
  event: RecordedEvent,
  streamHistory: readonly RecordedEvent[] = [],
): TimelineEntry | null {
  const origin = streamHistory.find((e) => e.streamVersion === 1) ?? streamHistory[0];
  const f = facets(event, origin);
  if (!f) return null;
  return {
    eventId: event.eventId,
    eventType: event.type,
    country: event.country,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    classification: event.classification,
    headline: f.headline,
    topics: [...(f.topics ?? [])],
    vendors: [...(f.vendors ?? [])],
    participants: [...(f.participants ?? [])],
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    data: event.data,
  };
}
