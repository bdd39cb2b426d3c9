import type { Classification, Confidence } from '#domain';
import { type TrailPageRow, toCorrectionsPage, trailPage } from './list-corrections/corrections.sql.js';
import { visibleTo } from './read-scope.sql.js';

/** A timeline row's columns but its trail (which every read pages: see trailPage). */
export const ENTRY_FACTS = `
  event_id, revision, retracted, event_type, country, occurred_at, recorded_at, recorded_by, classification,
  headline, topics, vendors, participants, stream_id, stream_version, global_position::text AS global_position, data,
  source, confidence`;

/** The columns a page is made of (ENTRY_FACTS and trailPage read them), as stored. */
const PAGE_COLUMNS = `
  t.event_id, t.revision, t.retracted, t.event_type, t.country, t.occurred_at, t.recorded_at, t.recorded_by,
  t.classification, t.headline, t.topics, t.vendors, t.participants, t.stream_id, t.stream_version, t.global_position,
  t.data, t.source, t.confidence, t.trail`;

/** The rows of TIMELINE_PAGE, but for the bound on occurred_at that each of its two parts adds. */
const PAGE_FILTERS = `
  t.country = $1 AND ${visibleTo('t', '$15', '$16')}
  AND CASE WHEN $8::timestamptz IS NULL THEN t.known_until IS NULL
           ELSE t.known_from <= $8::timestamptz AND (t.known_until IS NULL OR t.known_until > $8::timestamptz) END
  AND ($10::boolean OR NOT t.retracted)
  AND ($2::text[] IS NULL OR t.event_type = ANY($2::text[]))
  AND ($3::timestamptz IS NULL OR t.occurred_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR t.occurred_at < $4::timestamptz)
  AND ($9::timestamptz IS NULL OR t.occurred_at <= $9::timestamptz)
  AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM unnest(t.topics) AS v(v) WHERE lower(v.v) = lower($11::text)))
  AND ($12::text IS NULL OR EXISTS (SELECT 1 FROM unnest(t.vendors) AS v(v) WHERE lower(v.v) = lower($12::text)))
  AND ($13::text IS NULL OR EXISTS (SELECT 1 FROM unnest(t.participants) AS v(v) WHERE lower(v.v) = lower($13::text)))
  AND ($5::timestamptz IS NULL OR (t.occurred_at, t.global_position) < ($5::timestamptz, $6::bigint))`;

/**
 * Entries are dated no later than they are logged (a few minutes' clock skew aside: assertHappened), so a revision
 * known at a time has, as a rule, happened by then plus this. A page as known at `$8` reads the country's entries
 * newest first from that instant down, instead of from the newest entry ever recorded; the few rows dated later
 * than they became known (the exceptions: partial index country_timeline_dated_after_known_idx) are read apart.
 */
const DATED_AFTER_KNOWN = `'00:05:00'::interval`;

/**
 * One page of a country's timeline, newest first, keyset-paginated on (occurred_at, global_position).
 * Without knownAt ($8) it reads the current revision of each entry; with it, the revision in force then, whose
 * trail is the trail as known then. Each entry carries the latest $14 items of that trail (see trailPage).
 * asOf ($9) keeps what had happened by then; facet filters match case-insensitively. Only entries the reader may
 * see ($15 its clearance's rank, $16 its countries) are read, so a page and its cursor never count a hidden one. The ORDER BY names the
 * table's columns (`t.`): bare, `global_position` would be the `::text` output column, ordered as text.
 *
 * As known at `$8`, the page is the newest of two parts: the rows dated at most `$8` plus DATED_AFTER_KNOWN, read
 * down the page index from that instant (a past knownAt does not walk through everything recorded since), and the
 * rows dated later than that, which can be known by `$8` only if dated later than they became known. Together
 * they are every row; without `$8` the second part is empty.
 */
export const TIMELINE_PAGE = `
WITH page AS (
  (SELECT ${PAGE_COLUMNS} FROM country_timeline t
   WHERE ${PAGE_FILTERS}
     AND ($8::timestamptz IS NULL OR t.occurred_at <= $8::timestamptz + ${DATED_AFTER_KNOWN})
   ORDER BY t.occurred_at DESC, t.global_position DESC
   LIMIT $7)
  UNION ALL
  (SELECT ${PAGE_COLUMNS} FROM country_timeline t
   WHERE $8::timestamptz IS NOT NULL AND ${PAGE_FILTERS}
     AND t.occurred_at - t.known_from > ${DATED_AFTER_KNOWN}
     AND t.occurred_at > $8::timestamptz + ${DATED_AFTER_KNOWN}
   ORDER BY t.occurred_at DESC, t.global_position DESC
   LIMIT $7)
)
SELECT ${ENTRY_FACTS}, ${trailPage('t', 'NULL', '$14')}
FROM page t
ORDER BY t.occurred_at DESC, t.global_position DESC
LIMIT $7`;

export interface TimelineRow extends TrailPageRow {
  event_id: string;
  revision: number;
  retracted: boolean;
  event_type: string;
  country: string;
  occurred_at: Date;
  recorded_at: Date;
  recorded_by: string;
  classification: Classification;
  headline: string;
  topics: string[];
  vendors: string[];
  participants: string[];
  stream_id: string;
  stream_version: number;
  global_position: string;
  data: unknown;
  source: string | null;
  confidence: Confidence | null;
}

/**
 * The public shape of a timeline entry: the corrected values, with the latest corrections that made them (how
 * many the read chose) and a cursor to GET /v1/entries/{eventId}/corrections for the older ones.
 */
export function toEntry(row: TimelineRow) {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    country: row.country,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    classification: row.classification,
    // Where the entry comes from and how sure its officer is, as corrected.
    source: row.source,
    confidence: row.confidence,
    headline: row.headline,
    topics: row.topics,
    vendors: row.vendors,
    participants: row.participants,
    revision: row.revision,
    retracted: row.retracted,
    corrections: toCorrectionsPage(row),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    data: row.data,
  };
}
export type TimelineEntryView = ReturnType<typeof toEntry>;
