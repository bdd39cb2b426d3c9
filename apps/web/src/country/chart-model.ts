/**
 * Turns the API's dependency history into what the dependency chart draws (ECharts options) and what its text
 * alternative lists: no DOM, no JSX, so it is unit-tested on its own. ECharts does the drawing and the axes.
 */
import { ENGAGEMENT_ROLES, type EngagementRole, type EventType, type NetworkDomain } from '#domain';
import type { DependencyMove, DependencySeriesView, TimelineEntry } from '../api/types.js';

/** Whose action a marker on the time axis stands for. */
export type MarkerKind = 'ours' | 'country' | 'rivals';

/** One mark on the chart's time axis: an entry (or several on one day) of one kind. */
export interface Marker {
  /** ISO instant. */
  readonly at: string;
  readonly kind: MarkerKind;
  /** The entries it stands for, opened on click. */
  readonly eventIds: readonly string[];
  /** What the entry says (its headline), for tooltips and the text alternative. */
  readonly label: string;
}

/** Whose action each engagement role is, as the chart's markers show it (null: not a marker). */
const MARKER_KIND: Readonly<Record<EngagementRole, MarkerKind | null>> = {
  ours: 'ours',
  country: 'country',
  rival: 'rivals',
  move: null,
  none: null,
};

export function markerKindOf(eventType: string): MarkerKind | null {
  const role = ENGAGEMENT_ROLES[eventType as EventType] as EngagementRole | undefined;
  return role ? MARKER_KIND[role] : null;
}

/** What each marker kind is called, for legends and lists. */
export const MARKER_NAMES: Readonly<Record<MarkerKind, string>> = {
  ours: 'Our engagements',
  country: 'Country’s responses',
  rivals: 'Rivals’ offers',
};

/** Each marker kind's colour and ECharts symbol (distinct in shape as well as colour). */
export const MARKER_STYLE: Readonly<Record<MarkerKind, { colour: string; symbol: string }>> = {
  ours: { colour: '#1f4e8c', symbol: 'circle' },
  country: { colour: '#0f766e', symbol: 'triangle' },
  rivals: { colour: '#b42318', symbol: 'rect' },
};

/** The moves' colour and symbol. */
export const MOVE_STYLE = { colour: '#4c1d95', symbol: 'diamond' } as const;

/**
 * One marker per day and kind for the timeline entries that are ours, the country's or a rival's (contracts are
 * the moves), oldest first: entries of one kind on one day would be drawn on top of each other, so they are one
 * marker that opens them all.
 */
