import type { VendorSnapshot } from '../contract/contract.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { alreadyRecorded, assertHappened, notRecorded } from '../shared/entry-facts.js';
import { CommandRejectedError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent, EventFacts } from '../shared/event.js';

export const VENDOR_REGISTERED = 'VendorRegistered';
export const VENDOR_RISK_RECLASSIFIED = 'VendorRiskReclassified';

export interface VendorRegisteredData {
  readonly vendorId: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country of origin. */
  readonly origin: string;
  readonly highRisk: boolean;
  /** Why it is (or is not) high-risk, e.g. "US FCC Covered List". */
  readonly riskBasis: string | null;
}
export interface VendorRiskReclassifiedData {
  readonly vendorId: string;
  readonly highRisk: boolean;
  readonly riskBasis: string;
}

/** A vendor entered the registry; its events carry the origin country as `country`. */
export type VendorRegistered = DomainEvent<typeof VENDOR_REGISTERED, VendorRegisteredData>;
/** A vendor's high-risk flag changed from `occurredAt` on; earlier dependency figures keep the old flag. */
export type VendorRiskReclassified = DomainEvent<typeof VENDOR_RISK_RECLASSIFIED, VendorRiskReclassifiedData>;
export type VendorEvent = VendorRegistered | VendorRiskReclassified;

export interface RegisterVendor {
  readonly type: 'RegisterVendor';
  readonly occurredAt: Date;
  readonly vendor: VendorRegisteredData;
  readonly metadata: CommandMetadata;
}
export interface ReclassifyVendorRisk {
  readonly type: 'ReclassifyVendorRisk';
  readonly occurredAt: Date;
  readonly highRisk: boolean;
  readonly riskBasis: string;
  readonly metadata: CommandMetadata;
}
export type VendorCommand = RegisterVendor | ReclassifyVendorRisk;

export type VendorState =
  | { readonly status: 'unrecorded' }
  | (VendorRegisteredData & { readonly status: 'registered'; readonly occurredAt: string });

export function vendorStreamId(vendorId: string): string {
  return `vendor-${vendorId}`;
}

function facts(origin: string, occurredAt: Date, source: string | null): EventFacts {
  return {
    country: origin,
    occurredAt: occurredAt.toISOString(),
    classification: 'unclassified',
    source,
    confidence: null,
  };
}

/** Rules of the vendor registry: registered once; a reclassification must change the flag. */
export const vendorDecider: Decider<VendorCommand, VendorEvent, VendorState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    assertHappened(command.occurredAt, command.metadata);
    switch (command.type) {
      case 'RegisterVendor':
        if (state.status !== 'unrecorded') alreadyRecorded('vendor');
        return [
          {
            type: VENDOR_REGISTERED,
            schemaVersion: 1,
            ...facts(command.vendor.origin, command.occurredAt, command.vendor.riskBasis),
            data: command.vendor,
          },
        ];
      case 'ReclassifyVendorRisk':
        if (state.status === 'unrecorded') return notRecorded('vendor');
        if (state.highRisk === command.highRisk) {
          throw new CommandRejectedError(
            'RISK_UNCHANGED',
            `The vendor is already ${state.highRisk ? '' : 'not '}high-risk.`,
            {
              field: 'highRisk',
              highRisk: state.highRisk,
            },
          );
        }
        return [
          {
            type: VENDOR_RISK_RECLASSIFIED,
            schemaVersion: 1,
            ...facts(state.origin, command.occurredAt, command.riskBasis),
            data: { vendorId: state.vendorId, highRisk: command.highRisk, riskBasis: command.riskBasis },
          },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case VENDOR_REGISTERED:
        return { ...event.data, status: 'registered', occurredAt: event.occurredAt };
      case VENDOR_RISK_RECLASSIFIED:
        return state.status === 'unrecorded'
          ? state
          : { ...state, highRisk: event.data.highRisk, riskBasis: event.data.riskBasis };
      default:
        return assertNever(event);
    }
  },
};

/** The registry's view of a vendor as a contract records it; a contract names only registered vendors. */
export function vendorSnapshot(vendorId: string, state: VendorState, field: string): VendorSnapshot {
  if (state.status === 'unrecorded') {
    throw new CommandRejectedError('UNKNOWN_VENDOR', `No vendor "${vendorId}" is registered.`, {
      field,
      vendorId,
    });
  }
  return {
    vendorId: state.vendorId,
    vendorName: state.name,
    vendorOrigin: state.origin,
    vendorHighRisk: state.highRisk,
  };
}

const COVERED = 'US FCC Covered List (47 CFR 1.50002), published 2021-03-12';

/** The registry every installation starts with: the usual RAN/core vendors, high-risk per the FCC Covered List. */
export const VENDOR_CATALOGUE: readonly VendorRegisteredData[] = [
  { vendorId: 'huawei', name: 'Huawei', origin: 'CN', highRisk: true, riskBasis: COVERED },
  { vendorId: 'zte', name: 'ZTE', origin: 'CN', highRisk: true, riskBasis: COVERED },
  { vendorId: 'hytera', name: 'Hytera', origin: 'CN', highRisk: true, riskBasis: COVERED },
  { vendorId: 'hikvision', name: 'Hikvision', origin: 'CN', highRisk: true, riskBasis: COVERED },
  { vendorId: 'dahua', name: 'Dahua', origin: 'CN', highRisk: true, riskBasis: COVERED },
  { vendorId: 'ericsson', name: 'Ericsson', origin: 'SE', highRisk: false, riskBasis: null },
  { vendorId: 'nokia', name: 'Nokia', origin: 'FI', highRisk: false, riskBasis: null },
  { vendorId: 'samsung', name: 'Samsung Networks', origin: 'KR', highRisk: false, riskBasis: null },
  { vendorId: 'cisco', name: 'Cisco', origin: 'US', highRisk: false, riskBasis: null },
  { vendorId: 'juniper', name: 'Juniper Networks', origin: 'US', highRisk: false, riskBasis: null },
  { vendorId: 'ciena', name: 'Ciena', origin: 'US', highRisk: false, riskBasis: null },
  { vendorId: 'mavenir', name: 'Mavenir', origin: 'US', highRisk: false, riskBasis: null },
  { vendorId: 'nec', name: 'NEC', origin: 'JP', highRisk: false, riskBasis: null },
  { vendorId: 'fujitsu', name: 'Fujitsu', origin: 'JP', highRisk: false, riskBasis: null },
  { vendorId: 'subcom', name: 'SubCom', origin: 'US', highRisk: false, riskBasis: null },
  { vendorId: 'asn', name: 'Alcatel Submarine Networks', origin: 'FR', highRisk: false, riskBasis: null },
  {
    vendorId: 'hmn-tech',
    name: 'HMN Technologies',
    origin: 'CN',
    highRisk: true,
    riskBasis: 'Majority-owned by a Covered List company until 2020; US Entity List',
  },
];

/** When the catalogue's classifications are taken to start. */
export const VENDOR_CATALOGUE_DATE = '2021-03-12T00:00:00Z';
