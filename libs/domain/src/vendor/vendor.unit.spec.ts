import type { CommandMetadata } from '../shared/event.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type ReclassifyVendorRisk,
  type RegisterVendor,
  VENDOR_CATALOGUE,
  VENDOR_REGISTERED,
  VENDOR_RISK_RECLASSIFIED,
  type VendorEvent,
  type VendorRegistered,
  type VendorRegisteredData,
  vendorDecider,
} from './vendor.js';

const given = deciderSpecification(vendorDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-04-01T09:00:00Z'),
  recordedBy: 'registry.admin@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000006',
  causationId: null,
};

const vendor: VendorRegisteredData = {
  vendorId: 'acme-radio',
  name: 'Acme Radio (synthetic)',
  origin: 'DE',
  highRisk: false,
  riskBasis: null,
};

const REGISTERED_AT = '2026-01-01T00:00:00.000Z';

function register(overrides: Partial<RegisterVendor> = {}): RegisterVendor {
  return { type: 'RegisterVendor', occurredAt: new Date(REGISTERED_AT), vendor, metadata, ...overrides };
}

function registered(): VendorRegistered {
  return {
    type: VENDOR_REGISTERED,
    schemaVersion: 1,
    country: 'DE',
    occurredAt: REGISTERED_AT,
    classification: 'unclassified',
    source: null,
    confidence: null,
    data: vendor,
  };
}

function reclassify(overrides: Partial<ReclassifyVendorRisk> = {}): ReclassifyVendorRisk {
  return {
    type: 'ReclassifyVendorRisk',
    occurredAt: new Date('2026-03-15T00:00:00Z'),
    highRisk: true,
    riskBasis: 'Synthetic: added to a national restricted list',
    metadata,
    ...overrides,
  };
}

function reclassified(): VendorEvent {
  return {
    type: VENDOR_RISK_RECLASSIFIED,
    schemaVersion: 1,
    country: 'DE',
    occurredAt: '2026-03-15T00:00:00.000Z',
    classification: 'unclassified',
    source: 'Synthetic: added to a national restricted list',
    confidence: null,
    data: {
      vendorId: 'acme-radio',
      highRisk: true,
      riskBasis: 'Synthetic: added to a national restricted list',
    },
  };
}

describe('vendor: registering', () => {
  it('records the vendor as VendorRegistered, unclassified, with its origin as country', () => {
    given([]).when(register()).thenEmits([registered()]);
  });

  it('uses the risk basis as the event’s source', () => {
    const covered = { ...vendor, highRisk: true, riskBasis: 'US FCC Covered List' };
    given([])
      .when(register({ vendor: covered }))
      .thenEmits([{ ...registered(), source: 'US FCC Covered List', data: covered }]);
  });

  it('refuses to register a vendor twice', () => {
    given([registered()]).when(register()).thenRefuses('ALREADY_RECORDED', { entity: 'vendor' });
  });

  it('refuses a registration dated in the future', () => {
    given([])
      .when(register({ occurredAt: new Date('2026-04-02T00:00:00Z') }))
      .thenRefuses('OCCURRED_IN_FUTURE');
  });
});

describe('vendor: reclassifying risk', () => {
  it('records the new flag as VendorRiskReclassified, unclassified, with the origin as country', () => {
    given([registered()]).when(reclassify()).thenEmits([reclassified()]);
  });

  it('ignores a country or classification the command tries to give the event', () => {
    const stray = { ...reclassify(), country: 'SY', classification: 'secret' } as ReclassifyVendorRisk;
    given([registered()]).when(stray).thenEmits([reclassified()]);
  });

  it('changes the vendor’s high-risk flag and basis', () => {
    const state = [registered(), reclassified()].reduce(vendorDecider.evolve, vendorDecider.initialState());
    expect(state).toMatchObject({
      highRisk: true,
      riskBasis: 'Synthetic: added to a national restricted list',
    });
  });

  it('refuses a reclassification to the flag the vendor already has', () => {
    given([registered()])
      .when(reclassify({ highRisk: false }))
      .thenRefuses('RISK_UNCHANGED', { field: 'highRisk', highRisk: false });
  });

  it('refuses to reclassify a vendor that was never registered', () => {
    given([]).when(reclassify()).thenRefuses('VENDOR_NOT_FOUND');
  });
});

describe('vendor catalogue', () => {
  it('lists each vendor id once', () => {
    const ids = VENDOR_CATALOGUE.map((v) => v.vendorId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(['huawei', 'zte'])('flags %s as high-risk with a stated basis', (vendorId) => {
    expect(VENDOR_CATALOGUE.find((v) => v.vendorId === vendorId)).toMatchObject({
      highRisk: true,
      riskBasis: expect.stringContaining('Covered List'),
    });
  });

  it('states a basis for every high-risk vendor', () => {
    const unexplained = VENDOR_CATALOGUE.filter((v) => v.highRisk && !v.riskBasis).map((v) => v.vendorId);
    expect(unexplained).toEqual([]);
  });
});
