import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { CountryOverview } from '../api/types';
import { useResource } from '../api/use-resource';
import { ago, countryName, day } from '../format';
import { useApi, useSession } from '../session/session-context';

type Column = 'country' | 'stance' | 'openFollowUps' | 'overdueFollowUps' | 'openOffers' | 'lastEngagement';

const COLUMNS: ReadonlyArray<{ key: Column; label: string; numeric?: boolean }> = [
  { key: 'country', label: 'Country' },
  { key: 'stance', label: 'Current stance' },
  { key: 'openFollowUps', label: 'Open follow-ups', numeric: true },
  { key: 'overdueFollowUps', label: 'Overdue', numeric: true },
  { key: 'openOffers', label: 'Open offers', numeric: true },
  { key: 'lastEngagement', label: 'Last engagement' },
];

/** What a column sorts by; a missing value sorts last whichever the direction. */
function sortKey(row: CountryOverview, column: Column): string | number | null {
  switch (column) {
    case 'country':
      return countryName(row.country);
    case 'stance':
      return row.stance?.stance ?? null;
    case 'lastEngagement':
      return row.lastEngagement?.occurredAt ?? null;
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
        <div className="table-wrap">
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
                  </th>
                  <td>
                    {row.stance ? (
                      <span className={`stance stance-${row.stance.stance}`}>{row.stance.stance}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="numeric">{row.openFollowUps}</td>
                  <td className={`numeric${row.overdueFollowUps > 0 ? ' overdue' : ''}`}>
                    {row.overdueFollowUps}
                  </td>
                  <td className="numeric">{row.openOffers}</td>
                  <td>
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
    </main>
  );
}
