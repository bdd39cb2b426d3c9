import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '#domain';
import { CLAIM_AND_STORE, CLAIM_AND_STORE_MANY } from '../../apps/projector/src/projector.sql.js';
import { historiesOf, storeInHistory, storeManyInHistory } from '../../apps/projector/src/stream-history.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { responseObserved } from '../support/observations.js';

function event(streamId: string, streamVersion: number, summary: string): RecordedEvent {
  return {
    ...responseObserved({ summary }),
    streamId,
    streamVersion,
    globalPosition: String(streamVersion),
    recordedAt: '2025-08-02T00:00:00.000Z',
    recordedBy: 'test',
    correlationId: randomUUID(),
    causationId: null,
  };
}

/** The summaries of a history, in order: what the assertions compare. */
const summaries = (history: RecordedEvent[] | undefined) =>
  history?.map((e) => (e.data as { summary: string }).summary);

/**
 * A rebuild stores a bucket of events in the stream history in one statement. Each event must come back with the
 * history storeInHistory would have given it, one at a time in the same order: what was there before, the events
 * of the list before it, itself; and a duplicate (already stored, or twice in the list) comes back as none.
 */
describe('storeManyInHistory', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('answers each event as storeInHistory would, one at a time', async () => {
    const a = `engagement-${randomUUID()}`;
    const b = `engagement-${randomUUID()}`;
    const a1 = event(a, 1, 'a1');
    const a2 = event(a, 2, 'a2');
    const a3 = event(a, 3, 'a3');
    const b1 = event(b, 1, 'b1');
    const b2 = event(b, 2, 'b2');
    const list = [a2, b1, a2, a3, a1, b2];

    const client = await db.pool.connect();
    try {
      await client.query('CREATE SCHEMA one_at_a_time; CREATE SCHEMA batched');
      for (const schema of ['one_at_a_time', 'batched'])
        await client.query(
          `CREATE TABLE ${schema}.projected_events (LIKE public.projected_events INCLUDING ALL)`,
        );
      // Both start with a1 stored already.
      const expected: Array<RecordedEvent[] | undefined> = [];
      await client.query('SET search_path TO one_at_a_time, public');
      await storeInHistory(client, a1);
      for (const e of list) expected.push(await storeInHistory(client, e));
      await client.query('SET search_path TO batched, public');
      await storeInHistory(client, a1);
      const actual = await storeManyInHistory(client, list);

      expect(actual).toEqual(expected);
      // The checks above are not vacuous: the shape is the one expected.
      expect(actual.map(summaries)).toEqual([
        ['a1', 'a2'],
        ['b1'],
        undefined,
        ['a1', 'a2', 'a3'],
        undefined,
        ['b1', 'b2'],
      ]);
      const { rows } = await client.query('SELECT count(*)::int AS n FROM batched.projected_events');
      expect(rows[0].n).toBe(5);
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  });

  it('claims and stores a chunk as CLAIM_AND_STORE would, one event at a time', async () => {
    const a = `engagement-${randomUUID()}`;
    const b = `engagement-${randomUUID()}`;
    const [a1, a2, a3, b1, b2] = [
      event(a, 1, 'a1'),
      event(a, 2, 'a2'),
      event(a, 3, 'a3'),
      event(b, 1, 'b1'),
      event(b, 2, 'b2'),
    ];
    // a1 applied before; then a2, b1, a2 again, a3, a1 again (a republished copy), b2 once more out of order.
    const list = [a2, b1, a2, a3, a1, b2, b1];
    const tables = ['projected_events', 'projection_stream_versions', 'projection_parked_streams'];
    const client = await db.pool.connect();
    const params = (events: RecordedEvent[]) => [
      'read-models',
      events.map((e) => e.streamId),
      events.map((e) => e.streamVersion),
      events.map((e) => JSON.stringify(e)),
    ];
    try {
      await client.query('CREATE SCHEMA claim_one; CREATE SCHEMA claim_many');
      for (const schema of ['claim_one', 'claim_many'])
        for (const table of tables)
          await client.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
      const one = async (e: RecordedEvent) => {
        const { rows } = await client.query<{ kind: string; event: RecordedEvent | null }>(CLAIM_AND_STORE, [
          'read-models',
          e.streamId,
          e.streamVersion,
          JSON.stringify(e),
        ]);
        return rows.length === 0 ? undefined : rows.flatMap((r) => (r.event ? [r.event] : []));
      };
      await client.query('SET search_path TO claim_one, public');
      await one(a1);
      const expected: Array<RecordedEvent[] | undefined> = [];
      for (const e of list) expected.push(await one(e));
      await client.query('SET search_path TO claim_many, public');
      await one(a1);
      const { rows } = await client.query(CLAIM_AND_STORE_MANY, params(list));
      const actual = historiesOf(
        list,
        rows.map((r) => ({ ...r, stored: r.kind === 'stored' })),
      );
      expect(actual.map(summaries)).toEqual(expected.map(summaries));
      expect(actual.map(summaries)).toEqual([
        ['a1', 'a2'],
        ['b1'],
        undefined,
        ['a1', 'a2', 'a3'],
        undefined,
        ['b1', 'b2'],
        undefined,
      ]);
      const claims = async (schema: string) =>
        (
          await client.query(
            `SELECT stream_id, stream_version FROM ${schema}.projection_stream_versions ORDER BY stream_id`,
          )
        ).rows;
      expect(await claims('claim_many')).toEqual(await claims('claim_one'));

      // A parked stream in the chunk: nothing is claimed or stored, and the parked stream comes back.
      const c = `engagement-${randomUUID()}`;
      await client.query(
        `INSERT INTO claim_many.projection_parked_streams (projection, stream_id, dead_event_id, reason)
         VALUES ('read-models', $1, $2, 'test')`,
        [c, randomUUID()],
      );
      const before = (await client.query('SELECT count(*)::int AS n FROM claim_many.projected_events'))
        .rows[0].n;
      const parked = await client.query(CLAIM_AND_STORE_MANY, params([event(b, 3, 'b3'), event(c, 1, 'c1')]));
      expect(parked.rows.map((r) => [r.kind, r.stream_id])).toEqual([['parked', c]]);
      expect(
        (await client.query('SELECT count(*)::int AS n FROM claim_many.projected_events')).rows[0].n,
      ).toBe(before);
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  });
});
