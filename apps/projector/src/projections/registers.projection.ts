import {
  applyCorrections,
  contractDecider,
  type Decider,
  type DomainEvent,
  fold,
  followUpDecider,
  incentiveDecider,
  type StreamCategory,
  streamCategory,
  streamEntityId,
  technicalSupportDecider,
} from '#domain';
import type { Projection } from './projection.js';

const UPSERT_REGISTER = `
INSERT INTO registers (stream_id, kind, entity_id, country, status, occurred_at, due_date, classification, state,
  stream_version, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
ON CONFLICT (stream_id) DO UPDATE SET status = excluded.status, occurred_at = excluded.occurred_at,
  due_date = excluded.due_date, classification = excluded.classification, state = excluded.state,
  stream_version = excluded.stream_version, country = excluded.country, updated_at = now()`;

const DELETE_REGISTER = `DELETE FROM registers WHERE stream_id = $1`;

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

/** Current state of offers, support commitments, contracts and follow-ups: `registers`. */
export const registersProjection: Projection = {
  name: 'registers',
  async apply(client, event, history) {
    const category = streamCategory(event.streamId);
    const register = category && REGISTERS[category];
    if (!register) return;
    const state = fold(register.decider, applyCorrections(history));
    if (state.status === 'unrecorded' || !state.country || !state.occurredAt) {
      // The entry's first event was retracted: it no longer stands in any register.
      await client.query(DELETE_REGISTER, [event.streamId]);
      return;
    }
    await client.query(UPSERT_REGISTER, [
      event.streamId,
      register.kind,
      streamEntityId(event.streamId),
      state.country,
      state.status,
      state.occurredAt,
      state.dueDate ?? null,
      state.classification ?? 'unclassified',
      JSON.stringify(state),
      event.streamVersion,
    ]);
  },
};
