import {
  CLASSIFICATIONS,
  type Classification,
  type CommandMetadata,
  type DomainEvent,
  decideCorrection,
  type RecordedEvent,
  VENDOR_CATALOGUE,
  vendorDecider,
  vendorStreamId,
} from '#domain';
import { eventRouter } from './routing.js';
import { deadLetterTopic, deadLetterTopicOf, engagementTopic, engagementTopics } from './topics.js';

const STREAM = 'engagement-0191f4d2-0000-7000-8000-000000000001';
const route = eventRouter('demarche');

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-02-20T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000008',
  causationId: null,
};

function meetingAt(classification: Classification): RecordedEvent {
  return {
    eventId: 'e0000000-0000-7000-8000-000000000001',
    type: 'EnvoyMeetingHeld',
    schemaVersion: 1,
    streamId: STREAM,
    streamVersion: 1,
    globalPosition: '101',
    country: 'SY',
    occurredAt: '2026-02-10T10:00:00.000Z',
    recordedAt: '2026-02-12T09:00:00.000Z',
    recordedBy: 'desk.officer@example.gov',
    classification,
    source: null,
    confidence: null,
    correlationId: 'c',
    causationId: null,
    data: { meetingId: 'm-1', location: 'Damascus', topics: [], outcome: null, summary: 'Synthetic.' },
  };
}

describe('routing events to topics per classification level', () => {
  it('names one topic per level, lowest first, and a dead-letter topic of the same level for each', () => {
    expect(engagementTopics('demarche')).toEqual([
      'demarche.engagement.unclassified',
      'demarche.engagement.restricted',
      'demarche.engagement.confidential',
      'demarche.engagement.secret',
    ]);
    expect(deadLetterTopic('demarche', 'secret')).toBe('demarche.engagement.secret.dlq');
    expect(deadLetterTopicOf(engagementTopic('demarche', 'restricted'))).toBe(
      'demarche.engagement.restricted.dlq',
    );
  });

  it.each(CLASSIFICATIONS)('sends a %s entry to its level, keyed by country', (level) => {
    expect(route(meetingAt(level), STREAM)).toEqual({
      topic: `demarche.engagement.${level}`,
      key: 'SY',
    });
  });

  it.each(CLASSIFICATIONS)(
    'sends the correction and the retraction of a %s entry to the topic of that entry',
    (level) => {
      const entry = meetingAt(level);
      const correction = decideCorrection(
        {
          type: 'CorrectEntry',
          targetEventId: entry.eventId,
          changes: { location: 'Aleppo' },
          reason: 'Misheard.',
          metadata,
        },
        [entry],
      );
      const retraction = decideCorrection(
        { type: 'RetractEntry', targetEventId: entry.eventId, reason: 'Wrong country.', metadata },
        [entry],
      );
      for (const event of [...correction, ...retraction]) {
        expect(route(event, STREAM)).toEqual(route(entry, STREAM));
      }
    },
  );

  it('sends vendor-registry events to the unclassified topic, keyed by their stream', () => {
    const vendor = VENDOR_CATALOGUE[0];
    if (!vendor) throw new Error('empty catalogue');
    const [registered] = vendorDecider.decide(
      { type: 'RegisterVendor', occurredAt: new Date('2026-01-01T00:00:00Z'), vendor, metadata },
      vendorDecider.initialState(),
    );
    const streamId = vendorStreamId(vendor.vendorId);
    expect(route(registered as DomainEvent, streamId)).toEqual({
      topic: 'demarche.engagement.unclassified',
      key: streamId,
    });
  });

  it('refuses an event without a known level rather than guess one', () => {
    const odd = { ...meetingAt('secret'), classification: 'top-secret' } as unknown as DomainEvent;
    expect(() => route(odd, STREAM)).toThrow(/no known classification/);
  });
});
