import type pg from 'pg';
import { type RecordedEvent, upcastStreams } from '#domain';
import { type EventRow, toRecordedEvent, toStoredEvent } from './rows.js';
import { COUNT_EVENTS, HEAD_POSITION, READ_EVENTS_AFTER, READ_STREAM, READ_STREAMS } from './sql.js';

/** A pool, or a client inside a caller's transaction: these reads run on either. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Up to `limit` events after a position (a decimal string; '0' for the start) and up to `upTo` when given, in
 * position order, upcast, of one country when given. A page holds no whole streams, so the upcast stops before
 * a step that reads the stream's history (#domain upcast): the projector, which reads these, finishes it from
 * the stream it keeps. Paging by position may pass an event committed late with a lower position (see
 * READ_EVENTS_AFTER): callers that must see every event check stream versions afterwards.
 */
export async function readEventsAfter(
  db: Queryable,
  after: string,
  {
    limit,
    country = null,
    upTo = null,
  }: { readonly limit: number; readonly country?: string | null; readonly upTo?: string | null },
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(READ_EVENTS_AFTER, [after, country, limit, upTo]);
  return rows.map(toRecordedEvent);
}

/** The highest position allocated so far, '0' for an empty log: `upTo` for a read that must end. */
export async function headPosition(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ position: string }>(HEAD_POSITION);
  return rows[0]?.position ?? '0';
}

/**
 * Several streams in one read, each up to and including the version given for it, upcast, in position order
 * (which is each stream's version order).
 */
export async function readStreamsEvents(
  db: Queryable,
  upTo: ReadonlyMap<string, number>,
): Promise<RecordedEvent[]> {
  if (upTo.size === 0) return [];
  const { rows } = await db.query<EventRow>(READ_STREAMS, [[...upTo.keys()]]);
  // Whole streams, so every upcast step runs, each event with the ones before it in its stream.
  return upcastStreams(rows.map(toStoredEvent)).filter((e) => e.streamVersion <= (upTo.get(e.streamId) ?? 0));
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
  return upcastStreams(rows.map(toStoredEvent)).filter(
    (e) => upToVersion === null || e.streamVersion <= upToVersion,
  );
}
