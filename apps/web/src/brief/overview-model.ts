/**
 * The countries overview's dependency figures: which one figure a row shows (now and 12 months before), the HHI
 * trend of that figure over the last 12 months, and the sparkline's ECharts option. DOM-free, so unit-tested.
 */
import { UTCDate } from '@date-fns/utc';
import { format, subMonths } from 'date-fns';
import type { CountryOverview, DependencyHistory, DependencySummary } from '../api/types.js';

/** The domains in the order the overview prefers one for its headline figure: the radio network first. */
const PREFERRED = ['ran', 'core', 'transport', 'network-management', 'cloud-data-centre', 'subsea'];

export interface HeadlineFigure {
  readonly domain: DependencySummary['domain'];
  readonly unitKind: DependencySummary['unitKind'];
  readonly now: DependencySummary | null;
  readonly twelveMonthsAgo: DependencySummary | null;
}

const sameFigure = (a: Pick<DependencySummary, 'domain' | 'unitKind'>) => (b: DependencySummary) =>
  a.domain === b.domain && a.unitKind === b.unitKind;

/**
 * The one figure a row of the overview shows: the first domain (RAN first) with equipment now, or else 12 months
 * ago, with its figure at both dates; null when the country has no contract the reader may see.
 */
export function headlineFigure(dependency: CountryOverview['dependency']): HeadlineFigure | null {
  const pool = [...dependency.now, ...dependency.twelveMonthsAgo];
  const order = (s: DependencySummary) => {
    const index = PREFERRED.indexOf(s.domain);
    return index === -1 ? PREFERRED.length : index;
  };
  const chosen = [...pool].sort((a, b) => order(a) - order(b))[0];
  if (!chosen) return null;
  return {
    domain: chosen.domain,
    unitKind: chosen.unitKind,
    now: dependency.now.find(sameFigure(chosen)) ?? null,
    twelveMonthsAgo: dependency.twelveMonthsAgo.find(sameFigure(chosen)) ?? null,
  };
}

/** The history range of the trend: the 12 months up to the overview's day (UTC dates). */
export function trendRange(asOf: string): { from: string; to: string } {
  const day = new UTCDate(asOf);
  return { from: format(subMonths(day, 12), 'yyyy-MM-dd'), to: format(day, 'yyyy-MM-dd') };
}

export interface Trend {
  /** [instant, HHI] per monthly point, oldest first. */
  readonly points: ReadonlyArray<readonly [string, number]>;
  /** The text alternative: "HHI 12 months: 4,200 → 3,100". */
  readonly label: string;
}

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** The HHI of `figure` at each monthly point of `history`; null when the history has no such series. */
export function hhiTrend(
  history: Pick<DependencyHistory, 'series'>,
  figure: Pick<HeadlineFigure, 'domain' | 'unitKind'>,
): Trend | null {
  const series = history.series.find((s) => s.domain === figure.domain && s.unitKind === figure.unitKind);
  if (!series || series.points.length === 0) return null;
  const points = series.points.map((p) => [p.at, p.hhi] as const);
  const first = points[0]?.[1] ?? 0;
  const last = points.at(-1)?.[1] ?? 0;
  return { points, label: `HHI 12 months: ${whole.format(first)} → ${whole.format(last)}` };
}

/** A tiny line without axes, labels or tooltip: the shape of the trend alone (the label says the numbers). */
export function sparklineOption(trend: Trend, colour = '#1f4e8c') {
  const values = trend.points.map(([, hhi]) => hhi);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = Math.max((max - min) * 0.15, 50);
  return {
    animation: false,
    grid: { left: 2, right: 4, top: 4, bottom: 4 },
    xAxis: { type: 'time' as const, show: false },
    yAxis: { type: 'value' as const, show: false, min: Math.max(0, min - pad), max: max + pad },
    tooltip: { show: false },
    series: [
      {
        type: 'line' as const,
        data: trend.points.map(([at, hhi]) => [at, hhi]),
        showSymbol: false,
        silent: true,
        lineStyle: { width: 2, color: colour },
        endLabel: { show: false },
        markPoint: undefined,
      },
    ],
  };
}
