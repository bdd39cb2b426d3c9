import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { TimelineEntry } from '../api/types';
import { ClassificationMark } from '../components/ClassificationMark';
import { day, kindOf, month } from '../format';
import type { CountryApi } from './api';
import { CorrectionTrail } from './CorrectionTrail';
import { entryText } from './EntryDialog';
import { FAMILY_STYLE, familyOf, kindsByFamily } from './entry-kinds';
import { type CountryView, filtered, type TimelineQuery, timelineQueryOf } from './view-params';

/** Entries in the order served (newest first), in runs of one month each. */
function byMonth(entries: readonly TimelineEntry[]): Array<{ month: string; entries: TimelineEntry[] }> {
  const groups: Array<{ month: string; entries: TimelineEntry[] }> = [];
  for (const entry of entries) {
    const label = month(entry.occurredAt);
    const last = groups.at(-1);
    if (last?.month === label) last.entries.push(entry);
    else groups.push({ month: label, entries: [entry] });
  }
  return groups;
}

const monthId = (label: string) => `month-${label.replace(/\s+/g, '-')}`;

type Pages =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | {
      state: 'ready';
      entries: TimelineEntry[];
      nextCursor: string | null;
      more: 'idle' | 'loading' | string;
    };

const PAGE = 50;

function useTimeline(api: CountryApi, code: string, query: TimelineQuery, onUnauthenticated: () => void) {
  const [pages, setPages] = useState<Pages>({ state: 'loading' });
  /** The "Load more" under way: a new query aborts it, so an older query's page never lands on a newer one's. */
  const more = useRef<AbortController | null>(null);
  const key = JSON.stringify([code, query]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what is loaded
  useEffect(() => {
    const controller = new AbortController();
    setPages({ state: 'loading' });
    api.timeline(code, { ...query, limit: PAGE }, controller.signal).then(
      (page) =>
        setPages({ state: 'ready', entries: [...page.entries], nextCursor: page.nextCursor, more: 'idle' }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.problem.status === 401) return onUnauthenticated();
        setPages({ state: 'failed', error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      controller.abort();
      more.current?.abort();
    };
  }, [key]);

  const loadMore = async () => {
    if (pages.state !== 'ready' || !pages.nextCursor) return;
    more.current?.abort();
    const controller = new AbortController();
    more.current = controller;
    setPages({ ...pages, more: 'loading' });
    try {
      const page = await api.timeline(
        code,
        { ...query, limit: PAGE, cursor: pages.nextCursor },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setPages({
        state: 'ready',
        entries: [...pages.entries, ...page.entries],
        nextCursor: page.nextCursor,
        more: 'idle',
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.problem.status === 401) return onUnauthenticated();
      setPages({ ...pages, more: error instanceof Error ? error.message : String(error) });
    }
  };
  return { pages, loadMore };
}

type FilterName = 'kind' | 'topic' | 'vendor' | 'participant' | 'from' | 'to';

function Filters({
  view,
  onChange,
}: {
  view: CountryView;
  onChange: (changes: Partial<Record<FilterName | 'retracted', string | undefined>>) => void;
}) {
  const initial = () => ({
    kind: view.kind ?? '',
    topic: view.topic ?? '',
    vendor: view.vendor ?? '',
    participant: view.participant ?? '',
    from: view.from ?? '',
    to: view.to ?? '',
  });
  const [draft, setDraft] = useState<Record<FilterName, string>>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL's view is the source; the draft follows it
  useEffect(
    () => setDraft(initial()),
    [view.kind, view.topic, view.vendor, view.participant, view.from, view.to],
  );
  const field = (name: FilterName) => ({
    id: `filter-${name}`,
    name,
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className="filters" aria-label="Filter the timeline" onSubmit={submit}>
      <div className="field">
        <label htmlFor="filter-kind">Kind</label>
        <select {...field('kind')}>
          <option value="">All kinds</option>
          {kindsByFamily().map(({ family }) => (
            <option key={family} value={family}>
              {FAMILY_STYLE[family].name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-topic">Topic</label>
        <input type="text" {...field('topic')} placeholder="e.g. cybersecurity" />
      </div>
      <div className="field">
        <label htmlFor="filter-vendor">Vendor</label>
        <input type="text" {...field('vendor')} placeholder="e.g. Huawei" />
      </div>
      <div className="field">
        <label htmlFor="filter-participant">Participant</label>
        <input type="text" {...field('participant')} />
      </div>
      <div className="field">
        <label htmlFor="filter-from">From</label>
        <input type="date" {...field('from')} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To</label>
        <input type="date" {...field('to')} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        {filtered(view) && (
          <button
            type="button"
            className="plain"
            onClick={() =>
              onChange({
                kind: undefined,
                topic: undefined,
                vendor: undefined,
                participant: undefined,
                from: undefined,
                to: undefined,
              })
            }
          >
            Clear filters
          </button>
        )}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={view.retracted}
          onChange={(event) => onChange({ retracted: event.target.checked ? 'true' : undefined })}
        />{' '}
        Show retracted entries
      </label>
    </form>
  );
}

function Entry({ entry, api }: { entry: TimelineEntry; api: CountryApi }) {
  const family = familyOf(entry.eventType);
  const text = entryText(entry.data);
  const corrected = entry.corrections.total > 0;
  return (
    <li
      className={`entry family-${family}${entry.retracted ? ' retracted' : ''}`}
      data-event-id={entry.eventId}
      data-event-type={entry.eventType}
    >
      <div className="entry-meta">
        <span className="kind">
          <span className="glyph" aria-hidden="true">
            {FAMILY_STYLE[family].glyph}
          </span>{' '}
          {kindOf(entry.eventType)}
        </span>
        <time dateTime={entry.occurredAt}>{day(entry.occurredAt)}</time>
        <ClassificationMark level={entry.classification} />
        {entry.retracted && <span className="badge badge-retracted">Retracted</span>}
        {corrected && !entry.retracted && <span className="badge badge-corrected">Corrected</span>}
      </div>
      <p className="entry-headline">{entry.headline}</p>
      {text && text !== entry.headline && <p className="entry-text">{text}</p>}
      {(entry.topics.length > 0 || entry.vendors.length > 0) && (
        <ul className="tags" aria-label="Topics and vendors">
          {entry.topics.map((topic) => (
            <li key={`t-${topic}`}>{topic}</li>
          ))}
          {entry.vendors.map((vendor) => (
            <li key={`v-${vendor}`} className="tag-vendor">
              {vendor}
            </li>
          ))}
        </ul>
      )}
      <CorrectionTrail
        // A new known-at can bring the same entry back with another trail: start it afresh.
        key={`${entry.corrections.total}:${entry.corrections.nextCursor ?? ''}`}
        entry={entry}
        api={api}
      />
    </li>
  );
}

/** The country's timeline, newest first, grouped by month, filtered as the URL says, a page at a time. */
export function Timeline({
  code,
  name,
  view,
  api,
  onViewChange,
  onUnauthenticated,
}: {
  code: string;
  name: string;
  view: CountryView;
  api: CountryApi;
  onViewChange: (changes: Partial<Record<FilterName | 'retracted', string | undefined>>) => void;
  onUnauthenticated: () => void;
}) {
  const { pages, loadMore } = useTimeline(api, code, timelineQueryOf(view), onUnauthenticated);
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <Filters view={view} onChange={onViewChange} />
      <div aria-live="polite" className="timeline-status">
        {pages.state === 'loading' && <p>Loading the timeline…</p>}
        {pages.state === 'ready' && (
          <p className="muted small" data-testid="timeline-count">
            {pages.entries.length === 0
              ? `No entry you may read for ${name}${filtered(view) ? ' matches these filters' : ''}.`
              : `${pages.entries.length}${pages.nextCursor ? '+' : ''} ${pages.entries.length === 1 ? 'entry' : 'entries'}${filtered(view) ? ' matching the filters' : ''}.`}
          </p>
        )}
      </div>
      {pages.state === 'failed' && (
        <p role="alert" className="error">
          The timeline could not be loaded: {pages.error}
        </p>
      )}
      {pages.state === 'ready' &&
        byMonth(pages.entries).map((group) => (
          <section key={group.month} className="month" aria-labelledby={monthId(group.month)}>
            <h3 id={monthId(group.month)}>{group.month}</h3>
            <ol className="timeline">
              {group.entries.map((entry) => (
                <Entry key={entry.eventId} entry={entry} api={api} />
              ))}
            </ol>
          </section>
        ))}
      {pages.state === 'ready' && pages.nextCursor && (
        <p>
          <button type="button" className="primary" onClick={loadMore} disabled={pages.more === 'loading'}>
            {pages.more === 'loading' ? 'Loading…' : 'Load more'}
          </button>
        </p>
      )}
      {pages.state === 'ready' && pages.more !== 'idle' && pages.more !== 'loading' && (
        <p role="alert" className="error">
          More entries could not be loaded: {pages.more}
        </p>
      )}
    </section>
  );
}
