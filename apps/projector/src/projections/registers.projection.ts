import {
  applyCorrections,
  contractDecider,
  type Decider,
  type DomainEvent,
  fold,
  followUpDecider,
  incentiveDecider,
  moneyViews,
  type StreamCategory,
  streamCategory,
  streamEntityId,
  technicalSupportDecider,
} from '#domain';
import { entryRank } from './classification-rank.js';
import type { Projection } from './projection.js';

// The runner applies each event of a stream once, in order (a claim per stream version), so each event adds one
// revision; the partial unique index keeps a stream to one current row whatever happens.
const INSERT_REVISION = `
INSERT INTO registers (stream_id, revision, known_from, kind, entity_id, country, status, occurred_at, due_date,
  classification, state, stream_version, classification_rank)
SELECT $1::text, coalesce(max(r.revision), 0) + 1, $2::timestamptz, $3::text, $4::text, $5::text, $6::text,
       $7::timestamptz, $8::date, $9::text, $10::jsonb, $11::integer, $12::smallint
FROM registers r WHERE r.stream_id = $1::text`;

/** Closes the entry's current revision at the recorded time of the event that supersedes or removes it. */
const CLOSE_CURRENT_REVISION = `
UPDATE registers SET known_until = $2 WHERE stream_id = $1 AND known_until IS NULL`;

interface RegisterState {
  readonly status: string;
  readonly country?: string;
  readonly occurredAt?: string;
  readonly classification?: string;
  readonly dueDate?: string;
}

// Each register is its stream's decider state: the same fold that guards transitions describes the entry.
const REGISTERS: Partial<
  Record<StreamCategory, { kind: string; decider: Decider<never, DomainEvent, RegisterState> }>
> = {
  'follow-up': { kind: 'follow-up', decider: followUpDecider as never },
  incentive: { kind: 'incentive-offer', decider: incentiveDecider as never },
  support: { kind: 'technical-support', decider: technicalSupportDecider as never },
  contract: { kind: 'contract', decider: contractDecider as never },
};

/**
 * Offers, support commitments, contracts and follow-ups as they stand, and as they stood when known at any
 * earlier time: `registers`, one revision per event of the stream. Each event closes the current revision at its
 * recorded time and opens the next; a retraction of the entry's first event closes it with no successor.
 */
export const registersProjection: Projection = {
  name: 'registers',
  async apply(client, event, history) {
    const category = streamCategory(event.streamId);
    const register = category && REGISTERS[category];
    if (!register) return;
    const state = fold(register.decider, applyCorrections(history));
    await client.query(CLOSE_CURRENT_REVISION, [event.streamId, event.recordedAt]);
    // The entry's first event was retracted: from now on it stands in no register.
    if (state.status === 'unrecorded' || !state.country || !state.occurredAt) return;
    await client.query(INSERT_REVISION, [
      event.streamId,
      event.recordedAt,
      register.kind,
      streamEntityId(event.streamId),
      state.country,
      state.status,
      state.occurredAt,
      state.dueDate ?? null,
      state.classification ?? 'unclassified',
      // Money as the API answers it (decimal amount, minor units, currency); a holding's value in minor units.
      JSON.stringify(state, moneyViews),
      event.streamVersion,
      entryRank(history),
    ]);
  },
};
