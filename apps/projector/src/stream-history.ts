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
