// Vendor registry stream (libs/domain/src/vendor). Its events carry the vendor's origin as `ce_country` and are
// keyed on Kafka by their stream (`vendor-<vendorId>`), not by a country.
import { type Static, Type } from 'typebox';
import { CountryCode, Described, eventData, type Immutable, Nullable, Text, VendorId } from './shared.js';

/** Event type: a vendor entered the registry. */
export const VENDOR_REGISTERED = 'VendorRegistered';
/** Event type: a vendor's high-risk flag changed. */
export const VENDOR_RISK_RECLASSIFIED = 'VendorRiskReclassified';

/** VendorRegistered data, schema version 1. */
export const VendorRegisteredV1 = eventData(
  VENDOR_REGISTERED,
  1,
  'A telecom vendor entered the registry, with its country of origin and whether it is high-risk. Contracts name only registered vendors.',
  {
    vendorId: VendorId,
    name: Text,
    origin: CountryCode,
    highRisk: Type.Boolean(),
    riskBasis: Nullable(Described(Text, 'Why it is (or is not) high-risk, e.g. "US FCC Covered List".')),
  },
);
/** VendorRegistered data (newest version). */
export type VendorRegisteredData = Immutable<Static<typeof VendorRegisteredV1>>;

/** VendorRiskReclassified data, schema version 1. */
export const VendorRiskReclassifiedV1 = eventData(
  VENDOR_RISK_RECLASSIFIED,
  1,
  "A vendor's high-risk flag changed from `occurredAt` on; dependency figures before then keep the old flag.",
  { vendorId: VendorId, highRisk: Type.Boolean(), riskBasis: Text },
);
/** VendorRiskReclassified data (newest version). */
export type VendorRiskReclassifiedData = Immutable<Static<typeof VendorRiskReclassifiedV1>>;
