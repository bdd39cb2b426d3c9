import { CONTRACT_UPCASTERS } from '../contract/contract.upcasters.js';
import { CORRECTION_UPCASTERS } from '../correction/correction.upcasters.js';
import { INCENTIVE_UPCASTERS } from '../incentive/incentive.upcasters.js';
import { OBSERVATION_UPCASTERS } from '../observation/observation.upcasters.js';
import { TECHNICAL_SUPPORT_UPCASTERS } from '../technical-support/technical-support.upcasters.js';
import type { UpcasterRegistration, UpcastSubject } from './upcaster.js';

export type { UpcasterRegistration, UpcastSubject } from './upcaster.js';

/** An upcaster chain: the newest schema version of each type, and the way there from any older one. */
export interface UpcasterChain {
  /** The newest schema version of a type: 1 plus the number of its upcasters. */
  newestVersion(type: string): number;
  /** The types that have upcasters (each must be in the event catalogue, or its upcasters never run). */
  readonly types: readonly string[];
  /**
   * The event at its type's newest schema version, through each upcaster in turn (v1→v2→…). Types without
   * upcasters, versions already newest, and versions this build does not know (below 1, above newest, not an
   * integer) come back as given, for the caller to accept or refuse (isKnownEvent).
   */
  upcast<E extends UpcastSubject>(event: E): E;
}

/** Builds a chain; refuses (at load, a programming error) a type whose versions have a gap or a duplicate. */
export function upcasterChain(registrations: readonly UpcasterRegistration[]): UpcasterChain {
  const steps = new Map<string, UpcasterRegistration['upcast'][]>();
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
    steps.set(
      type,
      ordered.map((r) => r.upcast),
    );
  }
  const newestVersion = (type: string) => (steps.get(type)?.length ?? 0) + 1;
  return {
    newestVersion,
    types: [...steps.keys()],
    upcast(event) {
      const chain = steps.get(event.type);
      const from = event.schemaVersion;
      if (!chain || !Number.isInteger(from) || from < 1 || from > chain.length) return event;
      let current: UpcastSubject = event;
      for (let version = from; version <= chain.length; version += 1) {
        const step = chain[version - 1] as UpcasterRegistration['upcast'];
        current = { ...current, schemaVersion: version + 1, data: step(current.data as never, current) };
      }
      return { ...event, schemaVersion: current.schemaVersion, data: current.data };
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
export function upcast<E extends UpcastSubject>(event: E): E {
  return UPCASTERS.upcast(event);
}
