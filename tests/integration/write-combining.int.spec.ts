import { randomUUID } from 'node:crypto';
import { IdempotentReplayError, PostgresEventStore, StreamVersionConflictError } from '#event-store';
import { eventRouter } from '#messaging';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { uniqueName } from '../support/env.js';
import { responseObserved } from '../support/observations.js';

const observation = (summary: string) => responseObserved({ summary });

const metadata = () => ({
  recordedAt: new Date(),
  recordedBy: 'test',
  correlationId: randomUUID(),
  causationId: null,
});

/**
 * Appends that arrive together are written in one statement (one in flight at a time here, so everything queued
 * behind the first goes in the second): each caller still gets exactly its own outcome.
 */
describe('write-combining in the event store', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const statements: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Counts the statements the store sends, to show appends really were combined.
    const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
    const spied = Object.create(db.pool) as typeof db.pool;
    (spied as unknown as { query: unknown }).query = (...args: unknown[]) => {
      if (typeof args[0] === 'string') statements.push(args[0]);
      return query(...args);
    };
    store = new PostgresEventStore(spied, eventRouter(uniqueName('combining')), () => undefined, {
      maxInFlight: 1,
      maxBatchEvents: 500,
    });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('answers each caller with its own events, versions and positions, in fewer statements', async () => {
    statements.length = 0;
    const appends = Array.from({ length: 60 }, (_, i) => ({
      streamId: `observation-${randomUUID()}`,
      events: Array.from({ length: 1 + (i % 3) }, (_, j) => observation(`append ${i} event ${j}`)),
    }));
    const results = await Promise.all(
      appends.map((a) =>
        store.appendToStream(a.streamId, a.events, {
          expectedVersion: 0,
          category: 'observation',
          metadata: metadata(),
        }),
      ),
    );
    expect(statements.length).toBeLessThan(appends.length / 4);
    for (const [i, result] of results.entries()) {
      const asked = appends[i];
      expect(result.streamId).toBe(asked?.streamId);
      expect(result.events.map((e) => e.eventId)).toEqual(asked?.events.map((e) => e.eventId));
      expect(result.events.map((e) => e.streamVersion)).toEqual(asked?.events.map((_, j) => j + 1));
      expect(result.nextExpectedVersion).toBe(asked?.events.length);
    }
    // What each caller was told is what the store holds, event by event, with an outbox row each.
    const { rows } = await db.pool.query<{ event_id: string; stream_id: string; v: number; pos: string }>(
      `SELECT e.event_id, e.stream_id, e.stream_version AS v, e.global_position::text AS pos
       FROM events e JOIN outbox o USING (global_position)`,
    );
    const stored = new Map(rows.map((r) => [r.event_id, r]));
    for (const result of results) {
      for (const event of result.events) {
        expect(stored.get(event.eventId)).toEqual({
          event_id: event.eventId,
          stream_id: result.streamId,
          v: event.streamVersion,
          pos: event.globalPosition,
        });
      }
    }
    expect(rows).toHaveLength(appends.reduce((n, a) => n + a.events.length, 0));
  });

  it("fails only the caller whose expected version did not hold, and keeps each stream's order", async () => {
    const streams = Array.from({ length: 20 }, () => `observation-${randomUUID()}`);
    await Promise.all(
      streams.map((streamId) =>
        store.appendToStream(streamId, [observation('first')], {
          expectedVersion: 0,
          category: 'observation',
          metadata: metadata(),
        }),
      ),
    );
    statements.length = 0;
    // Even streams are appended at the right version; odd ones claim a stale one. Each stream also gets a
    // second append right behind the first, which must wait for it (never share its statement).
    const outcomes = await Promise.allSettled(
      streams.flatMap((streamId, i) => [
        store.appendToStream(streamId, [observation('second')], {
          expectedVersion: i % 2 === 0 ? 1 : 5,
          category: 'observation',
          metadata: metadata(),
        }),
        store.appendToStream(streamId, [observation('third')], {
          expectedVersion: 2,
          category: 'observation',
          metadata: metadata(),
        }),
      ]),
    );
    for (const [k, outcome] of outcomes.entries()) {
      const stream = Math.floor(k / 2);
      const good = stream % 2 === 0;
      if (good) {
        expect(outcome.status).toBe('fulfilled');
        if (outcome.status === 'fulfilled')
          expect(outcome.value.events[0]?.streamVersion).toBe(1 + (k % 2) + 1);
      } else if (k % 2 === 0) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(StreamVersionConflictError);
          expect((outcome.reason as StreamVersionConflictError).actualVersion).toBe(1);
        }
      } else {
        // The second append of a stale stream expected version 2, which the stream never reached.
        expect(outcome.status).toBe('rejected');
      }
    }
    const { rows } = await db.pool.query<{ stream_id: string; versions: number[] }>(
      `SELECT stream_id, array_agg(stream_version ORDER BY stream_version) AS versions
       FROM events WHERE stream_id = ANY($1) GROUP BY stream_id`,
      [streams],
    );
    for (const row of rows) {
      expect(row.versions).toEqual(streams.indexOf(row.stream_id) % 2 === 0 ? [1, 2, 3] : [1]);
    }
  });

  it('writes a keyed command once when its duplicates arrive together, and answers the rest as replays', async () => {
    const key = { caller: 'test', key: randomUUID(), requestHash: 'h', response: { entryId: 'e' } };
    const existing = { caller: 'test', key: randomUUID(), requestHash: 'h', response: { entryId: 'x' } };
    await store.appendToStream(`observation-${randomUUID()}`, [observation('already')], {
      expectedVersion: 0,
      category: 'observation',
      metadata: metadata(),
      idempotency: existing,
    });
    const attempts = [
      ...Array.from({ length: 5 }, () => key),
      existing,
      ...Array.from({ length: 10 }, () => undefined),
    ].map((idempotency) =>
      store.appendToStream(`observation-${randomUUID()}`, [observation('keyed')], {
        expectedVersion: 0,
        category: 'observation',
        metadata: metadata(),
        ...(idempotency ? { idempotency } : {}),
      }),
    );
    const outcomes = await Promise.allSettled(attempts);
    const keyed = outcomes.slice(0, 5);
    expect(keyed.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of keyed.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(IdempotentReplayError);
    }
    expect(outcomes[5]?.status).toBe('rejected');
    expect((outcomes[5] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotentReplayError);
    // A replayed key in the batch did not cost the unkeyed appends beside it their writes.
    expect(outcomes.slice(6).every((o) => o.status === 'fulfilled')).toBe(true);
    const remembered = await store.rememberedResponse('test', key.key);
    const winner = keyed.find((o) => o.status === 'fulfilled') as unknown as PromiseFulfilledResult<{
      streamId: string;
      events: { eventId: string }[];
    }>;
    expect(remembered?.response).toMatchObject({
      entryId: 'e',
      streamId: winner.value.streamId,
      eventId: winner.value.events[0]?.eventId,
    });
  });
});
