import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import { type ContractAwardedData, contractDecider, type VendorSnapshot } from './contract.js';
import { contractCommandOf } from './contract.replay.js';

const STREAM = 'contract-c0a70000-0000-7000-8000-0000000000d1';
const ericsson: VendorSnapshot = {
  vendorId: 'ericsson',
  vendorName: 'Ericsson',
  vendorOrigin: 'SE',
  vendorHighRisk: false,
};
const nokia: VendorSnapshot = {
  vendorId: 'nokia',
  vendorName: 'Nokia',
  vendorOrigin: 'FI',
  vendorHighRisk: false,
};
const contract: ContractAwardedData = {
  contractId: 'c0a70000-0000-7000-8000-0000000000d1',
  vendorId: 'huawei',
  vendorName: 'Huawei',
  vendorOrigin: 'CN',
  vendorHighRisk: true,
  operator: 'Syriatel',
  domain: 'ran',
  generation: '4G',
  units: 1_000,
  unitKind: 'sites',
  value: { minor: '1000000000', currency: 'USD' },
  financing: null,
  period: { start: '2025-01-15', end: null },
  description: 'Synthetic RAN contract.',
};
const transition = (occurredAt: string) => ({
  occurredAt: new Date(occurredAt),
  source: 'operator filing',
  confidence: 'high' as const,
});

/** An award, a swap of 300 Huawei sites to Ericsson, 200 of those on to Nokia, and more Ericsson sites. */
function contractStream() {
  const stream = new StreamHistory('contract', STREAM, contractDecider);
  const awarded = stream.record('2025-01-16T09:00:00Z', (metadata) => ({
    type: 'AwardContract',
    country: 'SY',
    classification: 'confidential',
    ...transition('2025-01-15T00:00:00Z'),
    contract,
    metadata,
  }));
  const toEricsson = stream.record('2025-06-02T09:00:00Z', (metadata) => ({
    type: 'ReplaceEquipment',
    ...transition('2025-06-01T00:00:00Z'),
    fromVendorId: 'huawei',
    to: ericsson,
    units: 300,
    value: null,
    note: 'Phase 1.',
    metadata,
  }));
  const toNokia = stream.record('2025-08-02T09:00:00Z', (metadata) => ({
    type: 'ReplaceEquipment',
    ...transition('2025-08-01T00:00:00Z'),
    fromVendorId: 'ericsson',
    to: nokia,
    units: 200,
    value: { minor: '100000000', currency: 'USD' },
    note: 'Phase 2.',
    metadata,
  }));
  const amended = stream.record('2025-09-02T09:00:00Z', (metadata) => ({
    type: 'AmendContract',
    ...transition('2025-09-01T00:00:00Z'),
    changes: { units: 1_100, financing: 'Export credit' },
    unitsVendorId: 'ericsson',
    reason: 'More Ericsson sites.',
    metadata,
  }));
  return { stream, awarded, toEricsson, toNokia, amended };
}

function terminate(stream: ReturnType<typeof contractStream>['stream']) {
  return stream.record('2026-01-11T09:00:00Z', (metadata) => ({
    type: 'TerminateContract',
    ...transition('2026-01-10T00:00:00Z'),
    reason: 'Operator ended it.',
    equipment: 'decommissioned',
    swappedInEquipment: 'in-service',
    metadata,
  }));
}

const given = correctedHistorySpecification('contract');

