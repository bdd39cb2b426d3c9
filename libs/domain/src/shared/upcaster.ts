// The shape of one upcaster, apart from the chain (upcasting.ts) that imports every stream's upcasters.
import type { RecordedEvent } from './event.js';

/** What an upcaster sees of the event besides its data: the envelope at the version being upcast from. */
export interface UpcastSubject {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** An earlier event of the same stream, already upcast, as a history-reading upcaster sees it. */
export type HistoryEvent = RecordedEvent;

/**
 * Brings one event type's data from `fromVersion` to `fromVersion + 1`: a pure function of the event. `data` is
 * typed by each upcaster as the shape it reads (hence `never` here: the chain hands it that version's data).
 * An upcaster with `needsHistory` also reads the events before it in its stream (every one of them, upcast): a
 * version that states what used to be worked out from the stream (what a termination removed, how a corrected
 * event now reads). The chain stops before such a step when it is not given the stream's history.
 */
export interface UpcasterRegistration {
  readonly type: string;
  readonly fromVersion: number;
  readonly needsHistory?: boolean;
  readonly upcast: (data: never, event: UpcastSubject, history: readonly HistoryEvent[]) => unknown;
}
