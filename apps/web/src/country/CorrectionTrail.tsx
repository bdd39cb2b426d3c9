import { useState } from 'react';
import type { CorrectionTrailItem } from '#domain';
import type { EntryView, TimelineEntry } from '../api/types';
import { day } from '../format';
import type { CountryApi } from './api';

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'amount' in value && 'currency' in value)
    return `${String((value as { amount: unknown }).amount)} ${String((value as { currency: unknown }).currency)}`;
  return JSON.stringify(value);
}

const fieldName = (field: string) => field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * An entry's corrections and retraction, newest first: those the entry carries, and the older ones a page at a
 * time from GET /v1/entries/{id}/corrections.
 */
export function CorrectionTrail({
  entry,
  api,
}: {
  entry: Pick<TimelineEntry | EntryView, 'eventId' | 'corrections' | 'retracted'>;
  api: CountryApi;
}) {
  const [older, setOlder] = useState<CorrectionTrailItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(entry.corrections.nextCursor);
  const [failed, setFailed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const items = [...(entry.corrections.items as CorrectionTrailItem[]), ...older];
  if (entry.corrections.total === 0) return null;

  const loadOlder = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.corrections(entry.eventId, cursor);
      setOlder((before) => [...before, ...(page.items as CorrectionTrailItem[])]);
      setCursor(page.nextCursor);
      setFailed(null);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  };

  const total = entry.corrections.total;
  return (
    <details className="trail">
      <summary>
        {entry.retracted ? 'Retraction and corrections' : 'Correction trail'} ({total}{' '}
        {total === 1 ? 'change' : 'changes'})
      </summary>
      <ol className="trail-items">
        {items.map((item) => (
          <li key={item.eventId}>
            <p className="trail-head">
              <strong>{item.kind === 'retraction' ? 'Retracted' : 'Corrected'}</strong> on{' '}
              <time dateTime={item.recordedAt}>{day(item.recordedAt)}</time> by {item.recordedBy}
            </p>
            <p className="trail-reason">“{item.reason}”</p>
            {item.changes && Object.keys(item.changes).length > 0 && (
              <dl className="trail-changes">
                {Object.entries(item.changes).map(([field, value]) => (
                  <div key={field}>
                    <dt>{fieldName(field)}</dt>
                    <dd>{shown(value)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
      {cursor && (
        <button type="button" className="link-button" onClick={loadOlder} disabled={loading}>
          {loading ? 'Loading…' : 'Show older corrections'}
        </button>
      )}
      {failed && (
        <p role="alert" className="error">
          {failed}
        </p>
      )}
    </details>
  );
}
