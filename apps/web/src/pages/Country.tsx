import { Link, useParams } from 'react-router';
import type { TimelineEntry } from '../api/types';
import { useResource } from '../api/use-resource';
import { ClassificationMark } from '../components/ClassificationMark';
import { countryName, day, kindOf, month } from '../format';
import { useApi, useSession } from '../session/session-context';

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

/** A country: for now its timeline, newest first (the panels of the issue join it later). */
export function Country() {
  const code = (useParams().country ?? '').toUpperCase();
  const api = useApi();
  const { signOut } = useSession();
  const timeline = useResource(`timeline:${code}`, (signal) => api.timeline(code, signal), signOut);
  const name = countryName(code);

  return (
    <main id="main" className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Countries</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{name}</span>
      </nav>
      <div className="page-title">
        <h1>{name}</h1>
        <span className="code">{code}</span>
      </div>
      <h2>Timeline</h2>
      {timeline.state === 'loading' && <p aria-live="polite">Loading the timeline…</p>}
      {timeline.state === 'failed' && (
        <p role="alert" className="error">
          The timeline could not be loaded: {timeline.error.message}
        </p>
      )}
      {timeline.state === 'ready' && timeline.value.entries.length === 0 && (
        <p>No entry you may read for {name} yet.</p>
      )}
      {timeline.state === 'ready' &&
        byMonth(timeline.value.entries).map((group) => (
          <section key={group.month} className="month" aria-labelledby={monthId(group.month)}>
            <h3 id={monthId(group.month)}>{group.month}</h3>
            <ol className="timeline">
              {group.entries.map((entry) => (
                <li key={entry.eventId} className="entry" data-event-id={entry.eventId}>
                  <div className="entry-meta">
                    <time dateTime={entry.occurredAt}>{day(entry.occurredAt)}</time>
                    <span className="kind">{kindOf(entry.eventType)}</span>
                    <ClassificationMark level={entry.classification} />
                  </div>
                  <p className="entry-headline">{entry.headline}</p>
                  {entry.topics.length > 0 && (
                    <ul className="tags" aria-label="Topics">
                      {entry.topics.map((topic) => (
                        <li key={topic}>{topic}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))}
      {timeline.state === 'ready' && timeline.value.nextCursor && (
        <p className="muted">Showing the latest {timeline.value.entries.length} entries.</p>
      )}
    </main>
  );
}
