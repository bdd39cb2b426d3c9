/** Injection tokens for things that are not classes of ours. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
/**
 * The reads' own pool (timelines, registers, dependency figures, the overview, search, audit): bounded apart
 * from the writes', each statement cut off after READ_STATEMENT_TIMEOUT_MS, so that no number of expensive reads
 * takes the connections commands need.
 */
export const PG_READ_POOL = Symbol('PG_READ_POOL');
export const KAFKA = Symbol('KAFKA');
