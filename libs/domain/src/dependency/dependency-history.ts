import type { HoldingChangeEffect, UnitKind } from '../contract/contract.js';
import {
  type DependencyBasis,
  type DomainDependency,
  dependencyMetrics,
  type FigureAmount,
  type Holding,
  type Measure,
  measuresOf,
  NETWORK_DOMAINS,
  type NetworkDomain,
  UNKNOWN_ORIGIN,
  type VendorProfile,
} from './dependency-metrics.js';

/**
 * Which high-risk flag a figure uses: the flag each vendor had on the date (`asOf`), or today's flags applied
 * to all of history (`current`), so that a change of list is never mistaken for a country's move.
 */
export const RISK_LISTS = ['asOf', 'current'] as const;
export type RiskList = (typeof RISK_LISTS)[number];

/** One row of the dependency ledger as the read side loads it. */
export interface LedgerRow {
  readonly domain: NetworkDomain;
  readonly unitKind: UnitKind;
  readonly vendorId: string;
  readonly unitsDelta: number;
  /** Minor units of `currency`. */
  readonly valueDelta: bigint;
  readonly currency: string | null;
  readonly effectiveAt: Date;
  readonly contractId: string;
  readonly causeEventId: string;
  readonly causeType: string;
  readonly effect: HoldingChangeEffect;
}

/** A vendor's high-risk flag from a date on, and the registry event that set it. */
export interface VendorClassification {
  readonly vendorId: string;
  readonly effectiveAt: Date;
  readonly highRisk: boolean;
  readonly eventId: string;
  readonly eventType: string;
}

/** A vendor's name and origin; its flag comes from the classifications. */
export interface VendorIdentity {
  readonly vendorId: string;
  readonly name: string;
  readonly origin: string;
}

/**
 * The flag of a vendor at an instant: with `asOf`, the latest classification at or before it (null before the
 * first: unknown, never guessed); with `current`, the latest classification of all those given.
 */
export function flagAt(
  classifications: readonly VendorClassification[],
  vendorId: string,
  at: Date,
  riskList: RiskList,
): boolean | null {
  let flag: VendorClassification | undefined;
  for (const c of classifications) {
    if (c.vendorId !== vendorId) continue;
    if (riskList === 'asOf' && c.effectiveAt.getTime() > at.getTime()) continue;
    if (!flag || c.effectiveAt.getTime() >= flag.effectiveAt.getTime()) flag = c;
  }
  return flag ? flag.highRisk : null;
}

/** Vendor profiles for the holdings at an instant, each with the flag the risk list gives it. */
export function profilesAt(
  holdings: readonly Holding[],
  identities: readonly VendorIdentity[],
  classifications: readonly VendorClassification[],
  at: Date,
  riskList: RiskList,
): VendorProfile[] {
  const byId = new Map(identities.map((v) => [v.vendorId, v]));
  return [...new Set(holdings.map((h) => h.vendorId))].map((vendorId) => ({
    vendorId,
    name: byId.get(vendorId)?.name ?? vendorId,
    origin: byId.get(vendorId)?.origin ?? UNKNOWN_ORIGIN,
    highRisk: flagAt(classifications, vendorId, at, riskList),
  }));
}

/** What the history is measured over: one domain, all domains summed (per measure), or each domain apart. */
export type HistoryScope = NetworkDomain | 'all' | 'each';

/** Why a figure moved: a contract event's change to holdings, or a vendor's reclassification. */
export type MoveCause =
  | {
      readonly kind: 'contract';
      readonly eventId: string;
      readonly eventType: string;
      readonly contractId: string;
      readonly effect: HoldingChangeEffect;
    }
  | {
      readonly kind: 'reclassification';
      readonly eventId: string;
      readonly eventType: string;
      readonly vendorId: string;
      readonly highRisk: boolean;
    };

/** The headline of a figure at one instant. */
export interface FigureSummary {
  readonly total: FigureAmount;
  readonly highRiskSharePercent: number;
  readonly unknownRiskSharePercent: number;
  readonly hhi: number;
  readonly vendorCount: number;
  readonly highRiskInCore: boolean;
}

