import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { TimelinePage } from '../api/types';
import { useResource } from '../api/use-resource';
import { day } from '../format';
import type { CountryApi } from './api';
import { endOfUtcDay } from './open-items';
import { COUNTRY_RESPONSE, stanceChartOption, stanceName, stancePoints } from './stance-model';

use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function tooltip(params: unknown): string {
  const item = (Array.isArray(params) ? params[0] : params) as {
    data?: { value?: [string, number]; stance?: string; label?: string };
  };
  const data = item?.data;
  if (!data?.value) return '';
  return `<strong>${escapeHtml(data.stance ?? '')}</strong> · ${escapeHtml(day(data.value[0]))}<br>${escapeHtml(data.label ?? '')}`;
}

/** The country's observed responses by stance over time, as of and known at the page's dates. */
export function StanceTrend({
  code,
  asOf,
  knownAt,
  api,
  onOpen,
  onUnauthenticated,
}: {
  code: string;
  asOf?: string;
  knownAt?: string;
  api: CountryApi;
  onOpen: (title: string, eventIds: readonly string[]) => void;
  onUnauthenticated: () => void;
}) {
  const responses = useResource<TimelinePage>(
    `stance:${code}:${asOf ?? ''}:${knownAt ?? ''}`,
    (signal) => api.timeline(code, { type: [COUNTRY_RESPONSE], asOf, knownAt, limit: 200 }, signal),
    onUnauthenticated,
  );
  const points = useMemo(
    () => (responses.state === 'ready' ? stancePoints(responses.value.entries) : []),
    [responses],
  );
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const hasPoints = points.length > 0;

  useEffect(() => {
    const node = element.current;
    if (!node || !hasPoints) return;
    const instance = init(node, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const data = params.data as { eventIds?: string[] } | undefined;
      if (data?.eventIds?.length) open.current('Country response', data.eventIds);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [hasPoints]);

  useEffect(() => {
    const until = asOf ? new Date(endOfUtcDay(asOf)).toISOString() : new Date().toISOString();
    const option = stanceChartOption(points, { until, animation: false });
    chart.current?.setOption(
      { ...option, tooltip: { ...option.tooltip, formatter: tooltip } },
      { notMerge: true },
    );
  }, [points, asOf]);

  const latest = points.at(-1);
  return (
    <section className="panel stance-panel" aria-labelledby="stance-title">
      <div className="panel-head">
        <h2 id="stance-title">Stance trend</h2>
        {latest && (
          <p className="small">
            Latest: <strong className={`stance-${latest.stance}`}>{stanceName(latest.stance)}</strong> (
            {day(latest.at)})
          </p>
        )}
      </div>
      {responses.state === 'loading' && <p aria-live="polite">Loading the country’s responses…</p>}
      {responses.state === 'failed' && (
        <p role="alert" className="error">
          The responses could not be loaded: {responses.error.message}
        </p>
      )}
      {responses.state === 'ready' && !hasPoints && (
        <p className="muted">No response of the country observed yet.</p>
      )}
      {hasPoints && (
        <div className="stance-body">
          <div
            ref={element}
            className="stance-chart"
            role="img"
            aria-label={`Stance over time: ${points.map((p) => `${stanceName(p.stance)} on ${day(p.at)}`).join('; ')}.`}
            data-chart="stance"
          />
          <ol className="stance-list" aria-label="Observed responses">
            {[...points].reverse().map((p) => (
              <li key={p.eventId}>
                <time dateTime={p.at}>{day(p.at)}</time>{' '}
                <span className={`stance-tag stance-${p.stance}`}>{stanceName(p.stance)}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen('Country response', [p.eventId])}
                >
                  {p.headline}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
