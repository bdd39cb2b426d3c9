const ENTRY_COLUMNS = `
  event_id, event_type, country, occurred_at, recorded_at, recorded_by, classification, headline, topics, vendors,
  participants, stream_id, stream_version, global_position::text AS global_position, data`;

/** One page of a country's timeline, newest first, keyset-paginated on (occurred_at, global_position). */
export const TIMELINE_PAGE = `
SELECT ${ENTRY_COLUMNS}
FROM country_timeline
WHERE country = $1
  AND ($2::text[] IS NULL OR event_type = ANY($2::text[]))
  AND ($3::timestamptz IS NULL OR occurred_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR occurred_at < $4::timestamptz)
  AND ($5::timestamptz IS NULL OR (occurred_at, global_position) < ($5::timestamptz, $6::bigint))
ORDER BY occurred_at DESC, global_position DESC
LIMIT $7`;

export const TIMELINE_ENTRY = `SELECT ${ENTRY_COLUMNS} FROM country_timeline WHERE event_id = $1`;

export interface TimelineRow {
  event_id: string;
  event_type: string;
  country: string;
  occurred_at: Date;
  recorded_at: Date;
  recorded_by: string;
  classification: string;
  headline: string;
  topics: string[];
  vendors: string[];
  participants: string[];
  stream_id: string;
  stream_version: number;
  global_position: string;
  data: unknown;
}

/** The public shape of a timeline entry. */
export function toEntry(row: TimelineRow) {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    country: row.country,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    classification: row.classification,
    headline: row.headline,
    topics: row.topics,
    vendors: row.vendors,
    participants: row.participants,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    data: row.data,
  };
}
export type TimelineEntryView = ReturnType<typeof toEntry>;
