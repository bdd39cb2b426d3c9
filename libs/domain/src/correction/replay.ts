import type { Decider } from '../shared/decider.js';
import { CommandRejectedError, DomainError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '../shared/event.js';
import { applyCorrections } from './correction.js';

/** A recorded event of a union, its data narrowed by its type (so a switch over `type` narrows `data`). */
export type RecordedOf<E extends DomainEvent> = E extends DomainEvent ? RecordedEvent<E> : never;

/** The command that, decided against the state before it, records the event: a stream's replay mapping. */
export type CommandOf<C, E extends DomainEvent> = (event: RecordedOf<E>) => C;

/** The metadata a replayed command runs with: the event's own, so rules on time read when it was logged. */
export function replayMetadata(event: RecordedEvent): CommandMetadata {
  return {
    recordedAt: new Date(event.recordedAt),
    recordedBy: event.recordedBy,
    correlationId: event.correlationId,
    causationId: event.causationId,
  };
}

/** A Date from an event's ISO instant, for the `occurredAt` of replayed commands. */
export function occurredAtOf(event: RecordedEvent): Date {
  return new Date(event.occurredAt);
}

function refusedAt(event: RecordedEvent, error: unknown): CommandRejectedError {
  const at = { failingEventId: event.eventId, failingEventType: event.type };
  if (error instanceof DomainError) {
    // `field` named a field of the refused command; here the request is a correction, so it moves aside.
    const { field, ...details } = error.details;
    return new CommandRejectedError(
      error.code,
      `The corrected history breaks a rule at ${event.type} ${event.eventId}: ${error.message}`,
      { ...details, ...(field === undefined ? {} : { eventField: field }), ...at },
    );
  }
  return new CommandRejectedError(
    'HISTORY_NOT_REPLAYABLE',
    `The corrected history cannot be replayed at ${event.type} ${event.eventId}: ${error instanceof Error ? error.message : String(error)}`,
    at,
  );
}

/**
 * Replays a stream's raw history (corrections and retractions included, applied here) through its decider:
 * each event is decided afresh, as `commandOf` would have asked for it, against the state the events before
 * it leave. So every rule the decider enforces holds for the history as corrected. The first refusal is
 * rethrown as a CommandRejectedError (422) with its code, naming the event it fails at. Answers the final state.
 */
export function replayHistory<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  commandOf: CommandOf<C, E>,
  history: readonly RecordedEvent[],
): S {
  let state = decider.initialState();
  for (const event of applyCorrections(history)) {
    try {
      decider.decide(commandOf(event as RecordedOf<E>), state);
      // The recorded event, not the one decided again, is what the stream holds and every reader folds.
      state = decider.evolve(state, event as unknown as E);
    } catch (error) {
      throw refusedAt(event, error);
    }
  }
  return state;
}
