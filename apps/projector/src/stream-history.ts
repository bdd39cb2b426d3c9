import type pg from 'pg';
import { type RecordedEvent, upcast } from '#domain';

/**
 * A stream's history as the projector stored it (`projected_events`, in the search path's schema), up to and
 * including `upToVersion` when given. Rows stored by an older build may hold older schema versions: they are
 * upcast here, the one place projections get their history from.
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
  return rows.map((r) => upcast(r.event));
}
