import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Stance } from '#domain';
import type { CountryOverview } from '../api/types';
import { useResource } from '../api/use-resource';
import { briefApi } from '../brief/api';
import '../brief/overview.css';
import { type HeadlineFigure, headlineFigure, hhiTrend, trendRange } from '../brief/overview-model';
import { Sparkline } from '../brief/Sparkline';
import { STANCE_ORDER } from '../country/stance-model';
import { ago, countryName, day } from '../format';
import { useApi, useSession } from '../session/session-context';

type Column =
  | 'country'
  | 'stance'
  | 'openFollowUps'
  | 'overdueFollowUps'
  | 'openOffers'
  | 'highRisk'
  | 'hhi'
  | 'lastEngagement';

const COLUMNS: ReadonlyArray<{ key: Column; label: string; numeric?: boolean }> = [
  { key: 'country', label: 'Country' },
  { key: 'stance', label: 'Current stance' },
  { key: 'openFollowUps', label: 'Open follow-ups', numeric: true },
  { key: 'overdueFollowUps', label: 'Overdue', numeric: true },
  { key: 'openOffers', label: 'Open offers', numeric: true },
  { key: 'highRisk', label: 'High-risk share', numeric: true },
  { key: 'hhi', label: 'HHI', numeric: true },
  { key: 'lastEngagement', label: 'Last engagement' },
];

const DOMAIN_SHORT: Readonly<Record<string, string>> = {
  ran: 'RAN',
  core: 'Core',
  transport: 'Transport',
  'network-management': 'Network mgmt',
  'cloud-data-centre': 'Cloud/DC',
  subsea: 'Subsea',
};

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const percent = (value: number) => `${oneDecimal.format(value)}%`;

/** "RAN, sites": what the headline figure of a row measures. */
const figureName = (figure: HeadlineFigure) =>
  `${DOMAIN_SHORT[figure.domain] ?? figure.domain}${figure.unitKind ? `, ${figure.unitKind}` : ''}`;

/** The HHI trend line of a row's headline figure over the 12 months to the overview's day (one call per row). */
function HhiTrend({ country, figure, asOf }: { country: string; figure: HeadlineFigure; asOf: string }) {
  const { session, signOut } = useSession();
  const range = trendRange(asOf);
  const history = useResource(
    `trend:${country}:${figure.domain}:${range.from}:${range.to}`,
    (signal) => briefApi(session?.token ?? '').history(country, { ...range, domain: figure.domain }, signal),
    signOut,
  );
  if (history.state !== 'ready') return <span className="sparkline sparkline-empty" aria-hidden="true" />;
  const trend = hhiTrend(history.value, figure);
  return trend ? <Sparkline trend={trend} /> : null;
}

