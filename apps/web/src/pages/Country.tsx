import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { countryApi } from '../country/api';
import { DependencyPanel } from '../country/DependencyPanel';
import { EntryDialog } from '../country/EntryDialog';
import { OpenItems } from '../country/OpenItems';
import { utcToday } from '../country/open-items';
import { StanceTrend } from '../country/StanceTrend';
import { Timeline } from '../country/Timeline';
import { readView, VIEW_PARAMS, withView } from '../country/view-params';
import { countryName, day } from '../format';
import { useSession } from '../session/session-context';
import '../country/country.css';

type ViewChanges = Partial<Record<(typeof VIEW_PARAMS)[number], string | undefined>>;

/** The as-of and known-at dates every panel of the page follows, kept in the URL. */
function ViewControls({
  asOf,
  knownAt,
  onChange,
}: {
  asOf?: string;
  knownAt?: string;
  onChange: (changes: ViewChanges) => void;
}) {
  const [draft, setDraft] = useState({ asOf: asOf ?? '', knownAt: knownAt ?? '' });
  useEffect(() => setDraft({ asOf: asOf ?? '', knownAt: knownAt ?? '' }), [asOf, knownAt]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ asOf: draft.asOf || undefined, knownAt: draft.knownAt || undefined });
  };
  const historical = Boolean(asOf || knownAt);
  const today = utcToday();
  return (
    <form
      className={`view-controls${historical ? ' historical' : ''}`}
      aria-label="Point in time"
      onSubmit={submit}
    >
      <div className="field">
        <label htmlFor="as-of">As of</label>
        <input
          id="as-of"
          name="asOf"
          type="date"
          max={today}
          value={draft.asOf}
          aria-describedby="as-of-help"
          onChange={(event) => setDraft({ ...draft, asOf: event.target.value })}
        />
        <span id="as-of-help" className="help">
          What had happened by that day
        </span>
      </div>
      <div className="field">
        <label htmlFor="known-at">Known at</label>
        <input
          id="known-at"
          name="knownAt"
          type="date"
          max={today}
          value={draft.knownAt}
          aria-describedby="known-at-help"
          onChange={(event) => setDraft({ ...draft, knownAt: event.target.value })}
        />
        <span id="known-at-help" className="help">
          What we had recorded by that day
        </span>
      </div>
      <div className="view-actions">
        <button type="submit" className="primary">
          Show
        </button>
        {historical && (
          <button
            type="button"
            className="plain"
            onClick={() => onChange({ asOf: undefined, knownAt: undefined })}
          >
            Back to now
          </button>
        )}
      </div>
      <p className="view-state" aria-live="polite">
        {historical ? (
          <>
            Showing {asOf ? `the country as of ${day(asOf)}` : 'the country today'}
            {knownAt ? `, as known at ${day(knownAt)}` : ''}.
          </>
        ) : (
          'Showing the country today, as known now.'
        )}
      </p>
    </form>
  );
}

/**
 * A country at a glance: its dependency on vendors over time with what we and others did, its stance, its open items
 * and its timeline, all as of one date and as known at another (both in the URL).
 */
export function Country() {
  const code = (useParams().country ?? '').toUpperCase();
  const { session, signOut } = useSession();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const api = useMemo(() => countryApi(session?.token ?? ''), [session?.token]);
  const [dialog, setDialog] = useState<{ title: string; eventIds: readonly string[] } | null>(null);
  const name = countryName(code);
  const change = useCallback(
    (changes: ViewChanges) => setParams((current) => withView(current, changes)),
    [setParams],
  );
  const open = useCallback(
    (title: string, eventIds: readonly string[]) => setDialog({ title, eventIds }),
    [],
  );
  const mayRecord =
    session?.role === 'admin' ||
    (session?.role === 'desk_officer' && (session.countries === null || session.countries.includes(code)));
  const briefSearch = view.asOf ? `?asOf=${view.asOf}` : '';

  return (
    <main id="main" className="page country-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Countries</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{name}</span>
      </nav>
      <div className="country-head">
        <div className="page-title">
          <h1>{name}</h1>
          <span className="code">{code}</span>
        </div>
        <div className="country-actions">
          <Link className="button-link" to={`/countries/${code}/brief${briefSearch}`}>
            Brief
          </Link>
          {mayRecord && (
            <Link className="button-link primary" to={`/countries/${code}/record`}>
              Record an entry
            </Link>
          )}
        </div>
      </div>
      <ViewControls asOf={view.asOf} knownAt={view.knownAt} onChange={change} />
      <DependencyPanel
        code={code}
        asOf={view.asOf}
        knownAt={view.knownAt}
        domain={view.domain}
        onDomain={(domain) => change({ domain })}
        api={api}
        onOpen={open}
        onUnauthenticated={signOut}
      />
      <StanceTrend
        code={code}
        asOf={view.asOf}
        knownAt={view.knownAt}
        api={api}
        onOpen={open}
        onUnauthenticated={signOut}
      />
      <div className="country-columns">
        <Timeline
          code={code}
          name={name}
          view={view}
          api={api}
          onViewChange={change}
          onUnauthenticated={signOut}
        />
        <OpenItems
          code={code}
          asOf={view.asOf}
          knownAt={view.knownAt}
          api={api}
          onUnauthenticated={signOut}
        />
      </div>
      {dialog && (
        <EntryDialog
          title={dialog.title}
          eventIds={dialog.eventIds}
          api={api}
          knownAt={view.knownAt}
          onClose={() => setDialog(null)}
        />
      )}
    </main>
  );
}