/** One change of a figure, with the events that caused it and the figure before and after. */
export interface Move {
  readonly at: Date;
  readonly causes: readonly MoveCause[];
  readonly before: FigureSummary;
  readonly after: FigureSummary;
}

/** A figure at one point of the series, with the moves since the previous point. */
export interface SeriesPoint {
  readonly at: Date;
  readonly figure: DomainDependency;
  readonly moves: readonly Move[];
}

/** One figure (a domain or all domains, in one measure) over time. */
export interface DependencySeries {
  readonly domain: NetworkDomain | 'all';
  readonly basis: DependencyBasis;
  readonly unitKind: UnitKind | null;
  readonly currency: string | null;
  readonly points: readonly SeriesPoint[];
}

function summary(figure: DomainDependency): FigureSummary {
  return {
    total: figure.total,
    highRiskSharePercent: figure.highRiskSharePercent,
    unknownRiskSharePercent: figure.unknownRiskSharePercent,
    hhi: figure.hhi,
    vendorCount: figure.vendorCount,
    highRiskInCore: figure.highRiskInCore,
  };
}

/** Two figures are the same when every vendor holds the same amount with the same flag. */
function signature(figure: DomainDependency): string {
  return JSON.stringify(figure.vendors.map((v) => [v.vendorId, v.amount, v.highRisk]));
}

function holdingKey(row: Pick<Holding, 'domain' | 'unitKind' | 'currency' | 'vendorId'>): string {
  return JSON.stringify([row.domain, row.unitKind, row.currency, row.vendorId]);
}

/** Whether a row changed the figure's amount: a value-only row does not move units, nor a units-only one value. */
function movesFigure(
  row: LedgerRow,
  domain: NetworkDomain | 'all',
  basis: DependencyBasis,
  measure: Measure,
) {
  if (domain !== 'all' && row.domain !== domain) return false;
  return basis === 'units'
    ? row.unitKind === measure && row.unitsDelta !== 0
    : row.currency === measure && row.valueDelta !== 0n;
}

/** Whether a classification changed its vendor's flag: one confirming the flag it had is no cause. */
function changesFlag(classifications: readonly VendorClassification[], c: VendorClassification): boolean {
  const before = flagAt(classifications, c.vendorId, new Date(c.effectiveAt.getTime() - 1), 'asOf');
  const after = flagAt(classifications, c.vendorId, c.effectiveAt, 'asOf');
  return before !== after && c.highRisk === after;
}

interface Instant {
  readonly at: Date;
  /** Index of the point whose window (previous point, point] holds this instant. */
  readonly point: number;
  readonly isPoint: boolean;
}

/** Every instant at which something may move, merged with the points, in time order, from the first point. */
function instantsOf(
  points: readonly Date[],
  ledger: readonly LedgerRow[],
  classifications: readonly VendorClassification[],
  riskList: RiskList,
): Instant[] {
  const first = points[0]?.getTime() ?? 0;
  const last = points.at(-1)?.getTime() ?? 0;
  const times = new Set<number>(points.map((p) => p.getTime()));
  for (const row of ledger) times.add(row.effectiveAt.getTime());
  if (riskList === 'asOf') for (const c of classifications) times.add(c.effectiveAt.getTime());
  const pointTimes = new Set(points.map((p) => p.getTime()));
  const sorted = [...times].filter((t) => t >= first && t <= last).sort((a, b) => a - b);
  let point = 0;
  return sorted.map((t) => {
    while ((points[point]?.getTime() ?? Number.POSITIVE_INFINITY) < t) point += 1;
    return { at: new Date(t), point, isPoint: pointTimes.has(t) };
  });
}

/**
 * A country's dependency figures at each of `points` (ascending), each point listing the moves of its figure
 * since the previous point: the instants where any vendor's amount or flag changed, with the contract events
 * and reclassifications behind them. Pure: the ledger rows, classifications and identities come from the
 * caller, already narrowed to what was known at the reader's `knownAt`.
 *
 * `opening`, when given, is what was held at the first point, and `ledger` then holds only the rows after it:
 * the caller need not read the history before the range it asks for. Nothing at or before the first point is a
 * move either way.
 */
