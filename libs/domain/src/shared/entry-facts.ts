import type { Classification, Confidence } from './classification.js';
import { CommandRejectedError, IllegalStateError, NotFoundError } from './errors.js';
import type { CommandMetadata, EventFacts } from './event.js';

/** What an officer states about any new entry besides its content. */
export interface EntryFacts {
  readonly country: string;
  readonly occurredAt: Date;
  readonly classification: Classification;
  readonly source: string | null;
  readonly confidence: Confidence | null;
}

/** What an officer states about a change to an existing entry; country and classification follow the entry. */
export interface TransitionFacts {
  readonly occurredAt: Date;
  readonly source: string | null;
  readonly confidence: Confidence | null;
}

/** Officers' clocks and servers drift; an event a few minutes "in the future" is still plausible. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Refuses events dated after they were logged: officers log what has happened. */
export function assertHappened(occurredAt: Date, metadata: CommandMetadata): void {
  if (occurredAt.getTime() > metadata.recordedAt.getTime() + CLOCK_SKEW_MS) {
    throw new CommandRejectedError('OCCURRED_IN_FUTURE', 'An entry cannot be logged before it happens.', {
      field: 'occurredAt',
      occurredAt: occurredAt.toISOString(),
      recordedAt: metadata.recordedAt.toISOString(),
    });
  }
}

/** Refuses a change dated before the entry it changes began. */
export function assertNotBefore(occurredAt: Date, start: string, what: string): void {
  if (occurredAt.getTime() < Date.parse(start)) {
    throw new CommandRejectedError('OCCURRED_BEFORE_ENTRY', `This cannot happen before the ${what} itself.`, {
      field: 'occurredAt',
      occurredAt: occurredAt.toISOString(),
      entryOccurredAt: start,
    });
  }
}

/** The facts of a new entry's first event. */
export function newEntryFacts(facts: EntryFacts, metadata: CommandMetadata): EventFacts {
  assertHappened(facts.occurredAt, metadata);
  return {
    country: facts.country,
    occurredAt: facts.occurredAt.toISOString(),
    classification: facts.classification,
    source: facts.source,
    confidence: facts.confidence,
  };
}

/** The facts of a later event in an entry's stream: same country and classification as the entry. */
export function transitionFacts(
  facts: TransitionFacts,
  entry: { readonly country: string; readonly classification: Classification; readonly occurredAt: string },
  metadata: CommandMetadata,
  what: string,
): EventFacts {
  assertHappened(facts.occurredAt, metadata);
  assertNotBefore(facts.occurredAt, entry.occurredAt, what);
  return {
    country: entry.country,
    occurredAt: facts.occurredAt.toISOString(),
    classification: entry.classification,
    source: facts.source,
    confidence: facts.confidence,
  };
}

/** Refuses a transition on an entry that was never recorded. */
export function notRecorded(what: string): never {
  throw new NotFoundError(`${what.toUpperCase().replace(/[ -]/g, '_')}_NOT_FOUND`, `No such ${what}.`);
}

/** Refuses a transition the entry's current state does not allow, naming that state. */
export function illegalTransition(what: string, attempted: string, currentState: string): never {
  throw new IllegalStateError(
    'ILLEGAL_TRANSITION',
    `Cannot ${attempted} a ${what} that is ${currentState}.`,
    { entity: what, attempted, currentState },
  );
}

/** Refuses to record an entry twice under one id. */
export function alreadyRecorded(what: string): never {
  throw new IllegalStateError('ALREADY_RECORDED', `This ${what} has already been recorded.`, {
    entity: what,
  });
}
