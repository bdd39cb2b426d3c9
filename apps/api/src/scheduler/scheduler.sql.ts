/**
 * The scheduler's lock, held by a session on a dedicated connection for the whole run: two API replicas never
 * run jobs at once, and a replica that dies mid-run releases it with its connection.
 */
export const TRY_SCHEDULER_LOCK = `SELECT pg_try_advisory_lock(hashtext('demarche.scheduler')) AS locked`;
export const RELEASE_SCHEDULER_LOCK = `SELECT pg_advisory_unlock(hashtext('demarche.scheduler')) AS released`;
