import { isCorrection, type RecordedEvent, toTimelineEntry } from '#domain';
import { rankOf } from './classification-rank.js';
import type { Projection } from './projection.js';

const COUNT_ENTRY = `
INSERT INTO country_activity (country, classification_rank, entries, last_occurred_at, last_recorded_at)
VALUES ($1, $4, 1, $2, $3)
ON CONFLICT (country, classification_rank) DO UPDATE SET
  entries = country_activity.entries + 1,
  last_occurred_at = greatest(country_activity.last_occurred_at, excluded.last_occurred_at),
  last_recorded_at = greatest(country_activity.last_recorded_at, excluded.last_recorded_at)`;

/** COUNT_ENTRY for many entries at once: summed per country and level first, as the upserts one by one would sum. */
const COUNT_ENTRIES = `
INSERT INTO country_activity (country, classification_rank, entries, last_occurred_at, last_recorded_at)
SELECT country, classification_rank, count(*), max(occurred_at), max(recorded_at)
FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[])
  AS entry(country, occurred_at, recorded_at, classification_rank)
GROUP BY country, classification_rank
ON CONFLICT (country, classification_rank) DO UPDATE SET
  entries = country_activity.entries + excluded.entries,
  last_occurred_at = greatest(country_activity.last_occurred_at, excluded.last_occurred_at),
  last_recorded_at = greatest(country_activity.last_recorded_at, excluded.last_recorded_at)`;

const counted = (event: RecordedEvent) => !isCorrection(event) && toTimelineEntry(event) !== null;

/**
 * How many entries each country has and when it last saw activity, per level (`country_activity`): a count for a
 * reader sums the levels it may see.
 */
export const countryActivityProjection: Projection = {
  name: 'country-activity',
  async apply(client, event) {
    if (!counted(event)) return;
    await client.query(COUNT_ENTRY, [
      event.country,
      event.occurredAt,
      event.recordedAt,
      rankOf(event.classification),
    ]);
  },
  async applyMany(client, events) {
    const entries = events.map(({ event }) => event).filter(counted);
    if (entries.length === 0) return;
    await client.query(COUNT_ENTRIES, [
      entries.map((e) => e.country),
      entries.map((e) => e.occurredAt),
      entries.map((e) => e.recordedAt),
      entries.map((e) => rankOf(e.classification)),
    ]);
  },
};