/** What a column sorts by; a missing value sorts last whichever the direction. */
function sortKey(row: CountryOverview, column: Column): string | number | null {
  switch (column) {
    case 'country':
      return countryName(row.country);
    case 'stance': {
      // Least to most favourable, not alphabetical.
      const rank = row.stance ? STANCE_ORDER.indexOf(row.stance.stance as Stance) : -1;
      return rank === -1 ? null : rank;
    }
    case 'lastEngagement':
      return row.lastEngagement?.occurredAt ?? null;
    case 'highRisk':
      return headlineFigure(row.dependency)?.now?.highRiskSharePercent ?? null;
    case 'hhi':
      return headlineFigure(row.dependency)?.now?.hhi ?? null;
    default:
      return row[column];
  }
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Leadership's start page: a row per country the reader may see, with what to look at first. */
export function Countries() {
  const api = useApi();
  const { signOut } = useSession();
  const list = useResource('countries', (signal) => api.countries(signal), signOut);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: 'lastEngagement',
    descending: true,
  });

  const rows = useMemo(() => {
    if (list.state !== 'ready') return [];
    const sorted = [...list.value.countries].sort((a, b) => {
      const ka = sortKey(a, sort.column);
      const kb = sortKey(b, sort.column);
      if (ka === null || kb === null) return compare(ka, kb);
      return sort.descending ? compare(kb, ka) : compare(ka, kb);
    });
    return sorted;
  }, [list, sort]);

  return (
    <main id="main" className="page">
      <div className="page-title">
        <h1>Countries</h1>
        {list.state === 'ready' && <p className="muted">As of {day(list.value.asOf)}</p>}
      </div>
      {list.state === 'loading' && <p aria-live="polite">Loading countries…</p>}
      {list.state === 'failed' && (
        <p role="alert" className="error">
          The countries could not be loaded: {list.error.message}
        </p>
      )}
      {list.state === 'ready' && rows.length === 0 && <p>No country you may read has any entry yet.</p>}
      {list.state === 'ready' && rows.length > 0 && (
        <div className="table-wrap overview-wrap">
          <table className="overview">
            <caption className="visually-hidden">
              Countries, sorted by {COLUMNS.find((c) => c.key === sort.column)?.label.toLowerCase()},{' '}
              {sort.descending ? 'descending' : 'ascending'}
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const active = sort.column === column.key;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={column.numeric ? 'numeric' : undefined}
                      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button
                        type="button"
                        className="sort"
                        onClick={() =>
                          setSort({
                            column: column.key,
                            descending: active ? !sort.descending : !!column.numeric,
                          })
                        }
                      >
                        {column.label}
                        <span aria-hidden="true" className="sort-arrow">
                          {active ? (sort.descending ? '▼' : '▲') : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.country} data-country={row.country}>
                  <th scope="row">
                    <Link to={`/countries/${row.country}`}>{countryName(row.country)}</Link>
                    <span className="code">{row.country}</span>
                    <Link
                      to={`/countries/${row.country}/brief`}
                      className="brief-link"
                      aria-label={`Printable brief, ${row.country}`}
                    >
                      Brief
                    </Link>
                  </th>
                  <td data-label="Current stance">
                    {row.stance ? (
                      <span className={`stance stance-${row.stance.stance}`}>{row.stance.stance}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="numeric" data-label="Open follow-ups">
                    {row.openFollowUps}
                  </td>
                  <td className={`numeric${row.overdueFollowUps > 0 ? ' overdue' : ''}`} data-label="Overdue">
                    {row.overdueFollowUps}
                  </td>
                  <td className="numeric" data-label="Open offers">
                    {row.openOffers}
                  </td>
                  <FigureCells row={row} asOf={list.value.asOf} />
                  <td data-label="Last engagement" className="last-engagement">
                    {row.lastEngagement ? (
                      <>
                        <time dateTime={row.lastEngagement.occurredAt}>
                          {day(row.lastEngagement.occurredAt)}
                        </time>
                        <span className="muted"> · {ago(row.lastEngagement.occurredAt)}</span>
                        <div className="headline">{row.lastEngagement.headline}</div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.state === 'ready' && rows.length > 0 && (
        <p className="muted overview-note">
          High-risk share and HHI (0–10,000; above 1,800 is highly concentrated) of each country's radio
          network, or its first domain with equipment in service, counted in units; beneath each, the figure
          12 months ago.
        </p>
      )}
    </main>
  );
}

/** A row's high-risk share and HHI now, 12 months ago, and the HHI's trend line in between. */
function FigureCells({ row, asOf }: { row: CountryOverview; asOf: string }) {
  const figure = headlineFigure(row.dependency);
  if (!figure) {
    return (
      <>
        <td className="numeric muted" data-label="High-risk share">
          —
        </td>
        <td className="numeric muted" data-label="HHI">
          —
        </td>
      </>
    );
  }
  const { now, twelveMonthsAgo: before } = figure;
  return (
    <>
      <td className="numeric figure" data-figure="high-risk" data-label="High-risk share">
        <span className="figure-now">{now ? percent(now.highRiskSharePercent) : '—'}</span>
        <span className="figure-then">12 mo ago {before ? percent(before.highRiskSharePercent) : '—'}</span>
        <span className="figure-scope">{figureName(figure)}</span>
      </td>
      <td className="numeric figure" data-figure="hhi" data-label="HHI">
        <span className="figure-line">
          <HhiTrend country={row.country} figure={figure} asOf={asOf} />
          <span className="figure-now">{now ? whole.format(now.hhi) : '—'}</span>
        </span>
        <span className="figure-then">12 mo ago {before ? whole.format(before.hhi) : '—'}</span>
        {now?.band && <span className={`band band-${now.band}`}>{now.band}</span>}
      </td>
    </>
  );
}
