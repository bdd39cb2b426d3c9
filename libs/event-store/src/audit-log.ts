import type pg from 'pg';
import { ENTRY_CORRECTED, ENTRY_RETRACTED } from '#domain';

/**
 * A page of the event store's log, newest first (by global position, the order the store took the events:
 * keyset on the primary key, read backwards), of what the reader may see:
 * - $1 the levels at or below the reader's clearance, as text: `classification = ANY($1)` compares the column
 *   itself, so an index on it (or on (country, global_position) with the country filter) stays usable, where a
 *   rank computed per row (`array_position(…)`) would not be. An event is listed only if no event of its stream
 *   is above the clearance: an entry is as high as its highest event (as EntryStore.readStream judges it), and
 *   an entry above the reader's clearance must not show up here either, not even by its recording;
 * - $2 the reader's countries (NULL: every country);
 * - $3 recorded by (exact subject), $4 country, $5 recorded at or after, $6 recorded before;
 * - $7 before this position (the cursor), $8 how many rows (the page size + 1, to tell whether more follow).
 * Entry content never leaves the store here: of `data`, only a correction's or retraction's target id.
 */
const AUDIT_PAGE = `
SELECT e.global_position, e.event_id, e.event_type, e.stream_id, e.stream_version, e.country, e.classification,
  e.recorded_by, e.recorded_at,
  CASE WHEN e.event_type IN ('${ENTRY_CORRECTED}', '${ENTRY_RETRACTED}') THEN e.data ->> 'targetEventId' END
    AS target_event_id
FROM events e
WHERE e.classification = ANY($1::text[])
  AND NOT EXISTS (
    SELECT 1 FROM events s WHERE s.stream_id = e.stream_id AND NOT (s.classification = ANY($1::text[])))
  AND ($2::text[] IS NULL OR e.country = ANY($2::bpchar[]))
  AND ($3::text IS NULL OR e.recorded_by = $3::text)
  AND ($4::text IS NULL OR e.country = $4::bpchar)
  AND ($5::timestamptz IS NULL OR e.recorded_at >= $5::timestamptz)
  AND ($6::timestamptz IS NULL OR e.recorded_at < $6::timestamptz)
  AND ($7::bigint IS NULL OR e.global_position < $7::bigint)
ORDER BY e.global_position DESC
LIMIT $8::int`;

export interface AuditRow {
  global_position: string;
  event_id: string;
  event_type: string;
  stream_id: string;
  stream_version: number;
  country: string;
  classification: string;
  recorded_by: string;
  recorded_at: Date;
  target_event_id: string | null;
}

/** What the audit trail is filtered by; null leaves a filter out. */
export interface AuditFilter {
  /** The level names at or below the reader's clearance. */
  readonly levels: readonly string[];
  /** The reader's countries; null for every country. */
  readonly countries: readonly string[] | null;
  readonly recordedBy: string | null;
  readonly country: string | null;
  readonly from: Date | null;
  readonly to: Date | null;
  /** Only events before this global position (a page's cursor). */
  readonly before: string | null;
  readonly limit: number;
}

/** The audit trail's rows, read from the event store's own log (the only place that SQL on `events` lives). */
export async function readAuditPage(pool: pg.Pool, filter: AuditFilter): Promise<AuditRow[]> {
  const { rows } = await pool.query<AuditRow>(AUDIT_PAGE, [
    filter.levels,
    filter.countries,
    filter.recordedBy,
    filter.country,
    filter.from,
    filter.to,
    filter.before,
    filter.limit,
  ]);
  return rows;
}
