/**
 * The two vocabularies a contract and a dependency figure share. They live here, not in either module, so the
 * contract stream and the dependency measure do not import each other.
 */

/** The network domains a vendor share is measured in. */
export const NETWORK_DOMAINS = [
  'ran',
  'core',
  'transport',
  'network-management',
  'cloud-data-centre',
  'subsea',
] as const;
/** One of the network domains a vendor share is measured in. */
export type NetworkDomain = (typeof NETWORK_DOMAINS)[number];

/** What a contract's units count: radio sites, or pieces of equipment. */
export const UNIT_KINDS = ['sites', 'units'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