export function markersFromEntries(
  entries: readonly Pick<TimelineEntry, 'eventId' | 'eventType' | 'occurredAt' | 'headline'>[],
): Marker[] {
  const byDay = new Map<string, { at: string; kind: MarkerKind; eventIds: string[]; labels: string[] }>();
  const sorted = [...entries].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  for (const entry of sorted) {
    const kind = markerKindOf(entry.eventType);
    if (!kind) continue;
    const key = `${kind}:${new Date(entry.occurredAt).toISOString().slice(0, 10)}`;
    const marker = byDay.get(key);
    if (marker) {
      marker.eventIds.push(entry.eventId);
      marker.labels.push(entry.headline);
    } else
      byDay.set(key, { at: entry.occurredAt, kind, eventIds: [entry.eventId], labels: [entry.headline] });
  }
  return [...byDay.values()]
    .map(({ labels, ...marker }) => ({ ...marker, label: labels.join('; ') }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Markers for what preceded the series' moves, as the API names it (when the timeline is not at hand). */
export function markersFromMoves(series: DependencySeriesView): Marker[] {
  const seen = new Map<string, Marker>();
  for (const point of series.points) {
    for (const move of point.moves) {
      if (!move.preceding) continue;
      const groups: Array<[MarkerKind, typeof move.preceding.ours]> = [
        ['ours', move.preceding.ours],
        ['country', move.preceding.country],
        ['rivals', move.preceding.rivals],
      ];
      for (const [kind, entries] of groups) {
        for (const entry of entries) {
          if (!seen.has(entry.eventId))
            seen.set(entry.eventId, {
              at: entry.occurredAt,
              kind,
              eventIds: [entry.eventId],
              label: entry.headline,
            });
        }
      }
    }
  }
  return [...seen.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** A move as the chart and its text alternative show it. */
export interface MoveView {
  readonly at: string;
  /** HHI after the move (where it is drawn). */
  readonly hhi: number;
  readonly summary: string;
  /** The move's causes first, then what preceded it (ours, the country's, rivals'), each once. */
  readonly eventIds: readonly string[];
  readonly causeIds: readonly string[];
}

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export const formatHhi = (hhi: number) => whole.format(hhi);
export const formatPercent = (percent: number) => `${oneDecimal.format(percent)}%`;

function moveView(move: DependencyMove): MoveView {
  const causeIds = move.causes.map((cause) => cause.eventId);
  const preceding = move.preceding
    ? [...move.preceding.ours, ...move.preceding.country, ...move.preceding.rivals].map((e) => e.eventId)
    : [];
  return {
    at: move.at,
    hhi: move.after.hhi,
    summary:
      `HHI ${formatHhi(move.before.hhi)} → ${formatHhi(move.after.hhi)}, high-risk share ` +
      `${formatPercent(move.before.highRiskSharePercent)} → ${formatPercent(move.after.highRiskSharePercent)}`,
    eventIds: [...new Set([...causeIds, ...preceding])],
    causeIds,
  };
}

/** Every move of the series, oldest first. */
export function movesOf(series: DependencySeriesView): MoveView[] {
  return series.points
    .flatMap((point) => point.moves.map(moveView))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** A vendor of the series, with the colour it is drawn in. */
export interface VendorView {
  readonly vendorId: string;
  readonly name: string;
  readonly highRisk: boolean | null;
  readonly colour: string;
}

// High-risk vendors in warm tones, others in cool ones, unknown in greys: the reader sees the split at a glance.
const WARM = ['#c2410c', '#e07b39', '#9a3412', '#f2a65a', '#7c2d12'];
const COOL = ['#2563a8', '#3a9d8f', '#5b7fc7', '#1e6b52', '#7fa7d9', '#4c8c4a'];
const GREY = ['#8a94a3', '#b3bac4', '#6b7480'];

/** The vendors of the series (their flag as of the latest point they appear in), ordered high-risk first. */
export function vendorsOf(series: DependencySeriesView): VendorView[] {
  const latest = new Map<string, { name: string; highRisk: boolean | null; order: number }>();
  series.points.forEach((point, order) => {
    for (const vendor of point.vendors)
      latest.set(vendor.vendorId, { name: vendor.name, highRisk: vendor.highRisk, order });
  });
  const rank = (highRisk: boolean | null) => (highRisk === true ? 0 : highRisk === false ? 1 : 2);
  const sorted = [...latest.entries()].sort(
    ([, a], [, b]) => rank(a.highRisk) - rank(b.highRisk) || a.name.localeCompare(b.name),
  );
  const used = { warm: 0, cool: 0, grey: 0 };
  return sorted.map(([vendorId, v]) => {
    const palette = v.highRisk === true ? 'warm' : v.highRisk === false ? 'cool' : 'grey';
    const colours = palette === 'warm' ? WARM : palette === 'cool' ? COOL : GREY;
    const colour = colours[used[palette] % colours.length] ?? '#8a94a3';
    used[palette] += 1;
    return { vendorId, name: v.name, highRisk: v.highRisk, colour };
  });
}

const DOMAIN_NAMES: Readonly<Record<NetworkDomain | 'all', string>> = {
  ran: 'Radio access (RAN)',
  core: 'Core network',
  transport: 'Transport',
  'network-management': 'Network management',
  'cloud-data-centre': 'Cloud and data centre',
  subsea: 'Subsea cables',
  all: 'All domains',
};

/** "Radio access (RAN), sites" for a series. */
export function seriesName(series: Pick<DependencySeriesView, 'domain' | 'unitKind' | 'currency'>): string {
  const what = series.unitKind ?? series.currency;
  return what ? `${DOMAIN_NAMES[series.domain]}, ${what}` : DOMAIN_NAMES[series.domain];
}

/** A key that tells series apart (a domain may be counted in sites and in units). */
export function seriesKey(series: Pick<DependencySeriesView, 'domain' | 'unitKind' | 'currency'>): string {
  return [series.domain, series.unitKind ?? series.currency ?? ''].join(':');
}

/** The series' latest figures, for a one-line text summary of the chart. */
export function chartSummary(series: DependencySeriesView, moves: readonly MoveView[]): string {
  const last = series.points.at(-1);
  if (!last) return `${seriesName(series)}: no figures in this period.`;
  const top = [...last.vendors].sort((a, b) => b.sharePercent - a.sharePercent)[0];
  return (
    `${seriesName(series)}: vendor shares over ${series.points.length} months. Latest: HHI ${formatHhi(last.hhi)}, ` +
    `high-risk share ${formatPercent(last.highRiskSharePercent)}` +
    (top ? `, largest vendor ${top.name} at ${formatPercent(top.sharePercent)}` : '') +
    `; ${moves.length} ${moves.length === 1 ? 'move' : 'moves'}.`
  );
}

/** What a clickable mark of the chart carries, so a click can name the entries behind it. */
export interface MarkDatum {
  readonly value: [string, number | string];
  readonly eventIds: readonly string[];
  readonly label: string;
}

export const HHI_SERIES = 'HHI (right axis)';
export const HIGH_RISK_SERIES = 'High-risk share';
const MARKER_ROWS: readonly MarkerKind[] = ['rivals', 'country', 'ours'];
/** The marker strip's row labels, short enough for the axis margin. */
const MARKER_ROW_LABEL: Readonly<Record<string, string>> = {
  [MARKER_NAMES.ours]: 'Ours',
  [MARKER_NAMES.country]: 'Country',
  [MARKER_NAMES.rivals]: 'Rivals',
};

/**
 * The ECharts option of the chart: vendors' shares as stacked areas (left axis, %), high-risk share as a line on
 * the same axis, HHI as a line on the right axis, moves as diamonds on the HHI line, and a strip below with one
 * row of markers per kind, on the same time axis. Plain data: the component adds nothing but the renderer.
 */
export function dependencyChartOption(
  series: DependencySeriesView,
  markers: readonly Marker[],
  options: { animation?: boolean; compact?: boolean } = {},
) {
  const points = series.points;
  const first = points[0]?.at;
  const last = points.at(-1)?.at;
  const vendors = vendorsOf(series);
  const moves = movesOf(series);
  const inRange = markers.filter(
    (m) => first !== undefined && last !== undefined && m.at >= first && Date.parse(m.at) <= Date.parse(last),
  );
  const compact = options.compact ?? false;
  const axisLabel = { color: '#3d4652', fontSize: 12 };
  const gridLeft = compact ? 52 : 60;
  const gridRight = compact ? 52 : 64;

  const vendorSeries = vendors.map((vendor) => ({
    type: 'line' as const,
    name: vendor.name,
    stack: 'shares',
    xAxisIndex: 0,
    yAxisIndex: 0,
    symbol: 'none',
    silent: true,
    lineStyle: { width: 0.8, color: '#ffffff' },
    itemStyle: { color: vendor.colour },
    areaStyle: { color: vendor.colour, opacity: 0.85 },
    emphasis: { disabled: true },
    data: points.map((p) => [p.at, p.vendors.find((v) => v.vendorId === vendor.vendorId)?.sharePercent ?? 0]),
  }));

  const markerSeries = MARKER_ROWS.map((kind) => ({
    type: 'scatter' as const,
    name: MARKER_NAMES[kind],
    xAxisIndex: 1,
    yAxisIndex: 2,
    symbol: MARKER_STYLE[kind].symbol,
    symbolSize: 13,
    cursor: 'pointer',
    itemStyle: { color: MARKER_STYLE[kind].colour, borderColor: '#ffffff', borderWidth: 1.5, opacity: 0.95 },
    emphasis: { scale: 1.4 },
    data: inRange
      .filter((m) => m.kind === kind)
      .map((m): MarkDatum => ({ value: [m.at, MARKER_NAMES[kind]], eventIds: m.eventIds, label: m.label })),
  }));

  return {
    animation: options.animation ?? true,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif' },
    legend: {
      top: 0,
      left: 0,
      type: 'plain' as const,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { color: '#1b2430', fontSize: 12 },
      data: [...vendors.map((v) => v.name), HIGH_RISK_SERIES, HHI_SERIES],
    },
    tooltip: {
      trigger: 'item' as const,
      confine: true,
      textStyle: { fontSize: 13 },
    },
    grid: [
      { left: gridLeft, right: gridRight, top: compact ? 64 : 56, bottom: compact ? 104 : 112 },
      { left: gridLeft, right: gridRight, height: compact ? 54 : 62, bottom: 26 },
    ],
    xAxis: [
      {
        type: 'time' as const,
        gridIndex: 0,
        min: first,
        max: last,
        axisLabel: { show: false },
        axisTick: { show: false },
        splitLine: { show: true, lineStyle: { color: '#e6e9ee' } },
      },
      {
        type: 'time' as const,
        gridIndex: 1,
        min: first,
        max: last,
        axisLabel: { ...axisLabel, hideOverlap: true },
        splitLine: { show: true, lineStyle: { color: '#e6e9ee' } },
      },
    ],
    yAxis: [
      {
        type: 'value' as const,
        gridIndex: 0,
        min: 0,
        max: 100,
        name: 'Share %',
        nameTextStyle: { color: '#3d4652', align: 'left' as const },
        axisLabel: { ...axisLabel, formatter: '{value}%' },
        splitLine: { lineStyle: { color: '#e6e9ee' } },
      },
      {
        type: 'value' as const,
        gridIndex: 0,
        min: 0,
        max: 10000,
        name: 'HHI',
        nameTextStyle: { color: '#3d4652', align: 'right' as const },
        axisLabel: axisLabel,
        splitLine: { show: false },
      },
      {
        type: 'category' as const,
        gridIndex: 1,
        data: MARKER_ROWS.map((kind) => MARKER_NAMES[kind]),
        axisLabel: {
          ...axisLabel,
          fontSize: 11,
          formatter: (name: string) => MARKER_ROW_LABEL[name] ?? name,
        },
        axisTick: { show: false },
        axisLine: { show: false },
        splitLine: { show: true, lineStyle: { color: '#eef0f3' } },
      },
    ],
    series: [
      ...vendorSeries,
      {
        type: 'line' as const,
        name: HIGH_RISK_SERIES,
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbol: 'none',
        silent: true,
        lineStyle: { width: 2.5, type: 'dashed' as const, color: '#1b2430' },
        itemStyle: { color: '#1b2430' },
        data: points.map((p) => [p.at, p.vendors.length > 0 ? p.highRiskSharePercent : null]),
      },
      {
        type: 'line' as const,
        name: HHI_SERIES,
        xAxisIndex: 0,
        yAxisIndex: 1,
        symbol: 'none',
        silent: true,
        lineStyle: { width: 2.5, color: '#6b21a8' },
        itemStyle: { color: '#6b21a8' },
        data: points.map((p) => [p.at, p.vendors.length > 0 ? p.hhi : null]),
      },
      {
        type: 'scatter' as const,
        name: 'Moves',
        xAxisIndex: 0,
        yAxisIndex: 1,
        symbol: MOVE_STYLE.symbol,
        symbolSize: 16,
        cursor: 'pointer',
        z: 5,
        itemStyle: { color: MOVE_STYLE.colour, borderColor: '#ffffff', borderWidth: 2, opacity: 1 },
        emphasis: { scale: 1.3 },
        data: moves.map((m): MarkDatum => ({ value: [m.at, m.hhi], eventIds: m.eventIds, label: m.summary })),
      },
      ...markerSeries,
    ],
  };
}

export type DependencyChartOption = ReturnType<typeof dependencyChartOption>;
