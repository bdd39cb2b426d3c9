import type pg from 'pg';
import { type Holding, type NetworkDomain, UNKNOWN_ORIGIN, type VendorProfile } from '#domain';
import { HOLDINGS_AT, type HoldingRow } from './dependency.sql.js';

/** What the dependency metrics take for one country at one instant. */
export interface HoldingsSnapshot {
  readonly holdings: Holding[];
  readonly vendors: VendorProfile[];
}

function emptySnapshot(): HoldingsSnapshot {
  return { holdings: [], vendors: [] };
}

/**
 * Holdings and vendor profiles (with the high-risk flag of each instant) per country at each of `points`, in one
 * query. Every country with holdings gets one snapshot per point, in the order of `points`.
 */
export async function holdingsAt(
  pool: pg.Pool,
  args: {
    readonly country: string | null;
    readonly points: readonly Date[];
    readonly domain: NetworkDomain | null;
  },
): Promise<Map<string, HoldingsSnapshot[]>> {
  const { rows } = await pool.query<HoldingRow>(HOLDINGS_AT, [args.country, args.points, args.domain]);
  const byCountry = new Map<string, HoldingsSnapshot[]>();
  for (const row of rows) {
    let snapshots = byCountry.get(row.country);
    if (!snapshots) {
      snapshots = args.points.map(emptySnapshot);
      byCountry.set(row.country, snapshots);
    }
    const snapshot = snapshots[row.ord - 1];
    if (!snapshot) continue;
    snapshot.holdings.push({
      domain: row.domain as NetworkDomain,
      vendorId: row.vendor_id,
      units: row.units,
      value: row.value,
      currency: row.currency,
    });
    // Unregistered vendors get the metrics' own fallback (unknown origin, not high-risk).
    if (row.name !== null && !snapshot.vendors.some((v) => v.vendorId === row.vendor_id)) {
      snapshot.vendors.push({
        vendorId: row.vendor_id,
        name: row.name,
        origin: row.origin ?? UNKNOWN_ORIGIN,
        highRisk: row.high_risk ?? false,
      });
    }
  }
  return byCountry;
}

/** One country's snapshot at the point of that index; empty if it has no holdings then. */
export function snapshotOf(
  byCountry: Map<string, HoldingsSnapshot[]>,
  country: string,
  index: number,
): HoldingsSnapshot {
  return byCountry.get(country)?.[index] ?? emptySnapshot();
}

/** The currency values are counted in (null when none is stated); the metrics refuse mixed currencies. */
export function currencyOf(holdings: readonly Holding[]): string | null {
  const currencies = new Set(holdings.flatMap((h) => (h.currency === null ? [] : [h.currency])));
  return currencies.size === 1 ? ([...currencies][0] ?? null) : null;
}
