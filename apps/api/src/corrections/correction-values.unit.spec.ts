import { CORRECTABLE_FIELDS, correctableFields, type EntryEventType, type RecordedEvent } from '#domain';
import { RequestValidationException } from '../http/validation.js';
import { assertCorrectedValues, ruleFor } from './correction-values.js';

function event(type: EntryEventType, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: 'e0000000-0000-7000-8000-000000000001',
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

const award = event('ContractAwarded', {
  contractId: 'c1',
  vendorId: 'huawei',
  vendorName: 'Huawei',
  vendorOrigin: 'CN',
  vendorHighRisk: true,
  operator: 'Syriatel',
  domain: 'ran',
  generation: '4G',
  units: 1_000,
  unitKind: 'sites',
  value: { amount: '100', currency: 'USD' },
  financing: null,
  period: { start: '2025-06-01', end: null },
  description: 'Synthetic.',
});

const meeting = event('EnvoyMeetingHeld', {
  meetingId: 'm1',
  location: 'Damascus',
  envoys: [{ name: 'A', title: 'Envoy', organisation: 'State' }],
  counterparts: [{ name: 'B', title: 'Minister', organisation: 'Ministry' }],
  topics: [],
  concerns: [],
  vendorsDiscussed: [],
  summary: 'Synthetic.',
  outcome: '',
  nextSteps: [],
});

/** The fields a refusal names, or [] when the values pass. */
async function refusedFields(target: RecordedEvent, changes: Record<string, unknown>): Promise<string[]> {
  const corrected = { ...target, data: { ...(target.data as object), ...changes } };
  try {
    await assertCorrectedValues(corrected, changes);
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationException)) throw error;
    return [...new Set(error.fieldErrors.map((e) => e.field))];
  }
}

describe('the rules a corrected value is checked with', () => {
  it('exist for every correctable field of every event type', () => {
    const missing = Object.keys(CORRECTABLE_FIELDS).flatMap((type) =>
      correctableFields(type)
        .filter((field) => ruleFor(type as EntryEventType, field) === undefined)
        .map((field) => `${type}.${field}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('checking corrected values with the creating command’s rules', () => {
  it('accepts values the command would have accepted', async () => {
    expect(
      await refusedFields(award, {
        domain: 'core',
        value: { amount: '250.5', currency: 'EUR' },
        financing: null,
        occurredAt: '2025-06-01T12:00:00+02:00',
        source: 'tender notice',
        confidence: 'high',
      }),
    ).toEqual([]);
    expect(await refusedFields(meeting, { summary: 'Better.', source: null, confidence: null })).toEqual([]);
  });

  it.each([
    ['a network domain it does not know', { domain: 'banana' }, ['changes.domain']],
    [
      'an amount that is not a number',
      { value: { amount: 'lots', currency: 'USD' } },
      ['changes.value.amount'],
    ],
    [
      'money with a field money does not have',
      { value: { amount: '1', currency: 'USD', vat: 1 } },
      ['changes.value.vat'],
    ],
    ['units that are not whole', { units: 1.5 }, ['changes.units']],
    [
      'a period start that is not a date',
      { period: { start: '1 June', end: null } },
      ['changes.period.start'],
    ],
    ['a date-time without a zone', { occurredAt: '2025-06-01T10:00:00' }, ['changes.occurredAt']],
    ['a bare date as the date-time', { occurredAt: '2025-06-01' }, ['changes.occurredAt']],
    ['a confidence it does not know', { confidence: 'certain' }, ['changes.confidence']],
  ])('refuses %s on a contract award, naming the field', async (_what, changes, fields) => {
    expect(await refusedFields(award, changes)).toEqual(fields);
  });

  it.each([
    ['no counterparts at all', { counterparts: null }, ['changes.counterparts']],
    ['an empty list of counterparts', { counterparts: [] }, ['changes.counterparts']],
    [
      'a counterpart without a name',
      { counterparts: [{ title: 'x', organisation: 'y' }] },
      ['changes.counterparts[0].name'],
    ],
    ['a concern it does not know', { concerns: ['boredom'] }, ['changes.concerns']],
    ['a null summary', { summary: null }, ['changes.summary']],
  ])('refuses %s on a meeting', async (_what, changes, fields) => {
    expect(await refusedFields(meeting, changes)).toEqual(fields);
  });

  it('refuses a null where the command would have put its default', async () => {
    const termination = event('ContractTerminated', {
      contractId: 'c1',
      reason: 'Ended.',
      equipment: 'decommissioned',
      swappedInEquipment: 'in-service',
    });
    expect(await refusedFields(termination, { swappedInEquipment: null })).toEqual([
      'changes.swappedInEquipment',
    ]);
    expect(await refusedFields(termination, { equipment: 'scrapped' })).toEqual(['changes.equipment']);
  });

  it('checks a vendor event’s source with the facts every change takes', async () => {
    const registered = event('VendorRegistered', {
      vendorId: 'acme',
      name: 'Acme',
      origin: 'DE',
      highRisk: false,
      riskBasis: null,
    });
    expect(await refusedFields(registered, { source: 'x'.repeat(501) })).toEqual(['changes.source']);
    expect(await refusedFields(registered, { source: 'registry', highRisk: 'yes' })).toEqual([
      'changes.highRisk',
    ]);
  });
});
