import type { ReadScope } from '#domain';

/**
 * Rows of `alias` (a read-model table with `classification_rank` and `country`) that the reader may see: at most
 * its clearance's rank and, when it has a list of countries, one of them. `rank` and `countries` are parameter
 * placeholders (`$9`); bind them with scopeParams. Every read filters in SQL, before it counts, sums, orders or
 * limits, so no count, total or page boundary is computed over a row the reader may not see.
 */
export function visibleTo(alias: string, rank: string, countries: string): string {
  return `(${alias}.classification_rank <= ${rank}::smallint
    AND (${countries}::text[] IS NULL OR ${alias}.country = ANY(${countries}::text[])))`;
}

/** The values visibleTo's placeholders take, in that order: the clearance's rank, the countries (null: all). */
export function scopeParams(scope: ReadScope): [number, string[] | null] {
  return [scope.maxRank, scope.countries === null ? null : [...scope.countries]];
}
