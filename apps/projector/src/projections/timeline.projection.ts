import type pg from 'pg';
import { type RecordedEvent, toTimelineEntry } from '#domain';
import type { Projection } from './projection.js';

// A plain insert, not an upsert: a doubly delivered event must fail loudly here, not be papered over.
const INSERT_TIMELINE_ENTRY = `
INSERT INTO country_timeline (event_id, country, event_type, occurred_at, recorded_at, recorded_by, classification,
  headline, topics, vendors, participants, stream_id, stream_version, global_position, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

/** Every entry of every country, newest first: `country_timeline`. */
export const timelineProjection: Projection = {
  name: 'country-timeline',
  async apply(client: pg.ClientBase, event: RecordedEvent) {
    const entry = toTimelineEntry(event);
    if (!entry) return;
    await client.query(INSERT_TIMELINE_ENTRY, [
      entry.eventId,
      entry.country,
      entry.eventType,
      entry.occurredAt,
      entry.recordedAt,
      entry.recordedBy,
      entry.classification,
      entry.headline,
      entry.topics,
      entry.vendors,
      entry.participants,
      entry.streamId,
      entry.streamVersion,
      entry.globalPosition,
      JSON.stringify(entry.data),
    ]);
  },
};
