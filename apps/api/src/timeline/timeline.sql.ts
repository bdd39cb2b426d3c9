import type { Classification, Confidence } from '#domain';
import { type TrailPageRow, toCorrectionsPage, trailPage } from './list-corrections/corrections.sql.js';
import { visibleTo } from './read-scope.sql.js';

/** A timeline row's columns but its trail (which every read pages: see trailPage). */
export const ENTRY_FACTS = `
  event_id, revision, retracted, event_type, country, occurred_at, recorded_at, recorded_by, classification,
  headline, topics, vendors, participants, stream_id, stream_version, global_position::text AS global_position, data,
  source, confidence`;

/**
 * One page of a country's timeline, newest first, keyset-paginated on (occurred_at, global_position).
 * Without knownAt ($8) it reads the current revision of each entry; with it, the revision in force then, whose
 * trail is the trail as known then. Each entry carries the latest $14 items of that trail (see trailPage).
 * asOf ($9) keeps what had happened by then; facet filters match case-insensitively. Only entries the reader may
 * see ($15 its clearance's rank, $16 its countries) are read, so a page and its cursor never count a hidden one. The ORDER BY names the
 * table's columns (`t.`): bare, `global_position` would be the `::text` output column, ordered as text.
 */
export const TIMELINE_PAGE = `
SELECT ${ENTRY_FACTS}, ${trailPage('t', 'NULL', '$14')}
FROM country_timeline t
WHERE country = $1 AND ${visibleTo('t', '$15', '$16')}
  AND CASE WHEN $8::timestamptz IS NULL THEN known_until IS NULL
           ELSE known_from <= $8::timestamptz AND (known_until IS NULL OR known_until > $8::timestamptz) END
  AND ($10::boolean OR NOT retracted)
  AND ($2::text[] IS NULL OR event_type = ANY($2::text[]))
  AND ($3::timestamptz IS NULL OR occurred_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR occurred_at < $4::timestamptz)
  AND ($9::timestamptz IS NULL OR occurred_at <= $9::timestamptz)
  AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM unnest(topics) AS t(v) WHERE lower(t.v) = lower($11::text)))
  AND ($12::text IS NULL OR EXISTS (SELECT 1 FROM unnest(vendors) AS t(v) WHERE lower(t.v) = lower($12::text)))
  AND ($13::text IS NULL OR EXISTS (SELECT 1 FROM unnest(participants) AS t(v) WHERE lower(t.v) = lower($13::text)))
  AND ($5::timestamptz IS NULL OR (occurred_at, global_position) < ($5::timestamptz, $6::bigint))
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
