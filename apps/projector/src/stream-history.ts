import type pg from 'pg';
import { type RecordedEvent, upcastStreams } from '#domain';

/**
 * A stream's history as the projector stored it (`projected_events`, in the search path's schema), up to and
 * including `upToVersion` when given. Rows may hold older schema versions (as published, or stored by an older
 * build): they are upcast here, each with the events before it, the one place projections get their history from.
 * The event being applied is read back from it too (see eventAsOf), at the newest version.
 */
export const STREAM_HISTORY = `
SELECT event FROM projected_events
WHERE stream_id = $1 AND ($2::int IS NULL OR stream_version <= $2::int)
ORDER BY stream_version`;

export async function loadStreamHistory(
  client: pg.ClientBase,
  streamId: string,
  upToVersion: number | null = null,
): Promise<RecordedEvent[]> {
  const { rows } = await client.query<{ event: RecordedEvent }>(STREAM_HISTORY, [streamId, upToVersion]);
  // From the stream's first event: every upcast step runs, those that read the events before included.
  return upcastStreams(rows.map((r) => r.event));
}

/** The event as the history it was loaded with reads it: upcast with every step (the record may lack some). */
export function eventAsOf(event: RecordedEvent, history: readonly RecordedEvent[]): RecordedEvent {
  return history.find((e) => e.eventId === event.eventId) ?? event;
}

/**
 * Stores the event in the stream history (`projected_events` on the search path) and reads back the history up
 * to it, itself included as stored, in one round trip. No rows: the event was there already (a duplicate).
 */
export const STORE_AND_READ_HISTORY = `
WITH stored AS (
  INSERT INTO projected_events (stream_id, stream_version, event) VALUES ($1, $2, $3)
  ON CONFLICT DO NOTHING RETURNING stream_version, event
)
SELECT stream_version, event FROM stored
UNION ALL
SELECT h.stream_version, h.event FROM projected_events h
WHERE h.stream_id = $1 AND h.stream_version < $2 AND EXISTS (SELECT 1 FROM stored)
ORDER BY stream_version`;

/**
 * Stores `event` in its stream's history and returns the history up to it, upcast as loadStreamHistory returns
 * it; undefined when the history held the event already.
 */
export async function storeInHistory(
  client: pg.ClientBase,
  event: RecordedEvent,
): Promise<RecordedEvent[] | undefined> {
  const { rows } = await client.query<{ event: RecordedEvent }>({
    name: 'demarche-store-and-read-history',
    text: STORE_AND_READ_HISTORY,
    values: [event.streamId, event.streamVersion, JSON.stringify(event)],
  });
  return rows.length === 0 ? undefined : upcastStreams(rows.map((r) => r.event));
}
