import type { ContractAwardedData } from '../contract/contract.js';
import type { EntryEvent } from '../correction/correctable-fields.js';
import type { CorrectionEvent } from '../correction/correction.js';
import type { Participant } from '../engagement/envoy-meeting-held.event.js';
import type { FollowUpAssignedData } from '../follow-up/follow-up.js';
import type { IncentiveOfferedData } from '../incentive/incentive.js';
import type { EventType } from '../shared/catalogue.js';
import type { RecordedEvent } from '../shared/event.js';
import { type Money, readableMoney } from '../shared/money.js';
import type { TechnicalSupportCommittedData } from '../technical-support/technical-support.js';

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

/** What a timeline line says about its event: the headline and what leadership filters by. */
export interface TimelineFacets {
  readonly headline: string;
  readonly topics?: readonly string[];
  readonly vendors?: readonly string[];
  readonly participants?: readonly string[];
}

type DataOf<T extends EventType> = Extract<EntryEvent | CorrectionEvent, { readonly type: T }>['data'];

/**
 * Facets of one event type from its data and the first event of its stream (what a transition is a transition
 * of), or null when the type is no timeline line of its own.
 */
export type DescribeEvent<T extends EventType> = (
  data: DataOf<T>,
  origin: RecordedEvent | undefined,
) => TimelineFacets | null;

/** One entry per event type: a type missing here fails to compile. */
export type TimelineFacetsRegistry = { readonly [T in EventType]: DescribeEvent<T> };

const names = (people: readonly Participant[]) => people.map((p) => p.name);
const money = (m: Money | null | undefined) => (m ? ` of ${readableMoney(m)}` : '');
const originData = <D>(origin: RecordedEvent | undefined) => origin?.data as D | undefined;

function offerName(origin: RecordedEvent | undefined): string {
  const offer = originData<IncentiveOfferedData>(origin);
  return offer ? `${offer.agency} ${offer.instrument}` : 'Incentive';
}

function offerClosed(outcome: string) {
  return (_data: unknown, origin: RecordedEvent | undefined): TimelineFacets => {
    const offer = originData<IncentiveOfferedData>(origin);
    return { headline: `${offerName(origin)} offer ${outcome}`, topics: offer ? [offer.instrument] : [] };
  };
}

function supportTopics(origin: RecordedEvent | undefined): string[] {
  const support = originData<TechnicalSupportCommittedData>(origin);
  return support ? [support.supportType] : [];
}

function contractOf(origin: RecordedEvent | undefined) {
  const contract = originData<ContractAwardedData>(origin);
  return {
    contract,
    name: contract ? `${contract.operator}–${contract.vendorName} ${contract.domain} contract` : 'Contract',
    facets: contract ? { vendors: [contract.vendorName], topics: [contract.domain] } : {},
  };
}

/** Reference data (the vendor registry) and corrections are not timeline lines of their own. */
const noLine = () => null;

/** How each event type reads on a country's timeline. */
export const TIMELINE_FACETS: TimelineFacetsRegistry = {
  EnvoyMeetingHeld: (m) => ({
    headline: `Envoy meeting in ${m.location} with ${[...new Set(m.counterparts.map((p) => p.organisation))].join(', ')}`,
    topics: [...m.topics, ...m.concerns],
    vendors: m.vendorsDiscussed,
    participants: [...names(m.envoys), ...names(m.counterparts)],
  }),
  DialogueRoundConcluded: (r) => ({
    headline: `${r.track}, round ${r.round} (${r.level}) in ${r.location}`,
    topics: [...r.topics, ...r.concerns],
    vendors: r.vendorsDiscussed,
    participants: names(r.coChairs),
  }),
  FollowUpAssigned: (f) => ({
    headline: `Follow-up for ${f.owner}: ${f.action} (due ${f.dueDate})`,
    participants: [f.owner],
  }),
  FollowUpCompleted: (_data, origin) => {
    const f = originData<FollowUpAssignedData>(origin);
    return { headline: `Follow-up done: ${f?.action ?? 'action'}`, participants: f ? [f.owner] : [] };
  },
  IncentiveOffered: (o) => ({
    headline: `${o.agency} offered a ${o.instrument}${money(o.amount)}`,
    topics: [o.instrument],
  }),
  IncentiveTermsAmended: (a, origin) => ({ headline: `${offerName(origin)} terms amended: ${a.reason}` }),
  IncentiveAccepted: offerClosed('accepted'),
  IncentiveDeclined: offerClosed('declined'),
  IncentiveWithdrawn: offerClosed('withdrawn'),
  IncentiveExpired: offerClosed('expired'),
  TechnicalSupportCommitted: (s) => ({
    headline: `${s.provider} committed ${s.supportType} support to ${s.beneficiary}`,
    topics: [s.supportType],
  }),
  TechnicalSupportMilestoneDelivered: (m, origin) => ({
    headline: `Technical support milestone delivered: ${m.milestone}`,
    topics: supportTopics(origin),
  }),
  TechnicalSupportClosed: (c, origin) => {
    const support = originData<TechnicalSupportCommittedData>(origin);
    return {
      headline: `Technical support ${support ? `(${support.supportType}) ` : ''}closed: ${c.outcome}`,
      topics: supportTopics(origin),
    };
  },
  ContractAwarded: (c) => ({
    headline: `${c.operator} awarded ${c.vendorName} a ${c.generation} ${c.domain} contract (${c.units} ${c.unitKind})`,
    topics: [c.domain, c.generation],
    vendors: [c.vendorName],
  }),
  ContractAmended: (a, origin) => {
    const { name, facets } = contractOf(origin);
    return { headline: `${name} amended: ${a.reason}`, ...facets };
  },
  ContractTerminated: (t, origin) => {
    const { name, facets } = contractOf(origin);
    return { headline: `${name} terminated: ${t.reason}`, ...facets };
  },
  EquipmentReplaced: (r, origin) => {
    const { contract } = contractOf(origin);
    const fromName = contract && contract.vendorId === r.fromVendorId ? contract.vendorName : r.fromVendorId;
    return {
      headline: `${r.units} ${contract?.unitKind ?? 'units'} of ${fromName} replaced by ${r.to.vendorName}`,
      topics: contract ? [contract.domain] : [],
      vendors: [fromName, r.to.vendorName],
    };
  },
  CountryResponseObserved: (r) => ({
    headline: `${r.speaker.name} (${r.speaker.organisation}): ${r.stance}`,
    topics: r.topics,
    vendors: r.vendorsMentioned,
    participants: [r.speaker.name],
  }),
  CompetingOfferObserved: (o) => ({
    headline: `Competing offer from ${o.rival.name}${money(o.amount)}`,
    vendors: o.vendorsInvolved,
  }),
  VendorRegistered: noLine,
  VendorRiskReclassified: noLine,
  EntryCorrected: noLine,
  EntryRetracted: noLine,
};

function isRegistered(type: string): type is EventType {
  return Object.hasOwn(TIMELINE_FACETS, type);
}

/** Facets of an event; a type this version does not know stays a plain line rather than being dropped. */
function facetsOf(event: RecordedEvent, origin: RecordedEvent | undefined): TimelineFacets | null {
  if (!isRegistered(event.type)) return { headline: event.type };
  const describe = TIMELINE_FACETS[event.type] as DescribeEvent<EventType>;
  return describe(event.data as DataOf<EventType>, origin);
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
  const f = facetsOf(event, origin);
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
