import { isCorrection, toTimelineEntry } from '#domain';
import { rankOf } from './classification-rank.js';
import type { Projection } from './projection.js';

const COUNT_ENTRY = `
INSERT INTO country_activity (country, classification_rank, entries, last_occurred_at, last_recorded_at)
VALUES ($1, $4, 1, $2, $3)
ON CONFLICT (country, classification_rank) DO UPDATE SET
  entries = country_activity.entries + 1,
  last_occurred_at = greatest(country_activity.last_occurred_at, excluded.last_occurred_at),
  last_recorded_at = greatest(country_activity.last_recorded_at, excluded.last_recorded_at)`;

/**
 * How many entries each country has and when it last saw activity, per level (`country_activity`): a count for a
 * reader sums the levels it may see.
 */
export const countryActivityProjection: Projection = {
  name: 'country-activity',
  async apply(client, event) {
    if (isCorrection(event) || toTimelineEntry(event) === null) return;
    await client.query(COUNT_ENTRY, [
      event.country,
      event.occurredAt,
      event.recordedAt,
      rankOf(event.classification),
    ]);
  },
};
