import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import { type VendorRegisteredData, vendorDecider } from './vendor.js';
import { vendorCommandOf } from './vendor.replay.js';

const vendor: VendorRegisteredData = {
  vendorId: 'acme-radio',
  name: 'Acme Radio',
  origin: 'DE',
  highRisk: false,
  riskBasis: null,
};

function vendorStream() {
  const stream = new StreamHistory('vendor', 'vendor-acme-radio', vendorDecider);
  const registered = stream.record('2025-01-02T09:00:00Z', (metadata) => ({
    type: 'RegisterVendor',
    occurredAt: new Date('2025-01-01T00:00:00Z'),
    vendor,
    metadata,
  }));
  const listed = stream.record('2025-06-02T09:00:00Z', (metadata) => ({
    type: 'ReclassifyVendorRisk',
    occurredAt: new Date('2025-06-01T00:00:00Z'),
    highRisk: true,
    riskBasis: 'Synthetic listing',
    metadata,
  }));
  return { stream, registered, listed };
}

const given = correctedHistorySpecification('vendor');

describe('replaying a vendor stream', () => {
  it('decides every recorded registration and reclassification again exactly as recorded', () => {
    expectReplaysAsRecorded(vendorDecider, vendorCommandOf, vendorStream().stream.all);
  });

  it('accepts a corrected name and risk basis', () => {
    const { stream, registered } = vendorStream();
    given
      .whenChecked(stream.withCorrection(registered, { name: 'Acme Radio GmbH', riskBasis: 'none' }))
      .thenAccepts();
  });

  it('refuses a registration corrected to the flag a later reclassification sets (RISK_UNCHANGED there)', () => {
    const { stream, registered, listed } = vendorStream();
    given
      .whenChecked(stream.withCorrection(registered, { highRisk: true }))
      .thenRefuses('RISK_UNCHANGED', { failingEventId: listed.eventId });
  });

  it('refuses retracting the registration while a reclassification stands (VENDOR_NOT_FOUND)', () => {
    const { stream, registered, listed } = vendorStream();
    given
      .whenChecked(stream.withRetraction(registered))
      .thenRefuses('VENDOR_NOT_FOUND', { failingEventId: listed.eventId });
  });
});
