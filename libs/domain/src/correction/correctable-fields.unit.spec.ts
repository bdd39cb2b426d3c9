import { EVENT_CATALOGUE } from '../shared/catalogue.js';
import type { RecordedEvent } from '../shared/event.js';
import { refusalOf } from '../testing/stream-history.js';
import {
  CORRECTABLE_FIELDS,
  correctableFields,
  EVENT_FACT_FIELDS,
  isEntryEventType,
} from './correctable-fields.js';
import { isCorrection } from './correction.js';
import { decideCorrection } from './decide-correction.js';

const TARGET = 'e0000000-0000-7000-8000-00000000c0f1';

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: TARGET,
    type,
    schemaVersion: 1,
    streamId: 'contract-c1',
    streamVersion: 1,
    globalPosition: '1',
    country: 'SY',
    occurredAt: '2025-06-01T00:00:00.000Z',
    recordedAt: '2025-06-02T00:00:00.000Z',
    recordedBy: 'officer',
    classification: 'unclassified',
    source: null,
    confidence: null,
    correlationId: 'c',
    causationId: null,
    data,
  };
}

function correct(target: RecordedEvent, changes: Record<string, unknown>) {
  return () =>
    decideCorrection(
      {
        type: 'CorrectEntry',
        targetEventId: target.eventId,
        changes,
        reason: 'x',
        metadata: {
          recordedAt: new Date('2026-01-01T00:00:00Z'),
          recordedBy: 'officer',
          correlationId: 'c',
          causationId: null,
        },
      },
      [target],
    );
}

describe('correctable fields', () => {
  it('are declared for every event type of the catalogue but the corrections themselves', () => {
    const entryTypes = Object.keys(EVENT_CATALOGUE).filter((type) => !isCorrection({ type }));
    expect(entryTypes.filter((type) => !isEntryEventType(type))).toEqual([]);
    expect(Object.keys(CORRECTABLE_FIELDS).sort()).toEqual(entryTypes.sort());
  });

  it('include when it happened, its source and our confidence on every type', () => {
    for (const type of Object.keys(CORRECTABLE_FIELDS)) {
      expect(correctableFields(type).slice(0, 3)).toEqual([...EVENT_FACT_FIELDS]);
    }
  });

  it('never include an identity or a reference', () => {
    const references = ['to', 'vendorName', 'vendorOrigin', 'vendorHighRisk', 'origin', 'targetEventId'];
    for (const [type, fields] of Object.entries(CORRECTABLE_FIELDS)) {
      const wrong = (fields as readonly string[]).filter((f) => /Id$/.test(f) || references.includes(f));
      expect({ type, wrong }).toEqual({ type, wrong: [] });
    }
  });

  it('are none for a type this version does not know, or for a correction', () => {
    expect(correctableFields('SomethingFromTheFuture')).toEqual([]);
    expect(correctableFields('EntryCorrected')).toEqual([]);
  });
});

describe('a correction of a field that is not declared', () => {
  const replaced = recorded('EquipmentReplaced', {
    contractId: 'c1',
    fromVendorId: 'huawei',
    to: { vendorId: 'ericsson', vendorName: 'Ericsson', vendorOrigin: 'SE', vendorHighRisk: false },
    units: 100,
    value: null,
    note: '',
  });

  it('is refused for a replacement’s receiving vendor, listing what may be corrected', () => {
    const to = { vendorId: 'no-such-vendor', vendorName: 'X', vendorOrigin: 'XX', vendorHighRisk: false };
    expect(refusalOf(correct(replaced, { to }))).toMatchObject({
      code: 'UNCORRECTABLE_FIELDS',
      details: {
        field: 'changes',
        fields: ['to'],
        correctable: ['occurredAt', 'source', 'confidence', 'units', 'value', 'note'],
      },
    });
  });

  it('is refused for the vendor a contract was awarded to and its snapshot', () => {
    const awarded = recorded('ContractAwarded', {
      contractId: 'c1',
      vendorId: 'huawei',
      vendorHighRisk: true,
    });
    expect(refusalOf(correct(awarded, { vendorId: 'nokia', vendorHighRisk: false }))).toMatchObject({
      code: 'UNCORRECTABLE_FIELDS',
      details: { fields: ['vendorId', 'vendorHighRisk'] },
    });
  });

  it('accepts a declared field the event was recorded without (an older shape)', () => {
    expect(
      correct(replaced, { note: 'Phase 1.', source: 'tender notice', confidence: 'low' })(),
    ).toHaveLength(1);
  });

  it.each([
    ['a number as the source', { source: 42 }, ['source']],
    ['a list as the confidence', { confidence: ['high'] }, ['confidence']],
  ])('refuses %s', (_what, changes, fields) => {
    expect(refusalOf(correct(replaced, changes))).toMatchObject({
      code: 'CORRECTION_TYPE_MISMATCH',
      details: { fields },
    });
  });
});
