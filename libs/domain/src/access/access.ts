import { CLASSIFICATIONS, type Classification } from '../shared/classification.js';

/** Who may do what: the four roles a token names in its `role` claim. */
export const ROLES = ['desk_officer', 'leadership', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** The service's own jobs (the scheduler, the vendor catalogue) act as `system`; no token can name it. */
export type ActorRole = Role | 'system';

/**
 * A signed-in caller, from a verified token: its subject (who recorded what), role, the countries it is scoped to
 * (`'all'` for roles that read every country) and the highest classification it may read.
 */
export interface Principal {
  readonly subject: string;
  readonly role: ActorRole;
  readonly countries: readonly string[] | 'all';
  readonly clearance: Classification;
}

/**
 * A level as a number that sorts the way levels do (`unclassified` 0 … `secret` 3). Read models store it, so
 * "what this reader may see" is `classification_rank <= $rank` in SQL; level names would sort `unclassified` last.
 */
export function classificationRank(level: Classification): number {
  return CLASSIFICATIONS.indexOf(level);
}

/** What a reader may see, as SQL parameters: its countries (null for every country) and its clearance's rank. */
export interface ReadScope {
  readonly countries: readonly string[] | null;
  readonly maxRank: number;
}

/** Roles that read every country whatever their token lists; the others read only the countries they name. */
const READS_EVERY_COUNTRY: ReadonlySet<ActorRole> = new Set(['leadership', 'admin', 'system']);

export function readScope(principal: Principal): ReadScope {
  return {
    countries:
      READS_EVERY_COUNTRY.has(principal.role) || principal.countries === 'all' ? null : principal.countries,
    maxRank: classificationRank(principal.clearance),
  };
}

/** Whether the reader may see anything of this country (its timeline, registers, figures). */
export function readsCountry(principal: Principal, country: string): boolean {
  const { countries } = readScope(principal);
  return countries === null || countries.includes(country);
}

/** Whether the reader may see an entry of this country at this level. */
export function mayRead(
  principal: Principal,
  entry: { readonly country: string; readonly classification: Classification },
): boolean {
  return (
    readsCountry(principal, entry.country) &&
    classificationRank(entry.classification) <= classificationRank(principal.clearance)
  );
}

/** Only desk officers record and change entries, and only for the countries their token lists. */
export function writesCountry(principal: Principal, country: string): boolean {
  if (principal.role === 'system') return true;
  return (
    principal.role === 'desk_officer' &&
    principal.countries !== 'all' &&
    principal.countries.includes(country)
  );
}

/** The service acting on its own behalf (`system:scheduler`…): writes what its job needs, at any level. */
export function systemActor(subject: string): Principal {
  return { subject, role: 'system', countries: 'all', clearance: 'secret' };
}
