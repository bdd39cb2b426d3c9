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

/**
 * Stores many events in their streams' histories in one round trip (see storeManyInHistory): which of them were
 * new, and what their streams held before. The history is matched with `= ANY` of the array, which the planner
 * takes through the primary key even on a shadow table it has no statistics for yet; `IN (SELECT … FROM input)`
 * was planned as a scan of the whole table, each statement of a rebuild slower than the last.
 */
export const STORE_MANY_AND_READ_HISTORIES = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::jsonb[]) AS i(stream_id, stream_version, event)
), stored AS (
  INSERT INTO projected_events (stream_id, stream_version, event)
  SELECT stream_id, stream_version, event FROM input
  ON CONFLICT DO NOTHING RETURNING stream_id, stream_version, event
)
SELECT true AS stored, stream_id, stream_version, event FROM stored
UNION ALL
SELECT false, h.stream_id, h.stream_version, h.event FROM projected_events h
WHERE h.stream_id = ANY($1::text[])`;

/**
 * storeInHistory for a list of events in one round trip: for each, in order, its stream's history up to it as
 * storeInHistory returns it, or undefined when the history held it already (or the list held it earlier). The
 * statement reads the histories as they were before it (its own rows are not visible to it), so each event's
 * history is what was there before joined with the events of the list stored before it.
 */
export async function storeManyInHistory(
  client: pg.ClientBase,
  events: readonly RecordedEvent[],
): Promise<Array<RecordedEvent[] | undefined>> {
  if (events.length === 0) return [];
  const { rows } = await client.query<HistoryRow>({
    name: 'demarche-store-many-and-read-histories',
    text: STORE_MANY_AND_READ_HISTORIES,
    values: [
      events.map((e) => e.streamId),
      events.map((e) => e.streamVersion),
      events.map((e) => JSON.stringify(e)),
    ],
  });
  return historiesOf(events, rows);
}

/** A row of a statement that stores many events in the stream history (see STORE_MANY_AND_READ_HISTORIES). */
export interface HistoryRow {
  /** Stored by the statement; otherwise in the history before it. */
  readonly stored: boolean;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event: RecordedEvent;
}

/**
 * For each event, in order: its stream's history up to it (what was there before, the events of the list stored
 * before it, itself as stored), upcast; or undefined when the statement did not store it (a duplicate), or stored
 * an earlier copy of it in the list.
 */
export function historiesOf(
  events: readonly RecordedEvent[],
  rows: readonly HistoryRow[],
): Array<RecordedEvent[] | undefined> {
  const streams = new Map<string, Map<number, RecordedEvent>>();
  const stored = new Map<string, RecordedEvent>();
  for (const row of rows) {
    if (row.stored) stored.set(`${row.stream_id}\u0000${row.stream_version}`, row.event);
    else {
      const history = streams.get(row.stream_id) ?? new Map<number, RecordedEvent>();
      history.set(row.stream_version, row.event);
      streams.set(row.stream_id, history);
    }
  }
  return events.map((event) => {
    const key = `${event.streamId}\u0000${event.streamVersion}`;
    const own = stored.get(key);
    // Taken once: a second copy of the event in the list is a duplicate, as it would be one at a time.
    if (own === undefined) return undefined;
    stored.delete(key);
    const history = streams.get(event.streamId) ?? new Map<number, RecordedEvent>();
    history.set(event.streamVersion, own);
    streams.set(event.streamId, history);
    const upTo = [...history.entries()]
      .filter(([version]) => version <= event.streamVersion)
      .sort(([a], [b]) => a - b)
      .map(([, e]) => e);
    return upcastStreams(upTo);
  });
}
