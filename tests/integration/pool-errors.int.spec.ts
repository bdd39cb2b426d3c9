import type pg from 'pg';
import { createPool, poolErrorCount } from '#event-store';
import { PG_POOL } from '../../apps/api/src/infrastructure/tokens.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { waitFor } from '../support/wait.js';

/** Ends one idle connection of a pool from the server side, as a server restart or an admin would. */
async function terminateIdleConnection(db: TestDatabase, pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const terminated = await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
  expect(terminated.rowCount).toBe(1);
}

describe('errors on idle database connections', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('are logged with their code and counted, and the pool goes on with a new connection', async () => {
    const logged: { object: Record<string, unknown>; message: string }[] = [];
    const pool = createPool(db.url, 2, {
      warn: (object, message) => logged.push({ object: object as Record<string, unknown>, message }),
    });
    try {
      await terminateIdleConnection(db, pool);
      await waitFor(async () => (logged.length > 0 ? true : undefined), { what: 'the pool error logged' });

      expect(logged).toHaveLength(1);
      expect(logged[0]?.message).toMatch(/idle PostgreSQL connection failed/);
      // 57P01: admin_shutdown, what a terminated backend (or a server shutting down) reports.
      expect(logged[0]?.object).toMatchObject({ code: '57P01', errors: 1 });
      expect(logged[0]?.object.err).toBeInstanceOf(Error);
      expect(poolErrorCount(pool)).toBe(1);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  describe('in the API', () => {
    let apps: RunningApps;

    beforeAll(async () => {
      apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('pool-errors') }), {
        pipeline: false,
      });
    });

    afterAll(async () => {
      await apps?.close();
    });

    const scrape = async () =>
      (await apps.api.inject({ method: 'GET', url: '/metrics' })).body
        .split('\n')
        .find((line) => line.startsWith('demarche_postgres_pool_errors_total '));

    it('are counted on /metrics', async () => {
      expect(await scrape()).toBe('demarche_postgres_pool_errors_total 0');
      const pool = apps.api.get<pg.Pool>(PG_POOL);
      await terminateIdleConnection(db, pool);
      // Query nothing until the pool has heard of it: a query sent on the dying connection would take the error
      // itself (and fail), and the idle connection's error would never be raised.
      await waitFor(async () => (poolErrorCount(pool) === 1 ? true : undefined), { what: 'the pool error' });
      await waitFor(
        async () => ((await scrape()) === 'demarche_postgres_pool_errors_total 1' ? true : undefined),
        { what: 'the counter at 1' },
      );
    });
  });
});
