import type pg from 'pg';
import { type RunningApps, startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';

/**
 * Reads run on a pool of their own, each statement bounded: however many reads pile up (here behind a lock on the
 * timeline, with a read pool of one connection), a command still gets its connections and is recorded, and each
 * stuck read is stopped with a 503 problem instead of holding its connection.
 */
describe('reads apart from writes', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let locker: pg.PoolClient | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('reads'),
        extra: { READ_POOL_SIZE: '1', READ_STATEMENT_TIMEOUT_MS: '400', SCHEDULER_INTERVAL_MS: '0' },
      }),
      { pipeline: false },
    );
  });

  afterAll(async () => {
    await locker?.query('ROLLBACK').catch(() => undefined);
    locker?.release();
    await apps?.close();
    await db?.drop();
  });

  it('records a command while reads are stuck, and stops each stuck read with a 503', async () => {
    locker = await db.pool.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE country_timeline IN ACCESS EXCLUSIVE MODE');
    const finished: string[] = [];
    const reads = [1, 2, 3].map((i) =>
      apps.api.inject({ method: 'GET', url: '/v1/countries/SY/timeline' }).then((response) => {
        finished.push(`read ${i}`);
        return response;
      }),
    );
    const write = await apps.api.inject({
      method: 'POST',
      url: '/v1/countries/SY/meetings',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(meetingBody()),
    });
    finished.push('write');
    expect(write.statusCode).toBe(201);
    const answers = await Promise.all(reads);
    // The command was recorded before the first stuck read gave up.
    expect(finished[0]).toBe('write');
    for (const answer of answers) {
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json()).toMatchObject({ status: 503, type: 'urn:demarche:problem:read-timeout' });
    }
    await locker.query('ROLLBACK');
    const after = await apps.api.inject({ method: 'GET', url: '/v1/countries/SY/timeline' });
    expect(after.statusCode).toBe(200);
  });
});

/**
 * READ_DATABASE_URL sends the queries to another server (a streaming replica in production; here a second
 * database): reads wait on what happens there and not on the primary, and commands still go to the primary.
 */
describe('reads from READ_DATABASE_URL', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    apps = await startApps(
      testConfig({
        databaseUrl: primary.url,
        topicPrefix: uniqueName('replica'),
        extra: {
          READ_DATABASE_URL: replica.url,
          READ_STATEMENT_TIMEOUT_MS: '400',
          SCHEDULER_INTERVAL_MS: '0',
        },
      }),
      { pipeline: false },
    );
  });

  afterAll(async () => {
    await apps?.close();
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  const lockedTimeline = async (db: TestDatabase, work: () => Promise<void>) => {
    const locker = await db.pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE country_timeline IN ACCESS EXCLUSIVE MODE');
      await work();
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
    }
  };

  it('reads the replica, not the primary, and records commands on the primary', async () => {
    const read = () => apps.api.inject({ method: 'GET', url: '/v1/countries/SY/timeline' });
    await lockedTimeline(primary, async () => {
      expect((await read()).statusCode).toBe(200);
    });
    await lockedTimeline(replica, async () => {
      expect((await read()).statusCode).toBe(503);
    });
    const write = await apps.api.inject({
      method: 'POST',
      url: '/v1/countries/SY/meetings',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(meetingBody()),
    });
    expect(write.statusCode).toBe(201);
    expect(await primary.count('SELECT count(*) AS n FROM events')).toBeGreaterThan(0);
    expect(await replica.count('SELECT count(*) AS n FROM events')).toBe(0);
  });
});
