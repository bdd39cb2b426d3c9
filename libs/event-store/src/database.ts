import pg from 'pg';
import pino from 'pino';

/** Where a pool reports the errors no caller sees (pino's shape; the apps adapt Nest's Logger to it). */
export interface PoolLog {
  warn(object: object, message: string): void;
}

/** Without an injected log (scripts, tests), errors still reach stdout as the project's JSON lines. */
let fallbackLog: PoolLog | undefined;
function defaultLog(): PoolLog {
  fallbackLog ??= pino({ name: 'postgres-pool' });
  return fallbackLog;
}

const poolErrors = new WeakMap<pg.Pool, number>();

/** How many errors a pool made by createPool has reported on its idle clients since it was opened. */
export function poolErrorCount(pool: pg.Pool): number {
  return poolErrors.get(pool) ?? 0;
}

/**
 * Opens a pool; timestamps come back as Date, bigints as strings (positions exceed 2^53 one day).
 * `statementTimeoutMs`: Postgres cancels a statement that runs longer (SQLSTATE 57014, a transient error).
 */
export function createPool(
  connectionString: string,
  max = 10,
  log: PoolLog = defaultLog(),
  { statementTimeoutMs }: { statementTimeoutMs?: number } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    ...(statementTimeoutMs === undefined ? {} : { statement_timeout: statementTimeoutMs }),
  });
  // An idle client that loses its server (a Postgres restart, a terminated backend) must not crash the
  // process: the pool drops that client and opens another on demand. No query fails, so nobody else would
  // hear of it; a server that keeps dropping connections shows up here and in poolErrorCount.
  pool.on('error', (error) => {
    poolErrors.set(pool, poolErrorCount(pool) + 1);
    const { code } = error as { code?: unknown };
    log.warn(
      { err: error, code, errors: poolErrorCount(pool) },
      'idle PostgreSQL connection failed; the pool dropped it',
    );
  });
  return pool;
}

/** Runs work in one transaction on one client, rolling back on any error. */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while checked out (a Postgres restart) is reported on the client; unheard, it would
  // crash the process. The failing query rejects as well, so noting it here is enough.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Postgres error classes that say "try again", not "this request is bad": connection, resources, conflicts. */
const TRANSIENT_SQLSTATE = /^(08|53|57|40|55P03)/;

/** Whether a database error would go away on retry (the server or the connection failed, not the statement). */
export function isTransientDatabaseError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && TRANSIENT_SQLSTATE.test(code)) return true;
  if (typeof code === 'string' && /^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH)/.test(code)) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(
      message,
    )
  );
}