export function dependencySeries(args: {
  readonly opening?: readonly Holding[];
  readonly ledger: readonly LedgerRow[];
  readonly classifications: readonly VendorClassification[];
  readonly identities: readonly VendorIdentity[];
  readonly points: readonly Date[];
  readonly basis: DependencyBasis;
  readonly scope: HistoryScope;
  readonly riskList: RiskList;
}): DependencySeries[] {
  const { basis, scope, riskList, points, identities, classifications } = args;
  const ledger = [...args.ledger].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
  const instants = instantsOf(points, ledger, classifications, riskList);
  const held = new Map<string, Holding>((args.opening ?? []).map((h) => [holdingKey(h), h]));
  let next = 0;
  const snapshots = instants.map((instant) => {
    const rows: LedgerRow[] = [];
    for (; next < ledger.length && (ledger[next] as LedgerRow).effectiveAt <= instant.at; next += 1) {
      const row = ledger[next] as LedgerRow;
      rows.push(row);
      const key = holdingKey(row);
      const was = held.get(key);
      held.set(key, {
        domain: row.domain,
        unitKind: row.unitKind,
        vendorId: row.vendorId,
        currency: row.currency,
        units: (was?.units ?? 0) + row.unitsDelta,
        value: (was?.value ?? 0n) + row.valueDelta,
      });
    }
    const holdings = [...held.values()].filter((h) => h.units !== 0 || h.value !== 0n);
    const profiles = profilesAt(holdings, identities, classifications, instant.at, riskList);
    // The first instant carries everything up to the first point; only later rows are moves.
    return { instant, holdings, profiles, rows: instant === instants[0] ? [] : rows };
  });

  const domains: (NetworkDomain | 'all')[] = scope === 'each' ? [...NETWORK_DOMAINS] : [scope];
  const figures = domains.flatMap((domain) => {
    const seen = new Set<Measure>();
    for (const s of snapshots) for (const m of measuresOf(s.holdings, basis, domain)) seen.add(m);
    return [...seen].sort().map((measure) => ({ domain, measure }));
  });

  return figures.map(({ domain, measure }) => {
    const seriesPoints = points.map((at) => ({ at, moves: [] as Move[], figure: undefined as unknown }));
    let previous: DomainDependency | undefined;
    for (const s of snapshots) {
      const figure = dependencyMetrics(s.holdings, s.profiles, basis, domain, measure);
      if (previous && signature(previous) !== signature(figure)) {
        const contractCauses = uniqueCauses(
          s.rows
            .filter((r) => movesFigure(r, domain, basis, measure))
            .map(
              (r): MoveCause => ({
                kind: 'contract',
                eventId: r.causeEventId,
                eventType: r.causeType,
                contractId: r.contractId,
                effect: r.effect,
              }),
            ),
        );
        const vendorsHeld = new Set([...previous.vendors, ...figure.vendors].map((v) => v.vendorId));
        const reclassifications =
          riskList === 'asOf'
            ? classifications
                .filter(
                  (c) =>
                    c.effectiveAt.getTime() === s.instant.at.getTime() &&
                    vendorsHeld.has(c.vendorId) &&
                    changesFlag(classifications, c),
                )
                .map(
                  (c): MoveCause => ({
                    kind: 'reclassification',
                    eventId: c.eventId,
                    eventType: c.eventType,
                    vendorId: c.vendorId,
                    highRisk: c.highRisk,
                  }),
                )
            : [];
        seriesPoints[s.instant.point]?.moves.push({
          at: s.instant.at,
          causes: [...contractCauses, ...reclassifications],
          before: summary(previous),
          after: summary(figure),
        });
      }
      if (s.instant.isPoint) {
        const point = seriesPoints[s.instant.point];
        if (point) point.figure = figure;
      }
      previous = figure;
    }
    return {
      domain,
      basis,
      unitKind: basis === 'units' ? (measure as UnitKind) : null,
      currency: basis === 'value' ? measure : null,
      points: seriesPoints.map((p) => ({ at: p.at, moves: p.moves, figure: p.figure as DomainDependency })),
    };
  });
}

function uniqueCauses(causes: readonly MoveCause[]): MoveCause[] {
  const seen = new Set<string>();
  return causes.filter((c) => {
    const key = `${c.eventId}/${c.kind === 'contract' ? c.effect : 'flag'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
