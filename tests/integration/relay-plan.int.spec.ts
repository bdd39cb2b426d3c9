import type pg from 'pg';
import { PENDING_OUTBOX } from '../../libs/event-store/src/sql.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The relay's poll must cost the same however many published rows the outbox keeps. Its test for held-back keys
 * (NOT EXISTS over rows Kafka refused) once had no index and scanned the whole outbox on every poll: 126 ms a poll
 * at a million events. On an empty database a sequential scan is always cheapest, so sequential scans are priced
 * out here: what is checked is that every read of the outbox in the poll can go through an index.
 */
describe('relay: the pending-outbox poll reads the outbox through indexes only', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('has no sequential scan of the outbox', async () => {
    const client: pg.PoolClient = await db.pool.connect();
    let plan: string;
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN ${PENDING_OUTBOX}`, [1000]);
      plan = rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect(plan).toMatch(/Index (Only )?Scan (using|on) outbox_held_idx/);
    expect(plan).not.toMatch(/Seq Scan on outbox/);
  });
});
