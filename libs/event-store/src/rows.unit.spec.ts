import { EVENT_CATALOGUE } from '#domain';
import { type EventRow, toRecordedEvent, toStoredEvent } from './rows.js';

const amendedAtVersion1: EventRow = {
  global_position: '7',
  event_id: '0191f4d2-0000-7000-8000-0000000000cc',
  stream_id: 'contract-c1',
  stream_version: 3,
  event_type: 'ContractAmended',
  schema_version: 1,
  country: 'SY',
  occurred_at: new Date('2025-09-01T00:00:00Z'),
  recorded_at: new Date('2025-09-02T00:00:00Z'),
  recorded_by: 'officer',
  classification: 'unclassified',
  source: 'Synthetic',
  confidence: 'medium',
  correlation_id: 'c',
  causation_id: null,
  data: { contractId: 'c1', changes: { units: 700 }, reason: 'Scope grew.' },
};

describe('reading an event row', () => {
  it('upcasts an old row to its type’s newest version for deciders and projections', () => {
    expect(toRecordedEvent(amendedAtVersion1)).toMatchObject({
      type: 'ContractAmended',
      schemaVersion: EVENT_CATALOGUE.ContractAmended,
      source: 'Synthetic',
      confidence: 'medium',
      data: { contractId: 'c1', changes: { units: 700 }, reason: 'Scope grew.', unitsVendorId: null },
    });
  });

  it('keeps the row as recorded for the relay to publish', () => {
    expect(toStoredEvent(amendedAtVersion1)).toMatchObject({
      schemaVersion: 1,
      data: { contractId: 'c1', changes: { units: 700 }, reason: 'Scope grew.' },
    });
  });
});
