import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DependencySeriesView } from '../api/types';
import { day } from '../format';
import {
  chartSummary,
  dependencyChartOption,
  MARKER_NAMES,
  MARKER_STYLE,
  type MarkDatum,
  type Marker,
  type MarkerKind,
  MOVE_STYLE,
  movesOf,
} from './chart-model';
import './country.css';

// Tree-shaken ECharts: only what this chart draws, rendered as SVG (marks are DOM nodes; prints as vectors).
use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type { Marker, MarkerKind } from './chart-model';

export interface DependencyChartProps {
  /** One figure of GET /v1/countries/{c}/dependency/history (one domain in one unit kind or currency). */
  readonly series: DependencySeriesView;
  /** Marks on the time axis: our engagements, the country's responses, rivals' offers. */
  readonly markers?: readonly Marker[];
  /** Called with the entries behind a clicked marker or move (a move: its causes, then what preceded it). */
  readonly onOpenEntries?: (eventIds: string[]) => void;
  /** Pixels; default 420. */
  readonly height?: number;
  /** Default true; false for print and tests. */
  readonly animation?: boolean;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface TooltipParams {
  seriesName?: string;
  data?: unknown;
}

function tooltip(params: TooltipParams | TooltipParams[]): string {
  const item = Array.isArray(params) ? params[0] : params;
  const datum = item?.data as Partial<MarkDatum> | undefined;
  if (!datum?.value || typeof datum.label !== 'string') return '';
  const more = datum.eventIds && datum.eventIds.length > 1 ? ` (${datum.eventIds.length} entries)` : '';
  return (
    `<strong>${escapeHtml(item?.seriesName ?? '')}</strong> · ${escapeHtml(day(String(datum.value[0])))}<br>` +
    `${escapeHtml(datum.label)}${escapeHtml(more)}<br><em>Click to open</em>`
  );
}

/**
 * A country's dependency in one domain over time: vendors' shares as stacked areas, the high-risk share and the HHI
 * as lines, moves as diamonds on the HHI line, and a strip of markers (ours, the country's, rivals') on the same
 * time axis. A click on a marker or a move calls `onOpenEntries`. It resizes with its container. The chart itself
 * is an image with a one-line summary; pages give keyboard users the moves and markers as a list as well
 * (see DependencyMarks).
 */
export function DependencyChart({
  series,
  markers = [],
  onOpenEntries,
  height = 420,
  animation = true,
}: DependencyChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const open = useRef(onOpenEntries);
  open.current = onOpenEntries;
  const [compact, setCompact] = useState(false);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = init(node, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const datum = params.data as Partial<MarkDatum> | undefined;
      if (datum?.eventIds && datum.eventIds.length > 0) open.current?.([...datum.eventIds]);
    });
    const observer = new ResizeObserver((records) => {
      const width = records[0]?.contentRect.width ?? node.clientWidth;
      setCompact(width < 640);
      instance.resize();
    });
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  const option = useMemo(
    () => dependencyChartOption(series, markers, { animation, compact }),
    [series, markers, animation, compact],
  );

  useEffect(() => {
    chart.current?.setOption(
      { ...option, tooltip: { ...option.tooltip, formatter: tooltip } },
      { notMerge: true },
    );
  }, [option]);

  const summary = chartSummary(series, movesOf(series));
  return (
    <div className="dependency-chart">
      <div
        ref={element}
        className="dependency-chart-canvas"
        role="img"
        aria-label={summary}
        data-chart="dependency"
        style={{ height }}
      />
      <ul className="chart-key" aria-label="Markers on the time axis">
        {(Object.keys(MARKER_NAMES) as MarkerKind[]).map((kind) => (
          <li key={kind}>
            <span className={`key-symbol key-${kind}`} aria-hidden="true" />
            {MARKER_NAMES[kind]}
          </li>
        ))}
        <li>
          <span className="key-symbol key-move" aria-hidden="true" />
          Moves of the figure (contract changes)
        </li>
      </ul>
    </div>
  );
}

/** The colours the chart key uses, for pages that draw their own key. */
export const CHART_COLOURS = { markers: MARKER_STYLE, move: MOVE_STYLE };
