import type { RecordedEvent } from '#domain';
import { fromWireRecord, fromWireValue, toWireMessage } from './envelope.js';

const BASE = 'https://demarche.example';

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
    const wire = toWireMessage(terminatedAtVersion1, 'SY', BASE);
    const upcast = {
      ...terminatedAtVersion1,
      schemaVersion: 2,
      data: {
        contractId: 'c1',
        reason: 'Operator exited.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
      },
    };
    expect(fromWireRecord(wire)).toEqual(upcast);
    // …and so in the format before binary mode, which older builds wrote.
    expect(fromWireValue(JSON.stringify(terminatedAtVersion1))).toEqual(upcast);
  });

  it('leaves a version this build does not know as sent, for the projector to dead-letter', () => {
    const future = { ...terminatedAtVersion1, schemaVersion: 9, data: { anything: true } };
    expect(fromWireRecord(toWireMessage(future, 'SY', BASE))).toEqual(future);
  });
});