describe('replaying a contract stream', () => {
  it('decides every award, replacement, amendment and termination again exactly as recorded', () => {
    const { stream } = contractStream();
    terminate(stream);
    expectReplaysAsRecorded(contractDecider, contractCommandOf, stream.all);
  });

  it('accepts a corrected description, value and replacement note', () => {
    const { stream, awarded } = contractStream();
    given
      .whenChecked(stream.withCorrection(awarded, { description: 'RAN sites.', source: 'tender notice' }))
      .thenAccepts();
  });

  it('refuses awarded units corrected below the units already replaced (NOT_ENOUGH_UNITS at the swap)', () => {
    const { stream, awarded, toEricsson } = contractStream();
    given.whenChecked(stream.withCorrection(awarded, { units: 200 })).thenRefuses('NOT_ENOUGH_UNITS', {
      failingEventId: toEricsson.eventId,
      failingEventType: 'EquipmentReplaced',
    });
  });

  it('refuses replaced units corrected to more than the contract holds', () => {
    const { stream, toEricsson } = contractStream();
    given
      .whenChecked(stream.withCorrection(toEricsson, { units: 1_200 }))
      .thenRefuses('NOT_ENOUGH_UNITS', { failingEventId: toEricsson.eventId });
  });

  it('refuses a replacement corrected to a date before the award (OCCURRED_BEFORE_ENTRY)', () => {
    const { stream, toEricsson } = contractStream();
    given
      .whenChecked(stream.withCorrection(toEricsson, { occurredAt: '2024-12-01T00:00:00Z' }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { failingEventId: toEricsson.eventId });
  });

  it('refuses a replacement corrected to a date before a change recorded ahead of it (CHANGE_BEFORE_LATEST)', () => {
    const { stream, toNokia } = contractStream();
    given
      .whenChecked(stream.withCorrection(toNokia, { occurredAt: '2025-05-01T00:00:00Z' }))
      .thenRefuses('CHANGE_BEFORE_LATEST', { failingEventId: toNokia.eventId });
  });

  it('refuses a termination corrected to a date before the award', () => {
    const { stream } = contractStream();
    const terminated = terminate(stream);
    given
      .whenChecked(stream.withCorrection(terminated, { occurredAt: '2024-06-01T00:00:00Z' }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { failingEventId: terminated.eventId });
  });

  it('refuses an award whose period is corrected to end before a later change (CONTRACT_PERIOD_ENDED)', () => {
    const { stream, awarded, toEricsson } = contractStream();
    given
      .whenChecked(stream.withCorrection(awarded, { period: { start: '2025-01-15', end: '2025-03-31' } }))
      .thenRefuses('CONTRACT_PERIOD_ENDED', { failingEventId: toEricsson.eventId });
  });

  it('refuses retracting a swap in the middle of a chain: Ericsson would hand on units it never had', () => {
    const { stream, toEricsson, toNokia } = contractStream();
    given
      .whenChecked(stream.withRetraction(toEricsson))
      .thenRefuses('NOT_ENOUGH_UNITS', { failingEventId: toNokia.eventId });
  });

  it('accepts retracting the last swap of a chain once nothing later depends on it', () => {
    const { stream, toNokia } = contractStream();
    // The amendment after it adds Ericsson units and does not depend on Nokia's.
    given.whenChecked(stream.withRetraction(toNokia)).thenAccepts();
  });

  it('refuses an amendment corrected to take away more units than the vendor holds', () => {
    const { stream, amended } = contractStream();
    given
      .whenChecked(stream.withCorrection(amended, { changes: { units: 800 } }))
      .thenRefuses('UNITS_BELOW_REPLACED', { failingEventId: amended.eventId });
  });

  it('refuses a termination corrected to a date before the amendment recorded ahead of it', () => {
    const { stream } = contractStream();
    const terminated = terminate(stream);
    given
      .whenChecked(stream.withCorrection(terminated, { occurredAt: '2025-08-20T00:00:00Z' }))
      .thenRefuses('CHANGE_BEFORE_LATEST', { failingEventId: terminated.eventId });
  });

  it('refuses an award of units the ledger would count in a unit it does not know', () => {
    const { stream, awarded } = contractStream();
    given
      .whenChecked(stream.withCorrection(awarded, { unitKind: 'racks' }))
      .thenRefuses('UNPROJECTABLE_HISTORY', { projection: 'contract-holdings' });
  });
});
