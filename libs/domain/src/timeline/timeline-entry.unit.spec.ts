import type { RecordedEvent } from '../shared/event.js';
import { toTimelineEntry } from './timeline-entry.js';

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
});
