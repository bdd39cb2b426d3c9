import { type TrailPageRow, trailPage } from '../list-corrections/corrections.sql.js';
import { visibleTo } from '../read-scope.sql.js';
import { ENTRY_FACTS, type TimelineRow } from '../timeline.sql.js';

/** Whether the stream of a projected entry is parked by a projection (oldest parking first). */
export const PARKED_STREAM = `
SELECT projection, reason, dead_event_id, parked_at FROM projection_parked_streams
WHERE stream_id = $1 ORDER BY parked_at, projection LIMIT 1`;

export interface ParkedRow {
  projection: string;
  reason: string;
  dead_event_id: string;
  parked_at: Date;
}

/**
 * A projection stopped applying the entry's stream at `deadEventId` (the event it could not apply) and sends
 * the stream's later events to the dead-letter topic until an operator replays them (npm run dlq).
 */
export interface ParkedView {
  readonly projection: string;
  readonly reason: string;
  readonly deadEventId: string;
  readonly parkedAt: string;
}

export function toParked(row: ParkedRow | undefined): ParkedView | null {
  return row
    ? {
        projection: row.projection,
        reason: row.reason,
        deadEventId: row.dead_event_id,
        parkedAt: row.parked_at.toISOString(),
      }
    : null;
}

/**
 * One entry as it now reads, with its latest $2 corrections (see trailPage) and the version its stream has
 * reached in the read model (its ETag); none if the reader ($3 its clearance's rank, $4 its countries) may not see
 * it, exactly as for an id never recorded.
 */
export const ENTRY_WITH_LATEST_CORRECTIONS = `
SELECT ${ENTRY_FACTS}, ${trailPage('t', 'NULL', '$2')},
       (SELECT max(p.stream_version) FROM projected_events p WHERE p.stream_id = t.stream_id) AS stream_head
FROM country_timeline t WHERE event_id = $1 AND known_until IS NULL AND ${visibleTo('t', '$3', '$4')}`;

export type EntryRow = Omit<TimelineRow, 'trail'> & TrailPageRow & { stream_head: number };
