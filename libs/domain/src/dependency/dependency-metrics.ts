import { CommandRejectedError } from '../shared/errors.js';

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

/** What a share is counted in: installed units/sites, or contract value. */
export const DEPENDENCY_BASES = ['units', 'value'] as const;
/** What a share is counted in. */
export type DependencyBasis = (typeof DEPENDENCY_BASES)[number];

/** Telecom concentration band of an HHI (DOMAIN.md: < 0.10, 0.10–0.18, > 0.18 normalised). */
export type ConcentrationBand = 'unconcentrated' | 'moderate' | 'high';

/** Equipment of one vendor in one network domain that is in service at the date asked about. */
export interface Holding {
  readonly domain: NetworkDomain;
  readonly vendorId: string;
  readonly units: number;
  readonly value: number;
  readonly currency: string | null;
}

/** What the vendor registry says about a vendor at that date. */
export interface VendorProfile {
  readonly vendorId: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly origin: string;
  readonly highRisk: boolean;
}

/** One vendor's part of a domain. */
export interface VendorShare {
  readonly vendorId: string;
  readonly name: string;
  readonly origin: string;
  readonly highRisk: boolean;
  readonly amount: number;
  readonly sharePercent: number;
}

/** One country of origin's part of a domain, all its vendors together. */
export interface OriginShare {
  readonly origin: string;
  readonly amount: number;
  readonly sharePercent: number;
}

/** How dependent one domain (or the whole network) is on its vendors, on one basis. */
export interface DomainDependency {
  readonly domain: NetworkDomain | 'all';
  readonly basis: DependencyBasis;
  readonly total: number;
  readonly vendorCount: number;
  readonly vendors: VendorShare[];
  readonly origins: OriginShare[];
  readonly highRiskSharePercent: number;
  readonly hhi: number;
  readonly band: ConcentrationBand | null;
  readonly highRiskInCore: boolean;
}

/** Origin given to a vendor the registry does not know (ISO user-assigned "unknown"). */
export const UNKNOWN_ORIGIN = 'ZZ';

const MODERATE_FROM_HHI = 1000;
const HIGH_ABOVE_HHI = 1800;

/** Places an HHI on the 0–10,000 scale into its telecom concentration band. */
export function concentrationBand(hhi: number): ConcentrationBand {
  if (hhi < MODERATE_FROM_HHI) return 'unconcentrated';
  if (hhi <= HIGH_ABOVE_HHI) return 'moderate';
  return 'high';
}

function roundTo2(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100)) / 100;
}

function percentOf(amount: number, total: number): number {
  return total === 0 ? 0 : (amount * 100) / total;
}

function amountOf(holding: Holding, basis: DependencyBasis): number {
  return basis === 'units' ? holding.units : holding.value;
}

function inScope(domain: NetworkDomain | 'all'): (holding: Holding) => boolean {
  return (holding) => domain === 'all' || holding.domain === domain;
}

function assertSingleCurrency(holdings: readonly Holding[], basis: DependencyBasis): void {
  if (basis !== 'value') return;
  const currencies = [...new Set(holdings.flatMap((h) => (h.currency === null ? [] : [h.currency])))].sort();
  if (currencies.length > 1) {
    throw new CommandRejectedError(
      'MIXED_CURRENCIES',
      `Values in ${currencies.join(', ')} cannot be added into one share; measure them separately.`,
      { currencies },
    );
  }
}

function sumByKey<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => number) {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + amount(item));
  return sums;
}

function byAmountThen<T extends { readonly amount: number }>(tieBreak: (item: T) => string) {
  return (a: T, b: T): number => {
    if (a.amount !== b.amount) return b.amount - a.amount;
    const ka = tieBreak(a);
    const kb = tieBreak(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

function profileLookup(vendors: readonly VendorProfile[]): (vendorId: string) => VendorProfile {
  const known = new Map(vendors.map((v) => [v.vendorId, v]));
  return (vendorId) =>
    known.get(vendorId) ?? { vendorId, name: vendorId, origin: UNKNOWN_ORIGIN, highRisk: false };
}

/** Vendors still holding something; a vendor netted to zero or below by replacements has no share. */
function vendorAmounts(holdings: readonly Holding[], basis: DependencyBasis): Map<string, number> {
  const sums = sumByKey(
    holdings,
    (h) => h.vendorId,
    (h) => amountOf(h, basis),
  );
  return new Map([...sums].filter(([, amount]) => amount > 0));
}

function vendorShares(
  amounts: Map<string, number>,
  profile: (vendorId: string) => VendorProfile,
  total: number,
): VendorShare[] {
  return [...amounts]
    .map(([vendorId, amount]) => {
      const { name, origin, highRisk } = profile(vendorId);
      return { vendorId, name, origin, highRisk, amount, sharePercent: roundTo2(percentOf(amount, total)) };
    })
    .sort(byAmountThen((v) => v.vendorId));
}

function originShares(vendors: readonly VendorShare[], total: number): OriginShare[] {
  const sums = sumByKey(
    vendors,
    (v) => v.origin,
    (v) => v.amount,
  );
  return [...sums]
    .map(([origin, amount]) => ({ origin, amount, sharePercent: roundTo2(percentOf(amount, total)) }))
    .sort(byAmountThen((o) => o.origin));
}

/** Squares the unrounded shares so the rounding of displayed percentages does not skew the index. */
function herfindahl(vendors: readonly VendorShare[], total: number): number {
  return Math.round(vendors.reduce((sum, v) => sum + percentOf(v.amount, total) ** 2, 0));
}

function hasHighRiskInCore(
  holdings: readonly Holding[],
  basis: DependencyBasis,
  profile: (vendorId: string) => VendorProfile,
): boolean {
  const core = vendorAmounts(
    holdings.filter((h) => h.domain === 'core'),
    basis,
  );
  return [...core.keys()].some((vendorId) => profile(vendorId).highRisk);
}

/** Measures vendor shares, origins, HHI and high-risk exposure of one domain, or of all domains together. */
export function dependencyMetrics(
  holdings: readonly Holding[],
  vendors: readonly VendorProfile[],
  basis: DependencyBasis,
  domain: NetworkDomain | 'all',
): DomainDependency {
  const considered = holdings.filter(inScope(domain));
  assertSingleCurrency(considered, basis);
  const profile = profileLookup(vendors);
  const amounts = vendorAmounts(considered, basis);
  const total = [...amounts.values()].reduce((sum, amount) => sum + amount, 0);
  const shares = vendorShares(amounts, profile, total);
  const highRiskAmount = shares.filter((v) => v.highRisk).reduce((sum, v) => sum + v.amount, 0);
  const hhi = herfindahl(shares, total);
  return {
    domain,
    basis,
    total,
    vendorCount: shares.length,
    vendors: shares,
    origins: originShares(shares, total),
    highRiskSharePercent: roundTo2(percentOf(highRiskAmount, total)),
    hhi,
    band: total === 0 ? null : concentrationBand(hhi),
    highRiskInCore: hasHighRiskInCore(considered, basis, profile),
  };
}

/** One entry per domain that has holdings (in NETWORK_DOMAINS order). */
export function dependencyByDomain(
  holdings: readonly Holding[],
  vendors: readonly VendorProfile[],
  basis: DependencyBasis,
): DomainDependency[] {
  return NETWORK_DOMAINS.filter((domain) => holdings.some((h) => h.domain === domain)).map((domain) =>
    dependencyMetrics(holdings, vendors, basis, domain),
  );
}
