import type pg from 'pg';
import {
  applyCorrections,
  ENTRY_CORRECTED,
  ENTRY_RETRACTED,
  type EntryCorrectedData,
  type EventFacts,
  isCorrection,
  moneyViews,
  type RecordedEvent,
  resolveCorrections,
  type TimelineEntry,
  toTimelineEntry,
} from '#domain';
import { rankOf } from './classification-rank.js';
import type { Projection } from './projection.js';

// A plain insert, not an upsert: a doubly delivered event must fail loudly here, not be papered over.
const INSERT_REVISION = `
INSERT INTO country_timeline (event_id, revision, known_from, retracted, trail, country, event_type, occurred_at,
  recorded_at, recorded_by, classification, headline, topics, vendors, participants, stream_id, stream_version,
  global_position, data, source, confidence, classification_rank)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;

const CLOSE_CURRENT_REVISION = `
UPDATE country_timeline SET known_until = $2 WHERE event_id = $1 AND known_until IS NULL RETURNING revision`;

/** Where an entry comes from, as its effective (corrected) event states it. */
type Sourcing = Pick<EventFacts, 'source' | 'confidence'>;

function revisionParams(
  entry: TimelineEntry,
  sourcing: Sourcing,
  revision: number,
  knownFrom: string,
  retracted: boolean,
  trail: unknown,
) {
  return [
    entry.eventId,
    revision,
    knownFrom,
    retracted,
    JSON.stringify(trail, moneyViews),
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
    // Money as the API answers it: decimal amount, minor units, currency.
    JSON.stringify(entry.data, moneyViews),
    sourcing.source,
    sourcing.confidence,
    // Each revision at its entry's level: a correction carries the level of the entry it corrects.
    rankOf(entry.classification),
  ];
}

/** A correction or retraction closes the target's current revision and opens one that reads as corrected. */
async function revise(client: pg.ClientBase, correction: RecordedEvent, history: readonly RecordedEvent[]) {
  const targetId = (correction.data as EntryCorrectedData).targetEventId;
  const closed = await client.query<{ revision: number }>(CLOSE_CURRENT_REVISION, [
    targetId,
    correction.recordedAt,
  ]);
  const previous = closed.rows[0];
  if (!previous) return; // The target is not a timeline entry (a vendor registration).
  const target = resolveCorrections(history).find((e) => e.eventId === targetId);
  const entry = target && toTimelineEntry(target, applyCorrections(history));
  if (!target || !entry)
    throw new Error(`correction ${correction.eventId} targets ${targetId}, not in its stream`);
  await client.query(
    INSERT_REVISION,
    revisionParams(
      entry,
      target,
      previous.revision + 1,
      correction.recordedAt,
      target.retracted,
      target.trail,
    ),
  );
}

/** Every entry of every country, as it reads now and as it read at any earlier time: `country_timeline`. */
export const timelineProjection: Projection = {
  name: 'country-timeline',
  async apply(client, event, history) {
    if (event.type === ENTRY_CORRECTED || event.type === ENTRY_RETRACTED)
      return revise(client, event, history);
    if (isCorrection(event)) return;
    const entry = toTimelineEntry(event, applyCorrections(history));
    // A new entry has no corrections yet: it is its own effective event.
    if (entry)
      await client.query(INSERT_REVISION, revisionParams(entry, event, 1, event.recordedAt, false, []));
  },
};
