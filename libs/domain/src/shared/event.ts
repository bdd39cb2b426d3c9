import type { Classification, Confidence } from './classification.js';

/** The facts every event states about itself, decided by the domain. */
export interface EventFacts {
  readonly country: string;
  readonly occurredAt: string;
  readonly classification: Classification;
  readonly source: string | null;
  readonly confidence: Confidence | null;
}

/** A past-tense fact with a stable type string and the version of its data shape. */
export interface DomainEvent<Type extends string = string, Data = unknown> extends EventFacts {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
}

/** Who asked for a change and why: set by the caller, never by a decider. */
export interface CommandMetadata {
  readonly recordedAt: Date;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** An event as stored and published: the public contract downstream services consume. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> extends EventFacts {
  readonly eventId: string;
  readonly type: E['type'];
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  /** Decimal string: positions are 64-bit and may have gaps. */
  readonly globalPosition: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: E['data'];
}
