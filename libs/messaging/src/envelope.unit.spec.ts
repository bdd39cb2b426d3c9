import type { RecordedEvent } from '#domain';
import { fromWireValue, HEADERS, toWireMessage, UndecodableMessageError } from './envelope.js';

const event: RecordedEvent = {
  eventId: '0191f4d2-0000-7000-8000-0000000000aa',
  type: 'EnvoyMeetingHeld',
  schemaVersion: 1,
  streamId: 'engagement-1',
  streamVersion: 1,
  globalPosition: '9007199254740993',
  country: 'SY',
  occurredAt: '2026-02-10T10:00:00.000Z',
  recordedAt: '2026-02-12T09:00:00.000Z',
  recordedBy: 'officer',
  classification: 'unclassified',
  source: null,
  confidence: null,
  correlationId: 'c',
  causationId: null,
  data: { location: 'Damascus' },
};

describe('the Kafka envelope', () => {
  it('round-trips an event, keeping a position beyond 2^53 exact', () => {
    const wire = toWireMessage(event, 'SY');
    expect(fromWireValue(Buffer.from(wire.value))).toEqual(event);
  });

  it('carries CloudEvents headers for consumers that do not parse the value', () => {
    const { headers, key } = toWireMessage(event, 'SY');
    expect(key).toBe('SY');
    expect(headers).toMatchObject({
      [HEADERS.id]: event.eventId,
      [HEADERS.type]: 'EnvoyMeetingHeld',
      [HEADERS.specVersion]: '1.0',
      [HEADERS.subject]: 'SY',
      [HEADERS.globalPosition]: '9007199254740993',
    });
  });

  it.each([
    ['an empty value', null],
    ['non-JSON', 'not json'],
    ['a JSON scalar', '42'],
    ['an object without envelope fields', '{"type":"EnvoyMeetingHeld"}'],
  ])('rejects %s as undecodable', (_label, value) => {
    expect(() => fromWireValue(value)).toThrow(UndecodableMessageError);
  });
});
