import { visibleTo } from '../read-scope.sql.js';
import { type CorrectionsCursor, encodeCorrectionsCursor } from './corrections-cursor.js';

/**
 * A page of the corrections trail of `${alias}` (a `country_timeline` row), newest first: the items placed before
 * `before` (a parameter placeholder; all when NULL), at most `limit` (a placeholder), each as `{ n, item }` where
 * `n` is its place in the trail (1 = the first recorded). Select it `AS trail_page`, with `trail_length`.
 */
export function trailPage(alias: string, before: string, limit: string): string {
  return `
  jsonb_array_length(${alias}.trail) AS trail_length,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('n', a.n, 'item', a.item) ORDER BY a.n DESC), '[]'::jsonb)
   FROM (SELECT e.item, e.n FROM jsonb_array_elements(${alias}.trail) WITH ORDINALITY AS e(item, n)
         WHERE ${before}::int IS NULL OR e.n < ${before}::int
         ORDER BY e.n DESC LIMIT ${limit}::int) a) AS trail_page`;
}

/** The columns trailPage adds. */
export interface TrailPageRow {
  trail_length: number;
  trail_page: Array<{ n: number; item: unknown }>;
}

/**
 * One page of an entry's corrections, from its current revision, keyset-paginated on the place in the trail
 * ($2, from the cursor; the trail only ever grows at its end). `cursor_event_id` is the event id at that place,
 * for telling a cursor issued for this entry from any other. An entry the reader ($4 its clearance's rank, $5 its
 * countries) may not see has no row, as an unknown one; its corrections carry its level, so the trail of an entry the
 * reader sees is all visible to it.
 */
export const CORRECTIONS_PAGE = `
SELECT ${trailPage('t', '$2', '$3')},
  t.trail -> ($2::int - 1) ->> 'eventId' AS cursor_event_id
FROM country_timeline t WHERE t.event_id = $1 AND t.known_until IS NULL AND ${visibleTo('t', '$4', '$5')}`;

export type CorrectionsPageRow = TrailPageRow & { cursor_event_id: string | null };

/** Corrections and the retraction of an entry, newest first, a page at a time. */
export interface CorrectionsPage {
  /** How many the entry has in all. */
  readonly total: number;
  readonly items: readonly unknown[];
  /** Send it as `cursor` to `GET /v1/entries/{eventId}/corrections` for the older ones; null when none are left. */
  readonly nextCursor: string | null;
}

export function toCorrectionsPage(row: TrailPageRow): CorrectionsPage {
  const last = row.trail_page.at(-1);
  const cursor: CorrectionsCursor | undefined =
    last && last.n > 1 ? { before: last.n, eventId: (last.item as { eventId: string }).eventId } : undefined;
  return {
    total: row.trail_length,
    items: row.trail_page.map((e) => e.item),
    nextCursor: cursor ? encodeCorrectionsCursor(cursor) : null,
  };
}
