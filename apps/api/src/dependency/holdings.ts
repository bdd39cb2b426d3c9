import type pg from 'pg';
import {
  type Holding,
  type LedgerRow,
  type NetworkDomain,
  profilesAt,
  type ReadScope,
  type RiskList,
  type UnitKind,
  type VendorClassification,
  type VendorIdentity,
  type VendorProfile,
} from '#domain';
import { scopeParams } from '../timeline/read-scope.sql.js';
import {
  HOLDINGS_AT,
  type HoldingRow,
  LEDGER_ROWS,
  type LedgerDbRow,
  VENDOR_FLAGS,
  type VendorFlagRow,
} from './dependency.sql.js';

/** What the dependency metrics take for one country at one instant. */
export interface HoldingsSnapshot {
  readonly holdings: Holding[];
  readonly vendors: VendorProfile[];
}

/**
 * The reader's view: figures as known at `knownAt`, with flags by `riskList`, from the contracts `scope` may see
 * (its clearance and countries) and no others.
 */
export interface Knowledge {
  readonly knownAt: Date;
  readonly riskList: RiskList;
  readonly scope: ReadScope;
}

/** Vendors' names, origins and flag histories, as known then. */
export interface VendorRegistryView {
  readonly identities: VendorIdentity[];
  readonly classifications: VendorClassification[];
}

/** The registry entries and flag histories of the vendors named, as known at `knownAt`. */
export async function vendorRegistry(
  pool: pg.Pool,
  vendorIds: readonly string[],
  knownAt: Date,
): Promise<VendorRegistryView> {
  const { rows } = await pool.query<VendorFlagRow>(VENDOR_FLAGS, [[...new Set(vendorIds)], knownAt]);
  const identities = new Map<string, VendorIdentity>();
  const classifications: VendorClassification[] = [];
  for (const row of rows) {
    if (row.name !== null) {
      identities.set(row.vendor_id, { vendorId: row.vendor_id, name: row.name, origin: row.origin ?? 'ZZ' });
    }
    if (row.effective_at && row.high_risk !== null) {
      classifications.push({
        vendorId: row.vendor_id,
        effectiveAt: row.effective_at,
        highRisk: row.high_risk,
        eventId: row.event_id ?? '',
        eventType: row.event_type ?? '',
      });
    }
  }
  return { identities: [...identities.values()], classifications };
}

/** What each country held at each of `points` (one list per point, in their order), as the reader may see it. */
async function holdingRowsAt(
  pool: pg.Pool,
  args: {
    readonly country: string | null;
    readonly points: readonly Date[];
    readonly domain: NetworkDomain | null;
    readonly knownAt: Date;
    readonly scope: ReadScope;
  },
): Promise<Map<string, Holding[][]>> {
  const { rows } = await pool.query<HoldingRow>(HOLDINGS_AT, [
    args.country,
    args.points,
    args.domain,
    args.knownAt,
    ...scopeParams(args.scope),
  ]);
  const byCountry = new Map<string, Holding[][]>();
  for (const row of rows) {
    let snapshots = byCountry.get(row.country);
    if (!snapshots) {
      snapshots = args.points.map(() => []);
      byCountry.set(row.country, snapshots);
    }
    snapshots[row.ord - 1]?.push({
      domain: row.domain as NetworkDomain,
      unitKind: row.unit_kind as UnitKind,
      vendorId: row.vendor_id,
      units: row.units,
      value: BigInt(row.value),
      currency: row.currency,
    });
  }
  return byCountry;
}

/**
 * Holdings and vendor profiles per country at each of `points`, in two queries, as known at `knownAt`; each
 * vendor's flag as the risk list gives it at that point. Every country with holdings gets one snapshot per
 * point, in the order of `points`.
 */
export async function holdingsAt(
  pool: pg.Pool,
  args: {
    readonly country: string | null;
    readonly points: readonly Date[];
    readonly domain: NetworkDomain | null;
  } & Knowledge,
): Promise<Map<string, HoldingsSnapshot[]>> {
  const byCountry = await holdingRowsAt(pool, args);
  const registry = await vendorRegistry(
    pool,
    [...byCountry.values()].flat(2).map((h) => h.vendorId),
    args.knownAt,
  );
  const result = new Map<string, HoldingsSnapshot[]>();
  for (const [country, snapshots] of byCountry) {
    result.set(
      country,
      snapshots.map((holdings, i) => ({
        holdings,
        vendors: profilesAt(
          holdings,
          registry.identities,
          registry.classifications,
          args.points[i] as Date,
          args.riskList,
        ),
      })),
    );
  }
  return result;
}

/** One country's snapshot at the point of that index; empty if it has no holdings then. */
export function snapshotOf(
  byCountry: Map<string, HoldingsSnapshot[]>,
  country: string,
  index: number,
): HoldingsSnapshot {
  return byCountry.get(country)?.[index] ?? { holdings: [], vendors: [] };
}

/** A country's ledger over a range: what it held at the range's start, and the rows after it. */
export interface LedgerRange {
  readonly opening: Holding[];
  readonly ledger: LedgerRow[];
}

/**
 * Country `country`'s holdings at `from` and its ledger rows after it up to `upTo`, as known at `knownAt`, of the
 * contracts the reader may see: what a history from `from` needs, read without the rows before it.
 */
export async function ledgerRange(
  pool: pg.Pool,
  args: {
    readonly country: string;
    readonly from: Date;
    readonly upTo: Date;
    readonly knownAt: Date;
    readonly domain: NetworkDomain | null;
    readonly scope: ReadScope;
  },
): Promise<LedgerRange> {
  const { country, from, upTo, knownAt, domain, scope } = args;
  const [opening, { rows }] = await Promise.all([
    holdingRowsAt(pool, { country, points: [from], domain, knownAt, scope }),
    pool.query<LedgerDbRow>(LEDGER_ROWS, [country, upTo, knownAt, domain, ...scopeParams(scope), from]),
  ]);
  return {
    opening: opening.get(country)?.[0] ?? [],
    ledger: rows.map((r) => ({
      contractId: r.contract_id,
      domain: r.domain as NetworkDomain,
      unitKind: r.unit_kind as UnitKind,
      vendorId: r.vendor_id,
      unitsDelta: r.units_delta,
      valueDelta: BigInt(r.value_delta),
      currency: r.currency,
      effectiveAt: r.effective_at,
      causeEventId: r.cause_event_id ?? '',
      causeType: r.cause_type ?? '',
      effect: r.effect === 'period-ended' ? 'period-ended' : 'change',
    })),
  };
}
