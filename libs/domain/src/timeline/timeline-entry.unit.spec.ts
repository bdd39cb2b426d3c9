import { EVENT_TYPES } from '../shared/catalogue.js';
import type { RecordedEvent } from '../shared/event.js';
import { TIMELINE_FACETS, type TimelineFacetsRegistry, toTimelineEntry } from './timeline-entry.js';

const envelope = {
  eventId: '0191f4d2-0000-7000-8000-0000000000aa',
  schemaVersion: 1,
  streamId: 'engagement-1',
  streamVersion: 1,
  globalPosition: '42',
  country: 'SY',
  occurredAt: '2026-02-10T10:00:00.000Z',
  recordedAt: '2026-02-12T09:00:00.000Z',
  recordedBy: 'officer',
  classification: 'unclassified' as const,
  source: null,
  confidence: null,
  correlationId: 'c',
  causationId: null,
};

describe('timeline entries', () => {
  it('describes a meeting by place and counterpart organisations, with its facets', () => {
    const event: RecordedEvent = {
      ...envelope,
      type: 'EnvoyMeetingHeld',
      data: {
        meetingId: 'm',
        location: 'Damascus',
        envoys: [{ name: 'A', title: 'Envoy', organisation: 'State' }],
        counterparts: [
          { name: 'B', title: 'Minister', organisation: 'MoC' },
          { name: 'C', title: 'Deputy', organisation: 'MoC' },
        ],
        topics: ['telecom reform'],
        concerns: ['strategic-leverage'],
        vendorsDiscussed: ['Huawei', 'ZTE'],
        summary: 's',
        outcome: 'o',
        nextSteps: [],
      },
    };
    expect(toTimelineEntry(event)).toMatchObject({
      headline: 'Envoy meeting in Damascus with MoC',
      topics: ['telecom reform', 'strategic-leverage'],
      vendors: ['Huawei', 'ZTE'],
      participants: ['A', 'B', 'C'],
      globalPosition: '42',
    });
  });

  it('keeps an event type it does not know as a plain entry rather than dropping it', () => {
    const entry = toTimelineEntry({ ...envelope, type: 'SomethingNew', data: { x: 1 } });
    expect(entry).toMatchObject({
      eventType: 'SomethingNew',
      headline: 'SomethingNew',
      topics: [],
      data: { x: 1 },
    });
  });

  it('describes a transition with what it is a transition of: an offer accepted names the offer', () => {
    const offered: RecordedEvent = {
      ...envelope,
      streamId: 'incentive-1',
      type: 'IncentiveOffered',
      data: { offerId: 'o', instrument: 'financing', agency: 'DFC', conditions: [], expiresOn: null },
    };
    const accepted: RecordedEvent = {
      ...envelope,
      streamId: 'incentive-1',
      streamVersion: 2,
      type: 'IncentiveAccepted',
      data: { note: 'yes' },
    };
    expect(toTimelineEntry(accepted, [offered, accepted])).toMatchObject({
      headline: 'DFC financing offer accepted',
      topics: ['financing'],
    });
  });

  it('makes no line of the vendor registry or of corrections', () => {
    expect(toTimelineEntry({ ...envelope, type: 'VendorRiskReclassified', data: {} })).toBeNull();
    expect(toTimelineEntry({ ...envelope, type: 'EntryRetracted', data: {} })).toBeNull();
  });
});

describe('the timeline facets registry', () => {
  it('has one entry per event type of the catalogue', () => {
    expect(Object.keys(TIMELINE_FACETS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  // Type-level: `npm run typecheck` (a step of npm test) fails if either line below compiles without error.
  it('does not compile without an entry for every event type', () => {
    const { EnvoyMeetingHeld: _dropped, ...withoutOne } = TIMELINE_FACETS;
    // @ts-expect-error a registry missing an event type is no TimelineFacetsRegistry
    const incomplete: TimelineFacetsRegistry = withoutOne;
    expect(Object.keys(incomplete)).toHaveLength(EVENT_TYPES.length - 1);
  });

  it('does not compile with a describer of another type’s data', () => {
    const wrong: TimelineFacetsRegistry = {
      ...TIMELINE_FACETS,
      // @ts-expect-error a meeting's describer reads fields a contract award does not have
      ContractAwarded: TIMELINE_FACETS.EnvoyMeetingHeld,
    };
    expect(wrong.ContractAwarded).toBe(TIMELINE_FACETS.EnvoyMeetingHeld);
  });
});
