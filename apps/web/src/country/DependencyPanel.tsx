import { useMemo } from 'react';
import type { DependencyHistory, TimelinePage } from '../api/types';
import { useResource } from '../api/use-resource';
import { day } from '../format';
import type { CountryApi } from './api';
import {
  formatHhi,
  formatPercent,
  MARKER_NAMES,
  type Marker,
  markersFromEntries,
  movesOf,
  seriesKey,
  seriesName,
} from './chart-model';
import { DependencyChart } from './DependencyChart';
import { FAMILY_OF } from './entry-kinds';

/** Every event type a marker stands for (ours, the country's, rivals'). */
const MARKER_TYPES = Object.keys(FAMILY_OF).filter((type) =>
  ['meeting', 'dialogue', 'follow-up', 'offer', 'support', 'response', 'rival'].includes(
    FAMILY_OF[type as keyof typeof FAMILY_OF],
  ),
);

/** Every entry a marker may stand for, as of and known at the page's dates: all pages, up to 2,000 entries. */
async function markerEntries(
  api: CountryApi,
  code: string,
  asOf: string | undefined,
  knownAt: string | undefined,
  signal: AbortSignal,
): Promise<TimelinePage> {
  const entries: TimelinePage['entries'][number][] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const next = await api.timeline(code, { type: MARKER_TYPES, asOf, knownAt, limit: 200, cursor }, signal);
    entries.push(...next.entries);
    if (!next.nextCursor) return { ...next, entries };
    cursor = next.nextCursor;
  }
  return { country: code, entries, nextCursor: cursor ?? null };
}

const BANDS: Record<string, string> = {
  unconcentrated: 'unconcentrated',
  moderate: 'moderately concentrated',
  high: 'highly concentrated',
};

/**
 * The dependency panel: per network domain, the chart of vendors' shares, HHI and high-risk share as of the page's
 * date and as known at its known-at date, with markers from the timeline, and the same moves and markers as a list.
 */
export function DependencyPanel({
  code,
  asOf,
  knownAt,
  domain,
  onDomain,
  api,
  onOpen,
  onUnauthenticated,
}: {
  code: string;
  asOf?: string;
  knownAt?: string;
  /** The series shown (seriesKey), if one is chosen; the first otherwise. */
  domain?: string;
  onDomain: (key: string) => void;
  api: CountryApi;
  onOpen: (title: string, eventIds: readonly string[]) => void;
  onUnauthenticated: () => void;
}) {
  const data = useResource<[DependencyHistory, TimelinePage]>(
    `dependency:${code}:${asOf ?? ''}:${knownAt ?? ''}`,
    (signal) =>
      Promise.all([
        api.dependencyHistory(code, { to: asOf, knownAt }, signal),
        markerEntries(api, code, asOf, knownAt, signal),
      ]),
    onUnauthenticated,
  );
  const history = data.state === 'ready' ? data.value[0] : null;
  const series = history?.series.find((s) => seriesKey(s) === domain) ?? history?.series[0];
  const markers: Marker[] = useMemo(
    () => (data.state === 'ready' ? markersFromEntries(data.value[1].entries) : []),
    [data],
  );
  const last = series?.points.at(-1);
  const moves = series ? movesOf(series) : [];
  const from = series?.points[0]?.at;
  const shownMarkers = markers.filter((m) => from === undefined || m.at >= from);

  return (
    <section className="panel dependency-panel" aria-labelledby="dependency-title">
      <div className="panel-head">
        <h2 id="dependency-title">Dependency</h2>
        {history && (
          <p className="muted small">
            Monthly, {day(history.from)} to {day(history.to)}, counted in {history.basis}; HHI bands: US
            merger guidelines.
          </p>
        )}
      </div>
      {data.state === 'loading' && <p aria-live="polite">Loading the dependency history…</p>}
      {data.state === 'failed' && (
        <p role="alert" className="error">
          The dependency history could not be loaded: {data.error.message}
        </p>
      )}
      {history && history.series.length === 0 && (
        <p>No contract you may read for this country in this period.</p>
      )}
      {history && series && (
        <>
          <fieldset className="domains">
            <legend>Network domain</legend>
            {history.series.map((s) => (
              <label key={seriesKey(s)} className={seriesKey(s) === seriesKey(series) ? 'chosen' : undefined}>
                <input
                  type="radio"
                  name="domain"
                  value={seriesKey(s)}
                  checked={seriesKey(s) === seriesKey(series)}
                  onChange={() => onDomain(seriesKey(s))}
                />{' '}
                {seriesName(s)}
              </label>
            ))}
          </fieldset>
          {last && (
            <dl className="figures" data-testid="dependency-figures">
              <div>
                <dt>HHI</dt>
                <dd>
                  <span data-figure="hhi">{formatHhi(last.hhi)}</span>
                  {last.band && <span className="figure-note"> {BANDS[last.band] ?? last.band}</span>}
                </dd>
              </div>
              <div>
                <dt>High-risk share</dt>
                <dd>
                  <span data-figure="high-risk">{formatPercent(last.highRiskSharePercent)}</span>
                  {last.highRiskInCore && <span className="figure-note"> high-risk vendor in the core</span>}
                </dd>
              </div>
              <div>
                <dt>Vendors</dt>
                <dd data-figure="vendors">
                  {[...last.vendors]
                    .sort((a, b) => b.sharePercent - a.sharePercent)
                    .map((v) => `${v.name} ${formatPercent(v.sharePercent)}`)
                    .join(', ') || 'none'}
                </dd>
              </div>
              <div>
                <dt>As of</dt>
                <dd>{day(last.at)}</dd>
              </div>
            </dl>
          )}
          <DependencyChart
            series={series}
            markers={markers}
            // Figures change with the page's dates: drawn at once, never caught mid-transition.
            animation={false}
            onOpenEntries={(eventIds) =>
              onOpen(eventIds.length === 1 ? 'Entry' : `${eventIds.length} entries`, eventIds)
            }
          />
          <details className="chart-list">
            <summary>
              Moves and markers as a list ({moves.length} {moves.length === 1 ? 'move' : 'moves'},{' '}
              {shownMarkers.length} {shownMarkers.length === 1 ? 'marker' : 'markers'})
            </summary>
            <div className="chart-lists">
              <section aria-labelledby="moves-title">
                <h3 id="moves-title">Moves of the figure</h3>
                {moves.length === 0 ? (
                  <p className="muted small">No move in this period.</p>
                ) : (
                  <ul className="mark-list">
                    {moves.map((move) => (
                      <li key={`${move.at}-${move.causeIds.join()}`}>
                        <time dateTime={move.at}>{day(move.at)}</time> {move.summary}{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onOpen(`Entries behind the move of ${day(move.at)}`, move.eventIds)}
                        >
                          Open {move.eventIds.length} {move.eventIds.length === 1 ? 'entry' : 'entries'}
                          <span className="visually-hidden"> behind the move of {day(move.at)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby="markers-title">
                <h3 id="markers-title">Markers</h3>
                <ul className="mark-list">
                  {shownMarkers.map((marker) => (
                    <li key={marker.eventIds.join()} className={`marker-${marker.kind}`}>
                      <time dateTime={marker.at}>{day(marker.at)}</time>{' '}
                      <span className="marker-kind">{MARKER_NAMES[marker.kind]}:</span>{' '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onOpen('Entry', marker.eventIds)}
                      >
                        {marker.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
