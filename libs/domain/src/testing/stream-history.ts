import { checkCorrectedHistory, withProposed } from '../correction/corrected-history.js';
import { applyCorrections } from '../correction/correction.js';
import { decideCorrection } from '../correction/decide-correction.js';
import { type CommandOf, type RecordedOf, replayHistory } from '../correction/replay.js';
import { type Decider, fold } from '../shared/decider.js';
import type { DomainError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '../shared/event.js';
import type { StreamCategory } from '../shared/streams.js';

/** Command metadata of a test, logged at `recordedAt`. */
export function metadataAt(recordedAt: string): CommandMetadata {
  return {
    recordedAt: new Date(recordedAt),
    recordedBy: 'desk.officer@example.gov',
    correlationId: 'c0ffee00-0000-4000-8000-0000000000aa',
    causationId: null,
  };
}

/**
 * A stream's history built the way the API builds it: each command decided by the stream's decider against the
 * state so far (corrections applied) and recorded with an id, a version and the time it was logged.
 */
export class StreamHistory<C, E extends DomainEvent, S> {
  private readonly events: RecordedEvent[] = [];

  constructor(
    readonly category: StreamCategory,
    readonly streamId: string,
    private readonly decider: Decider<C, E, S>,
  ) {}

  get all(): readonly RecordedEvent[] {
    return [...this.events];
  }

  /** Decides a command logged at `recordedAt` and records what it emits; answers the last event recorded. */
  record(recordedAt: string, command: (metadata: CommandMetadata) => C): RecordedOf<E> {
    const state = fold(this.decider, applyCorrections(this.events) as unknown as E[]);
    const decided = this.decider.decide(command(metadataAt(recordedAt)), state);
    this.append(decided, recordedAt);
    return this.events.at(-1) as RecordedOf<E>;
  }

  /** Records events already decided as the next entries of the stream, logged at `recordedAt`. */
  private append(events: readonly DomainEvent[], recordedAt: string): void {
    for (const event of events) {
      const version = this.events.length + 1;
      this.events.push({
        ...event,
        eventId: `${this.category}-event-${version}`,
        streamId: this.streamId,
        streamVersion: version,
        globalPosition: String(version),
        recordedAt: new Date(recordedAt).toISOString(),
        recordedBy: 'desk.officer@example.gov',
        correlationId: 'c0ffee00-0000-4000-8000-0000000000aa',
        causationId: null,
      });
    }
  }

  /** The history with a correction of `target` proposed at its end (not recorded), as the API checks it. */
  withCorrection(
    target: RecordedEvent,
    changes: Record<string, unknown>,
    recordedAt = '2026-11-01T09:00:00Z',
  ): RecordedEvent[] {
    const metadata = metadataAt(recordedAt);
    const command = {
      type: 'CorrectEntry' as const,
      targetEventId: target.eventId,
      changes,
      reason: 'x',
      metadata,
    };
    return withProposed(this.events, decideCorrection(command, this.events), metadata);
  }

  /** The history with a retraction of `target` proposed at its end (not recorded). */
  withRetraction(target: RecordedEvent, recordedAt = '2026-11-01T09:00:00Z'): RecordedEvent[] {
    const metadata = metadataAt(recordedAt);
    const command = { type: 'RetractEntry' as const, targetEventId: target.eventId, reason: 'x', metadata };
    return withProposed(this.events, decideCorrection(command, this.events), metadata);
  }

  /** Records a correction of `target` (one accepted earlier). */
  correct(target: RecordedEvent, changes: Record<string, unknown>, recordedAt: string): void {
    const proposed = this.withCorrection(target, changes, recordedAt);
    this.append(proposed.slice(this.events.length), recordedAt);
  }
}

/** The thrown error of `run`, for asserting on a refusal's code and details. */
export function refusalOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal, but it was accepted');
}

/**
 * given(history).whenChecked(history with a proposed correction).thenAccepts() / .thenRefuses(code, details):
 * checkCorrectedHistory for one kind of stream.
 */
export function correctedHistorySpecification(category: StreamCategory) {
  return {
    whenChecked: (history: readonly RecordedEvent[]) => ({
      thenAccepts: () => expect(() => checkCorrectedHistory(category, history)).not.toThrow(),
      thenRefuses: (code: string, details: Record<string, unknown> = {}) =>
        expect(refusalOf(() => checkCorrectedHistory(category, history))).toMatchObject({
          code,
          kind: 'invalid',
          details: expect.objectContaining(details),
        }),
    }),
  };
}

/**
 * Replays a valid history and expects each event decided again to be exactly the event recorded: the stream's
 * command mapping carries every field of its events.
 */
export function expectReplaysAsRecorded<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  commandOf: CommandOf<C, E>,
  history: readonly RecordedEvent[],
): void {
  let state = decider.initialState();
  for (const event of applyCorrections(history)) {
    const {
      eventId: _id,
      streamId: _stream,
      streamVersion: _version,
      globalPosition: _position,
      recordedAt: _at,
      recordedBy: _by,
      correlationId: _correlation,
      causationId: _causation,
      ...recorded
    } = event;
    expect(decider.decide(commandOf(event as RecordedOf<E>), state)).toEqual([recorded]);
    state = decider.evolve(state, event as unknown as E);
  }
  expect(() => replayHistory(decider, commandOf, history)).not.toThrow();
}
