/** Injection tokens for things that are not classes of ours. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const KAFKA = Symbol('KAFKA');
