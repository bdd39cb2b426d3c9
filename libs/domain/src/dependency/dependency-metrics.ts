import { NETWORK_DOMAINS, type NetworkDomain, UNIT_KINDS, type UnitKind } from '../shared/equipment.js';
import { type MoneyView, minorView } from '../shared/money.js';

export { NETWORK_DOMAINS, type NetworkDomain } from '../shared/equipment.js';

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
  /** Minor units of `currency`. */
  readonly value: bigint;
  readonly currency: string | null;
}

/** What a figure counts: a number of sites or units on the units basis, money on the value basis. */
export type FigureAmount = number | MoneyView;

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
  readonly amount: FigureAmount;
  readonly sharePercent: number;
}

/** One country of origin's part of a domain, all its vendors together. */
export interface OriginShare {
  readonly origin: string;
  readonly amount: FigureAmount;
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
  readonly total: FigureAmount;
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

/**
 * The share of `total` that `amount` is, in percent rounded to hundredths (half up), from exact integers: no
 * float is formed before the ratio.
 */
function sharePercent(amount: bigint, total: bigint): number {
  if (total <= 0n) return 0;
  return Number((amount * 20_000n + total) / (2n * total)) / 100;
}

function amountOf(holding: Holding, basis: DependencyBasis): bigint {
  return basis === 'units' ? BigInt(holding.units) : holding.value;
}

function inScope(domain: NetworkDomain | 'all'): (holding: Holding) => boolean {
  return (holding) => domain === 'all' || holding.domain === domain;
}

function sumByKey<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => bigint) {
  const sums = new Map<string, bigint>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0n) + amount(item));
  return sums;
}

function byAmountThen<T extends { readonly amount: bigint }>(tieBreak: (item: T) => string) {
  return (a: T, b: T): number => {
    if (a.amount !== b.amount) return b.amount > a.amount ? 1 : -1;
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
function vendorAmounts(holdings: readonly Holding[], basis: DependencyBasis): Map<string, bigint> {
  const sums = sumByKey(
    holdings,
    (h) => h.vendorId,
    (h) => amountOf(h, basis),
  );
  return new Map([...sums].filter(([, amount]) => amount > 0n));
}

/** A vendor's part while the figure is worked out: its amount an exact integer (units, or minor units). */
interface Counted {
  readonly vendorId: string;
  readonly name: string;
  readonly origin: string;
  readonly highRisk: boolean | null;
  readonly amount: bigint;
}

function counted(amounts: Map<string, bigint>, profile: (vendorId: string) => VendorProfile): Counted[] {
  return [...amounts]
    .map(([vendorId, amount]) => {
      const { name, origin, highRisk } = profile(vendorId);
      return { vendorId, name, origin, highRisk, amount };
    })
    .sort(byAmountThen((v) => v.vendorId));
}

function originShares(
  vendors: readonly Counted[],
  total: bigint,
  present: (amount: bigint) => FigureAmount,
): OriginShare[] {
  const sums = sumByKey(
    vendors,
    (v) => v.origin,
    (v) => v.amount,
  );
  return [...sums]
    .map(([origin, amount]) => ({ origin, amount }))
    .sort(byAmountThen((o) => o.origin))
    .map(({ origin, amount }) => ({
      origin,
      amount: present(amount),
      sharePercent: sharePercent(amount, total),
    }));
}

/**
 * The HHI from the unrounded shares, so the rounding of displayed percentages does not skew the index:
 * Σ (100·aᵢ/T)² = 10,000·Σaᵢ²/T², computed on integers and rounded half up.
 */
function herfindahl(vendors: readonly Counted[], total: bigint): number {
  if (total <= 0n) return 0;
  const squares = vendors.reduce((sum, v) => sum + v.amount * v.amount, 0n);
  const denominator = total * total;
  return Number((squares * 20_000n + denominator) / (2n * denominator));
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
  return basis === 'units' ? (h) => h.unitKind === measure : (h) => h.currency === measure && h.value !== 0n;
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
  const parts = counted(vendorAmounts(considered, basis), profile);
  const total = parts.reduce((sum, v) => sum + v.amount, 0n);
  // Units are counts; value amounts are minor units of the figure's currency, answered as money.
  const present = (amount: bigint): FigureAmount =>
    basis === 'units' ? Number(amount) : minorView(amount, measure);
  const amountWhere = (flag: boolean | null) =>
    parts.filter((v) => v.highRisk === flag).reduce((sum, v) => sum + v.amount, 0n);
  const hhi = herfindahl(parts, total);
  return {
    domain,
    basis,
    unitKind: basis === 'units' ? (measure as UnitKind) : null,
    currency: basis === 'value' ? measure : null,
    total: present(total),
    vendorCount: parts.length,
    vendors: parts.map((v) => ({
      ...v,
      amount: present(v.amount),
      sharePercent: sharePercent(v.amount, total),
    })),
    origins: originShares(parts, total, present),
    highRiskSharePercent: sharePercent(amountWhere(true), total),
    unknownRiskSharePercent: sharePercent(amountWhere(null), total),
    hhi,
    band: total === 0n ? null : concentrationBand(hhi),
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
    ...new Set(scoped.flatMap((h) => (h.currency !== null && h.value !== 0n ? [h.currency] : []))),
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
