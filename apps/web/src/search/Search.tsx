import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import type { SearchPage } from '../api/types';
import { briefApi } from '../brief/api';
import { ClassificationMark } from '../components/ClassificationMark';
import { countryName, day, kindOf } from '../format';
import { useSession } from '../session/session-context';
import { snippetParts } from './snippet';
import './search.css';

type Item = SearchPage['items'][number];
type Results =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly message: string }
  | {
      readonly state: 'ready';
      readonly items: readonly Item[];
      readonly nextCursor: string | null;
      readonly more: 'idle' | 'loading' | 'failed';
    };

const KNOWN = ['unclassified', 'restricted', 'confidential', 'secret'] as const;
const levelOf = (level: string) => KNOWN.find((known) => known === level) ?? 'secret';

/** A snippet with its matches highlighted: text nodes and <mark>s, never HTML from the server. */
function Snippet({ text }: { text: string }) {
  return (
    <p className="result-snippet">
      {snippetParts(text).map((part, index) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
          <mark key={index}>{part.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function problemMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const field = error.problem.errors?.[0]?.message;
    return field ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Full-text search across the countries and up to the clearance of the reader, most relevant first. */
export function Search() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const { session, signOut } = useSession();
  const token = session?.token ?? '';
  const api = useMemo(() => briefApi(token), [token]);
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const firstNew = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  /** The "more results" under way: a new query aborts it, so an older query's page never lands on a newer one's. */
  const more = useRef<AbortController | null>(null);
  // The query names the page while it is open, and no other page afterwards.
  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, []);

  useEffect(() => {
    document.title = q ? `Search: ${q} · Démarche` : 'Search · Démarche';
    if (!q) {
      setResults({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setResults({ state: 'loading' });
    api.search(q, undefined, controller.signal).then(
      (page) => setResults({ state: 'ready', items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.problem.status === 401) return signOut();
        setResults({ state: 'failed', message: problemMessage(error) });
      },
    );
    return () => {
      controller.abort();
      more.current?.abort();
    };
  }, [q, api, signOut]);

  // After "more results", the first new result takes the focus, so a keyboard reader carries on from there.
  useEffect(() => {
    if (results.state !== 'ready' || firstNew.current === null) return;
    const links = list.current?.querySelectorAll<HTMLAnchorElement>('.result-headline a');
    links?.[firstNew.current]?.focus();
    firstNew.current = null;
  }, [results]);

  async function loadMore() {
    if (results.state !== 'ready' || !results.nextCursor) return;
    const shown = results;
    more.current?.abort();
    const controller = new AbortController();
    more.current = controller;
    setResults({ ...shown, more: 'loading' });
    try {
      const page = await api.search(q, shown.nextCursor ?? undefined, controller.signal);
      if (controller.signal.aborted) return;
      firstNew.current = shown.items.length;
      setResults({
        state: 'ready',
        items: [...shown.items, ...page.items],
        nextCursor: page.nextCursor,
        more: 'idle',
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.problem.status === 401) return signOut();
      setResults({ ...shown, more: 'failed' });
    }
  }

  return (
    <main id="main" className="page search-page">
      <div className="page-title">
        <h1>Search</h1>
        {q && <p className="muted">for “{q}”</p>}
      </div>
      {!q && (
        <p>
          Type words in the search box above: all of them must match. Use "quotes" for a phrase, or, and
          -word.
        </p>
      )}
      {results.state === 'loading' && <p aria-live="polite">Searching…</p>}
      {results.state === 'failed' && (
        <p role="alert" className="error">
          The search failed: {results.message}
        </p>
      )}
      {results.state === 'ready' && (
        <>
          <p className="muted" aria-live="polite" data-testid="result-count">
            {results.items.length === 0
              ? `No entry you may read matches “${q}”.`
              : `${results.items.length} ${results.items.length === 1 ? 'result' : 'results'}${
                  results.nextCursor ? ' shown, more below' : ''
                }, most relevant first.`}
          </p>
          {results.items.length > 0 && (
            <ol className="results" ref={list}>
              {results.items.map((item) => (
                <li key={item.eventId} className="search-result" data-event-id={item.eventId}>
                  <div className="entry-meta">
                    <ClassificationMark level={levelOf(item.classification)} />
                    <span className="kind">{kindOf(item.eventType)}</span>
                    <time dateTime={item.occurredAt}>{day(item.occurredAt)}</time>
                    <Link to={`/countries/${item.country}`} className="result-country">
                      {countryName(item.country)}
                    </Link>
                  </div>
                  <h2 className="result-headline">
                    <Link to={`/entries/${item.eventId}`}>{item.headline}</Link>
                  </h2>
                  {item.snippet && <Snippet text={item.snippet} />}
                </li>
              ))}
            </ol>
          )}
          {results.nextCursor && (
            <p>
              <button type="button" className="more" onClick={loadMore} disabled={results.more === 'loading'}>
                {results.more === 'loading' ? 'Loading…' : 'More results'}
              </button>
              {results.more === 'failed' && (
                <span role="alert" className="error">
                  {' '}
                  The next results could not be loaded; try again.
                </span>
              )}
            </p>
          )}
        </>
      )}
    </main>
  );
}
