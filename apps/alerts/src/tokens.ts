/** Nest injection token of the service's pg pool (a type-only name emits no metadata Nest could inject by). */
export const PG_POOL = Symbol('ALERTS_PG_POOL');
