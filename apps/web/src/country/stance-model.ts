/** The country's stance over time, from its observed responses, as an ECharts option. No DOM, no JSX. */
import { subMonths } from 'date-fns';
import type { Stance } from '#domain';
import type { TimelineEntry } from '../api/types.js';

/** The stances in order, least to most favourable: the chart's ordinal axis, bottom to top. */
const STANCE_RANK: Readonly<Record<Stance, number>> = {
  resistant: 0,
  neutral: 1,
  receptive: 2,
  committed: 3,
};
export const STANCE_ORDER = (Object.keys(STANCE_RANK) as Stance[]).sort(
  (a, b) => STANCE_RANK[a] - STANCE_RANK[b],
);

export const COUNTRY_RESPONSE = 'CountryResponseObserved';

export interface StancePoint {
  readonly at: string;
  readonly stance: Stance;
  readonly eventId: string;
  readonly headline: string;
}

const isStance = (value: unknown): value is Stance => typeof value === 'string' && value in STANCE_RANK;

/** The observed responses with a stance, oldest first. */
export function stancePoints(entries: readonly TimelineEntry[]): StancePoint[] {
  const points: StancePoint[] = [];
  for (const entry of entries) {
    if (entry.eventType !== COUNTRY_RESPONSE) continue;
    const stance = (entry.data as { stance?: unknown } | null)?.stance;
    if (isStance(stance))
      points.push({ at: entry.occurredAt, stance, eventId: entry.eventId, headline: entry.headline });
  }
  return points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const STANCE_COLOUR: Readonly<Record<Stance, string>> = {
  resistant: '#b42318',
  neutral: '#56606d',
  receptive: '#1f4e8c',
  committed: '#1d6b35',
};

export function stanceName(stance: Stance): string {
  return stance.charAt(0).toUpperCase() + stance.slice(1);
}

/** A step line through the observed stances on an ordinal axis, over a time axis up to `until` if given. */
export function stanceChartOption(
  points: readonly StancePoint[],
  options: { until?: string; animation?: boolean } = {},
) {
  const last = points.at(-1);
  return {
    animation: options.animation ?? true,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif' },
    grid: { left: 90, right: 24, top: 16, bottom: 32 },
    tooltip: { trigger: 'item' as const, confine: true },
    xAxis: {
      type: 'time' as const,
      // A month's margin before the first observation, so its mark is not cut by the axis.
      min: (extent: { min: number }) => subMonths(extent.min, 1).getTime(),
      max: options.until,
      axisLabel: { color: '#3d4652', hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#e6e9ee' } },
    },
    yAxis: {
      type: 'category' as const,
      data: STANCE_ORDER.map(stanceName),
      boundaryGap: true,
      axisLabel: { color: '#1b2430', fontSize: 12 },
      splitLine: { show: true, lineStyle: { color: '#eef0f3' } },
    },
    series: [
      {
        type: 'line' as const,
        name: 'Stance',
        // The stance holds from one observation until the next.
        step: 'start' as const,
        symbol: 'circle',
        showAllSymbol: true,
        symbolSize: 11,
        lineStyle: { width: 2, color: '#8a94a3' },
        data: [
          ...points.map((p) => ({
            value: [p.at, STANCE_RANK[p.stance]],
            stance: stanceName(p.stance),
            itemStyle: { color: STANCE_COLOUR[p.stance] },
            eventIds: [p.eventId],
            label: p.headline,
          })),
          // The latest stance holds until the date shown: the line runs on to it, with no mark of its own.
          ...(last && options.until && Date.parse(options.until) > Date.parse(last.at)
            ? [{ value: [options.until, STANCE_RANK[last.stance]], symbol: 'none', tooltip: { show: false } }]
            : []),
        ],
      },
    ],
  };
}
