import type { RecordedEvent } from '#domain';
import { fromWireValue, toWireMessage } from './envelope.js';

const terminatedAtVersion1: RecordedEvent = {
  eventId: '0191f4d2-0000-7000-8000-0000000000bb',
  type: 'ContractTerminated',
  schemaVersion: 1,
  streamId: 'contract-c1',
  streamVersion: 2,
  globalPosition: '42',
  country: 'SY',
  occurredAt: '2026-01-10T00:00:00.000Z',
  recordedAt: '2026-01-12T09:00:00.000Z',
  recordedBy: 'officer',
  classification: 'unclassified',
  source: null,
  confidence: null,
  correlationId: 'c',
  causationId: null,
  data: { contractId: 'c1', reason: 'Operator exited.' },
};

describe('decoding an old event from Kafka', () => {
  it('upcasts it to its newest schema version, so every Kafka reader sees one shape', () => {
    const wire = toWireMessage(terminatedAtVersion1, 'SY');
    expect(fromWireValue(wire.value)).toEqual({
      ...terminatedAtVersion1,
      schemaVersion: 2,
      data: {
        contractId: 'c1',
        reason: 'Operator exited.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
      },
    });
  });

  it('leaves a version this build does not know as sent, for the projector to dead-letter', () => {
    const future = { ...terminatedAtVersion1, schemaVersion: 9, data: { anything: true } };
    expect(fromWireValue(toWireMessage(future, 'SY').value)).toEqual(future);
  });
});
