import { CONTRACT_UPCASTERS } from '../contract/contract.upcasters.js';
import { CORRECTION_UPCASTERS } from '../correction/correction.upcasters.js';
import { INCENTIVE_UPCASTERS } from '../incentive/incentive.upcasters.js';
import { OBSERVATION_UPCASTERS } from '../observation/observation.upcasters.js';
import { TECHNICAL_SUPPORT_UPCASTERS } from '../technical-support/technical-support.upcasters.js';
import type { HistoryEvent, UpcasterRegistration, UpcastSubject } from './upcaster.js';

export type { HistoryEvent, UpcasterRegistration, UpcastSubject } from './upcaster.js';

/** An upcaster chain: the newest schema version of each type, and the way there from any older one. */
export interface UpcasterChain {
  /** The newest schema version of a type: 1 plus the number of its upcasters. */
  newestVersion(type: string): number;
  /** The types that have upcasters (each must be in the event catalogue, or its upcasters never run). */
  readonly types: readonly string[];
  /**
   * The event at its type's newest schema version, through each upcaster in turn (v1→v2→…). Types without
   * upcasters, versions already newest, and versions this build does not know (below 1, above newest, not an
   * integer) come back as given, for the caller to accept or refuse (isKnownEvent). `history`: every earlier
   * event of its stream, upcast; without it the chain stops before the first step that needs it (the event comes
   * back at that version, which isKnownEvent accepts: a reader that folds the stream finishes it).
   */
  upcast<E extends UpcastSubject>(event: E, history?: readonly HistoryEvent[]): E;
}

/** Builds a chain; refuses (at load, a programming error) a type whose versions have a gap or a duplicate. */
export function upcasterChain(registrations: readonly UpcasterRegistration[]): UpcasterChain {
  const steps = new Map<string, UpcasterRegistration[]>();
  const byType = new Map<string, UpcasterRegistration[]>();
  for (const r of registrations) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  for (const [type, list] of byType) {
    const ordered = [...list].sort((a, b) => a.fromVersion - b.fromVersion);
    ordered.forEach((r, i) => {
      if (r.fromVersion !== i + 1) {
        throw new Error(
          `upcasters of ${type} must run from version 1 without gaps or duplicates; found from-versions ${ordered.map((o) => o.fromVersion).join(', ')}`,
        );
      }
    });
    steps.set(type, ordered);
  }
  const newestVersion = (type: string) => (steps.get(type)?.length ?? 0) + 1;
  return {
    newestVersion,
    types: [...steps.keys()],
    upcast(event, history) {
      const chain = steps.get(event.type);
      const from = event.schemaVersion;
      if (!chain || !Number.isInteger(from) || from < 1 || from > chain.length) return event;
      let current: UpcastSubject = event;
      for (let version = from; version <= chain.length; version += 1) {
        const step = chain[version - 1] as UpcasterRegistration;
        if (step.needsHistory && history === undefined) break;
        current = {
          ...current,
          schemaVersion: version + 1,
          data: step.upcast(current.data as never, current, history ?? []),
        };
      }
      return current === event
        ? event
        : { ...event, schemaVersion: current.schemaVersion, data: current.data };
    },
  };
}

/**
 * Every upcaster this build has, per event type and from-version. Raising a type's schema version means adding
 * its upcaster here: the event catalogue takes each type's newest version from this chain.
 */
export const UPCASTERS: UpcasterChain = upcasterChain([
  ...CONTRACT_UPCASTERS,
  ...INCENTIVE_UPCASTERS,
  ...TECHNICAL_SUPPORT_UPCASTERS,
  ...OBSERVATION_UPCASTERS,
  ...CORRECTION_UPCASTERS,
]);

/** Brings an event (stored, published or projected) to its type's newest schema version; see UpcasterChain. */
export function upcast<E extends UpcastSubject>(event: E, history?: readonly HistoryEvent[]): E {
  return UPCASTERS.upcast(event, history);
}

/**
 * Events of one or more whole streams (each from its first event, in version order; streams may interleave, as
 * in position order), each upcast with the events before it in its stream as its history: every step of the
 * chain runs. Only for reads that hold whole streams: a stream missing its start would be upcast on a false
 * history.
 */
export function upcastStreams<E extends HistoryEvent>(events: readonly E[]): E[] {
  const seen = new Map<string, E[]>();
  return events.map((event) => {
    const before = seen.get(event.streamId) ?? [];
    if (before.length === 0) seen.set(event.streamId, before);
    const upcast = UPCASTERS.upcast(event, before);
    // Upcasters read the history they are handed and keep nothing: the list grows after each call.
    before.push(upcast);
    return upcast;
  });
}
