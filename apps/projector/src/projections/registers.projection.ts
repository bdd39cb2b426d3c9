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

/** A revision `r` is an open follow-up or an offer awaiting an answer: what the overview counts. */
const OPEN_ITEM = `((r.kind = 'follow-up' AND r.status = 'open') OR (r.kind = 'incentive-offer' AND r.status = 'offered'))`;

/** The UTC month in which revision `r` falls due: a follow-up's due date, an offer's expiresOn; 'infinity' if none. */
const DUE_MONTH = `coalesce(date_trunc('month', (CASE WHEN r.kind = 'follow-up' THEN r.due_date
  ELSE (r.state->>'expiresOn')::date END)::timestamp)::date, 'infinity'::date)`;

/** The columns countOpenItems reads of the revisions opened or closed. */
const COUNTED = 'country, kind, status, due_date, state, classification_rank';

/**
 * Adds the open items among the revisions of the CTE `source`, times `sign`, to `register_open_counts`: the
 * current open follow-ups and offers per country, level and month due, from which the overview counts.
 */
function countOpenItems(source: 'opened' | 'closed', sign: '+' | '-'): string {
  return `
INSERT INTO register_open_counts AS c (country, kind, classification_rank, month, n)
SELECT r.country, r.kind, r.classification_rank, ${DUE_MONTH}, ${sign}count(*)
FROM ${source} r WHERE ${OPEN_ITEM}
GROUP BY 1, 2, 3, 4
ON CONFLICT (country, kind, classification_rank, month) DO UPDATE SET n = c.n + excluded.n`;
}

// The runner applies each event of a stream once, in order (a claim per stream version), so each event adds one
// revision; the partial unique index keeps a stream to one current row whatever happens. The revision and the
// count it adds to, in one statement.
const INSERT_REVISION = `
WITH opened AS (
  INSERT INTO registers (stream_id, revision, known_from, kind, entity_id, country, status, occurred_at, due_date,
    classification, state, stream_version, classification_rank)
  SELECT $1::text, coalesce(max(r.revision), 0) + 1, $2::timestamptz, $3::text, $4::text, $5::text, $6::text,
         $7::timestamptz, $8::date, $9::text, $10::jsonb, $11::integer, $12::smallint
  FROM registers r WHERE r.stream_id = $1::text
  RETURNING ${COUNTED}
)${countOpenItems('opened', '+')}`;

/**
 * Closes the entry's current revision at the recorded time of the event that supersedes or removes it, and takes
 * it out of the counts, in one statement.
 */
const CLOSE_CURRENT_REVISION = `
WITH closed AS (
  UPDATE registers SET known_until = $2 WHERE stream_id = $1 AND known_until IS NULL
  RETURNING ${COUNTED}
)${countOpenItems('closed', '-')}`;

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
 * recorded time and opens the next; a retraction of the entry's first event closes it with no successor. The open
 * follow-ups and offers among the current revisions are counted as they open and close (register_open_counts).
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
