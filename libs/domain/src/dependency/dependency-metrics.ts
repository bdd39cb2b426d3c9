import { UNIT_KINDS, type UnitKind } from '../contract/contract.js';

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

/**
 * Concentration band of an HHI on the 0–10,000 scale, by the US merger guidelines of 1992/1997 (< 1,000
 * unconcentrated, 1,000–1,800 moderate, > 1,800 high; the 2023 guidelines keep > 1,800 as highly
 * concentrated). These come from antitrust, not telecom policy.
 */
export type ConcentrationBand = 'unconcentrated' | 'moderate' | 'high';

/** Equipment of one vendor in one network domain that is in service at the date asked about. */
export interface Holding {
  readonly domain: NetworkDomain;
  /** What `units` counts: sites or equipment units. Never added together. */
  readonly unitKind: UnitKind;
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
  /** Null before the vendor's first classification: unknown, never guessed. */
  readonly highRisk: boolean | null;
}

/** One vendor's part of a domain. */
export interface VendorShare {
  readonly vendorId: string;
  readonly name: string;
  readonly origin: string;
  readonly highRisk: boolean | null;
  readonly amount: number;
  readonly sharePercent: number;
}

/** One country of origin's part of a domain, all its vendors together. */
export interface OriginShare {
  readonly origin: string;
  readonly amount: number;
  readonly sharePercent: number;
}

/**
 * How dependent one domain (or the whole network) is on its vendors: one figure, in one unit. On the units
 * basis it counts one `unitKind`; on the value basis one `currency`.
 */
export interface DomainDependency {
  readonly domain: NetworkDomain | 'all';
  readonly basis: DependencyBasis;
  /** On the units basis, what is counted; null on the value basis. */
  readonly unitKind: UnitKind | null;
  /** On the value basis, the currency; null on the units basis. */
  readonly currency: string | null;
  readonly total: number;
  readonly vendorCount: number;
  readonly vendors: VendorShare[];
  readonly origins: OriginShare[];
  /** Share held by vendors flagged high-risk; vendors of unknown risk are not counted in it. */
  readonly highRiskSharePercent: number;
  /** Share held by vendors not yet classified at the date. */
  readonly unknownRiskSharePercent: number;
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
    known.get(vendorId) ?? { vendorId, name: vendorId, origin: UNKNOWN_ORIGIN, highRisk: null };
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
  return [...core.keys()].some((vendorId) => profile(vendorId).highRisk === true);
}

/** What one figure counts: a unit kind on the units basis, a currency on the value basis. */
export type Measure = UnitKind | string;

function inMeasure(basis: DependencyBasis, measure: Measure): (holding: Holding) => boolean {
  return basis === 'units' ? (h) => h.unitKind === measure : (h) => h.currency === measure && h.value !== 0;
}

/**
 * Measures vendor shares, origins, HHI and high-risk exposure of one domain, or of all domains together, in one
 * measure (a unit kind, or a currency): sites are never added to units, nor one currency to another.
 */
export function dependencyMetrics(
  holdings: readonly Holding[],
  vendors: readonly VendorProfile[],
  basis: DependencyBasis,
  domain: NetworkDomain | 'all',
  measure: Measure,
): DomainDependency {
  const considered = holdings.filter(inScope(domain)).filter(inMeasure(basis, measure));
  const profile = profileLookup(vendors);
  const amounts = vendorAmounts(considered, basis);
  const total = [...amounts.values()].reduce((sum, amount) => sum + amount, 0);
  const shares = vendorShares(amounts, profile, total);
  const amountWhere = (flag: boolean | null) =>
    shares.filter((v) => v.highRisk === flag).reduce((sum, v) => sum + v.amount, 0);
  const hhi = herfindahl(shares, total);
  return {
    domain,
    basis,
    unitKind: basis === 'units' ? (measure as UnitKind) : null,
    currency: basis === 'value' ? measure : null,
    total,
    vendorCount: shares.length,
    vendors: shares,
    origins: originShares(shares, total),
    highRiskSharePercent: roundTo2(percentOf(amountWhere(true), total)),
    unknownRiskSharePercent: roundTo2(percentOf(amountWhere(null), total)),
    hhi,
    band: total === 0 ? null : concentrationBand(hhi),
    highRiskInCore: hasHighRiskInCore(considered, basis, profile),
  };
}

/** The measures present among the holdings of a scope: unit kinds in UNIT_KINDS order, or currencies A–Z. */
export function measuresOf(
  holdings: readonly Holding[],
  basis: DependencyBasis,
  domain: NetworkDomain | 'all',
): Measure[] {
  const scoped = holdings.filter(inScope(domain));
  if (basis === 'units')
    return UNIT_KINDS.filter((kind) => scoped.some((h) => h.unitKind === kind && h.units > 0));
  return [
    ...new Set(scoped.flatMap((h) => (h.currency !== null && h.value !== 0 ? [h.currency] : []))),
  ].sort();
}

/** One figure per measure present in the scope (a domain holding sites and units answers two). */
export function dependencyFigures(
  holdings: readonly Holding[],
  vendors: readonly VendorProfile[],
  basis: DependencyBasis,
  domain: NetworkDomain | 'all',
): DomainDependency[] {
  return measuresOf(holdings, basis, domain).map((measure) =>
    dependencyMetrics(holdings, vendors, basis, domain, measure),
  );
}

/** Figures for each domain that has holdings (in NETWORK_DOMAINS order), one per measure. */
export function dependencyByDomain(
  holdings: readonly Holding[],
  vendors: readonly VendorProfile[],
  basis: DependencyBasis,
): DomainDependency[] {
  return NETWORK_DOMAINS.flatMap((domain) => dependencyFigures(holdings, vendors, basis, domain));
}
