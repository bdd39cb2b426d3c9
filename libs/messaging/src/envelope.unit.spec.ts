import { EVENT_HEADERS } from '#contracts';
import type { RecordedEvent } from '#domain';
import { fromWireRecord, fromWireValue, toWireMessage, UndecodableMessageError } from './envelope.js';

const BASE = 'https://demarche.example';

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

const fromWire = (wire: ReturnType<typeof toWireMessage>) =>
  fromWireRecord({ headers: wire.headers, value: Buffer.from(wire.value) });

describe('the Kafka record of an event (CloudEvents, binary mode)', () => {
  it('round-trips an event, keeping a position beyond 2^53 exact', () => {
    expect(fromWire(toWireMessage(event, 'SY', BASE))).toEqual(event);
  });

  it('round-trips the optional attributes when they are set', () => {
    const sourced: RecordedEvent = { ...event, source: 'cable 42', confidence: 'high', causationId: 'x' };
    expect(fromWire(toWireMessage(sourced, 'SY', BASE))).toEqual(sourced);
  });

  it('carries the data alone as the value, and every attribute as a header', () => {
    const { headers, key, value } = toWireMessage(event, 'SY', BASE);
    expect(key).toBe('SY');
    expect(JSON.parse(value)).toEqual(event.data);
    expect(headers).toEqual({
      [EVENT_HEADERS.specVersion]: '1.0',
      [EVENT_HEADERS.id]: event.eventId,
      [EVENT_HEADERS.type]: 'EnvoyMeetingHeld',
      [EVENT_HEADERS.source]: '/demarche',
      [EVENT_HEADERS.subject]: 'engagement-1',
      [EVENT_HEADERS.time]: event.occurredAt,
      [EVENT_HEADERS.dataSchema]: `${BASE}/schemas/events/EnvoyMeetingHeld/v1.json`,
      [EVENT_HEADERS.contentType]: 'application/json',
      [EVENT_HEADERS.recordedAt]: event.recordedAt,
      [EVENT_HEADERS.recordedBy]: 'officer',
      [EVENT_HEADERS.schemaVersion]: '1',
      [EVENT_HEADERS.country]: 'SY',
      [EVENT_HEADERS.classification]: 'unclassified',
      [EVENT_HEADERS.streamVersion]: '1',
      [EVENT_HEADERS.globalPosition]: '9007199254740993',
      [EVENT_HEADERS.correlationId]: 'c',
    });
    for (const name of Object.keys(headers).filter((h) => h.startsWith('ce_')))
      expect(name.slice(3)).toMatch(/^[a-z0-9]{1,20}$/);
  });

  it('still reads a record in the format before binary mode (the whole envelope as the value)', () => {
    const legacy = { headers: { ce_id: event.eventId, ce_specversion: '1.0' }, value: JSON.stringify(event) };
    expect(fromWireRecord(legacy)).toEqual(event);
  });

  it.each([
    ['no value', null],
    ['a value that is not JSON', 'not json'],
  ])('refuses a binary-mode record with %s as undecodable', (_label, value) => {
    const { headers } = toWireMessage(event, 'SY', BASE);
    expect(() => fromWireRecord({ headers, value })).toThrow(UndecodableMessageError);
  });

  it.each([
    ['without its stream version', { [EVENT_HEADERS.streamVersion]: undefined }],
    ['with an unknown classification', { [EVENT_HEADERS.classification]: 'cosmic' }],
    ['with an unknown confidence', { [EVENT_HEADERS.confidence]: 'certain' }],
    ['of another CloudEvents version', { [EVENT_HEADERS.specVersion]: '0.3' }],
  ])('refuses a binary-mode record %s as undecodable', (_label, change) => {
    const wire = toWireMessage(event, 'SY', BASE);
    expect(() => fromWireRecord({ headers: { ...wire.headers, ...change }, value: wire.value })).toThrow(
      UndecodableMessageError,
    );
  });

  it.each([
    ['an empty value', null],
    ['non-JSON', 'not json'],
    ['a JSON scalar', '42'],
    ['an object without envelope fields', '{"type":"EnvoyMeetingHeld"}'],
  ])('rejects %s in the old format as undecodable', (_label, value) => {
    expect(() => fromWireValue(value)).toThrow(UndecodableMessageError);
    expect(() => fromWireRecord({ headers: {}, value })).toThrow(UndecodableMessageError);
  });
});
