import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { EntryView } from '../api/types';
import { ClassificationMark } from '../components/ClassificationMark';
import { day, kindOf } from '../format';
import type { CountryApi } from './api';
import { CorrectionTrail } from './CorrectionTrail';
import { FAMILY_STYLE, familyOf } from './entry-kinds';

type Loaded = { eventId: string; entry: EntryView } | { eventId: string; error: string };

/** The words of an entry worth reading beside its headline, as recorded (and corrected). */
export function entryText(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  for (const field of ['summary', 'description', 'reason', 'note', 'quote']) {
    const value = record[field];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/** The entries behind a marker or a move, in a modal dialog (focus moves into it; Escape closes it). */
export function EntryDialog({
  title,
  eventIds,
  api,
  onClose,
  knownAt,
}: {
  title: string;
  /** The page's "known at": an entry is read as it stands now (the API reads one entry no other way), so say so. */
  knownAt?: string;
  eventIds: readonly string[];
  api: CountryApi;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded[] | null>(null);

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids name what is loaded
  useEffect(() => {
    const controller = new AbortController();
    setLoaded(null);
    Promise.all(
      eventIds.map(async (eventId): Promise<Loaded> => {
        try {
          return { eventId, entry: await api.entry(eventId, controller.signal) };
        } catch (error) {
          return { eventId, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    ).then((all) => {
      if (!controller.signal.aborted) setLoaded(all);
    });
    return () => controller.abort();
  }, [eventIds.join(',')]);

  return (
    <dialog ref={dialog} className="entry-dialog" aria-labelledby="entry-dialog-title" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="entry-dialog-title">{title}</h2>
        <button type="button" className="close-button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {knownAt && (
        <p className="muted" data-testid="dialog-as-now">
          Shown as {eventIds.length === 1 ? 'it stands' : 'they stand'} now, with any correction recorded
          after {day(knownAt)}.
        </p>
      )}
      {loaded === null && (
        <p aria-live="polite">Loading {eventIds.length === 1 ? 'the entry' : 'the entries'}…</p>
      )}
      {loaded && (
        <ol className="dialog-entries">
          {loaded.map((item) =>
            'entry' in item ? (
              <li key={item.eventId} className={`dialog-entry family-${familyOf(item.entry.eventType)}`}>
                <div className="entry-meta">
                  <span className="kind">
                    <span className="glyph" aria-hidden="true">
                      {FAMILY_STYLE[familyOf(item.entry.eventType)].glyph}
                    </span>{' '}
                    {kindOf(item.entry.eventType)}
                  </span>
                  <time dateTime={item.entry.occurredAt}>{day(item.entry.occurredAt)}</time>
                  <ClassificationMark level={item.entry.classification} />
                  {item.entry.retracted && <span className="badge badge-retracted">Retracted</span>}
                </div>
                <h3 className="dialog-headline">{item.entry.headline}</h3>
                {entryText(item.entry.data) && <p>{entryText(item.entry.data)}</p>}
                {item.entry.source && (
                  <p className="muted small">
                    Source: {item.entry.source}
                    {item.entry.confidence ? ` (confidence: ${item.entry.confidence})` : ''}
                  </p>
                )}
                <CorrectionTrail entry={item.entry} api={api} />
                <Link to={`/entries/${item.eventId}`}>Open the entry page</Link>
              </li>
            ) : (
              <li key={item.eventId} className="dialog-entry">
                <p className="muted">This entry could not be shown ({item.error}).</p>
              </li>
            ),
          )}
        </ol>
      )}
    </dialog>
  );
}
