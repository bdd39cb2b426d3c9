import type pg from 'pg';
import type { RecordedEvent } from '#domain';
import { type EventRow, toRecordedEvent } from './rows.js';
import { COUNT_EVENTS, READ_EVENTS_AFTER, READ_STREAM } from './sql.js';

/** A pool, or a client inside a caller's transaction: these reads run on either. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Up to `limit` events after a position (a decimal string; '0' for the start), in position order, upcast, of
 * one country when given. Paging by position may pass an event committed late with a lower position (see
 * READ_EVENTS_AFTER): callers that must see every event check stream versions afterwards.
 */
export async function readEventsAfter(
  db: Queryable,
  after: string,
  { limit, country = null }: { readonly limit: number; readonly country?: string | null },
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(READ_EVENTS_AFTER, [after, country, limit]);
  return rows.map(toRecordedEvent);
}

/** How many events the log holds, or one country's. */
export async function countEvents(db: Queryable, country: string | null = null): Promise<number> {
  const { rows } = await db.query<{ n: number }>(COUNT_EVENTS, [country]);
  return rows[0]?.n ?? 0;
}

/** One stream in version order, upcast, up to and including `upToVersion` when given; unknown reads as empty. */
export async function readStreamEvents(
  db: Queryable,
  streamId: string,
  upToVersion: number | null = null,
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(READ_STREAM, [streamId]);
  return rows.map(toRecordedEvent).filter((e) => upToVersion === null || e.streamVersion <= upToVersion);
}
