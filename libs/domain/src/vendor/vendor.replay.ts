import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import {
  VENDOR_REGISTERED,
  VENDOR_RISK_RECLASSIFIED,
  type VendorCommand,
  type VendorEvent,
} from './vendor.js';

/** The command that records a vendor registry event, for replaying its stream through the decider. */
export function vendorCommandOf(event: RecordedOf<VendorEvent>): VendorCommand {
  const facts = { occurredAt: occurredAtOf(event), metadata: replayMetadata(event) };
  switch (event.type) {
    case VENDOR_REGISTERED:
      return { type: 'RegisterVendor', ...facts, vendor: event.data };
    case VENDOR_RISK_RECLASSIFIED:
      return {
        type: 'ReclassifyVendorRisk',
        ...facts,
        highRisk: event.data.highRisk,
        riskBasis: event.data.riskBasis,
      };
    default:
      return assertNever(event);
  }
}
