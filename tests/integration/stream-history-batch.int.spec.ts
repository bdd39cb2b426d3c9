import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '#domain';
import { storeInHistory, storeManyInHistory } from '../../apps/projector/src/stream-history.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

function event(streamId: string, streamVersion: number, summary: string): RecordedEvent {
  return {
    eventId: randomUUID(),
    type: 'CountryResponseObserved',
    schemaVersion: 1,
    streamId,
    streamVersion,
    globalPosition: String(streamVersion),
    country: 'SY',
    occurredAt: '2025-08-01T00:00:00.000Z',
    recordedAt: '2025-08-02T00:00:00.000Z',
    recordedBy: 'test',
    classification: 'unclassified',
    source: null,
    confidence: null,
    correlationId: randomUUID(),
    causationId: null,
    data: {
      observationId: randomUUID(),
      stance: 'neutral',
      speaker: { name: 'S', title: 'T', organisation: 'O' },
      quote: null,
      channel: 'media',
      topics: [],
      vendorsMentioned: [],
      summary,
    },
  };
}

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
      const summaries = (h: RecordedEvent[] | undefined) =>
        h?.map((e) => (e.data as { summary: string }).summary);
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
});
