import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { PostgresEventStore } from '#event-store';
import { eventRouter } from '#messaging';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { readTopic } from '../support/kafka.js';
import { responseObserved } from '../support/observations.js';
import { waitFor } from '../support/wait.js';

/** The bug Postgres-based stores keep shipping: a reader that moves past a position committed late skips it. */
describe('events committed in a different order from their positions', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let store: PostgresEventStore;
  let topic: string;
  let topicPrefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('gapless');
    topic = `${topicPrefix}.engagement.unclassified`;
    store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const metadata = () => ({
    recordedAt: new Date(),
    recordedBy: 'test',
    correlationId: randomUUID(),
    causationId: null,
  });

  it('are never skipped, and reach Kafka in commit order', async () => {
    // Transaction A takes the lower position and stays open; B takes a higher one and commits first.
    const slow = await db.pool.connect();
    await slow.query('BEGIN');
    const lowId = randomUUID();
    const low = responseObserved({ country: 'SY', observationId: lowId });
    // The store's own append, on the connection whose transaction stays open.
    const held = new PostgresEventStore(slow as unknown as pg.Pool, eventRouter(topicPrefix));
    const appended = await held.appendToStream(`observation-${lowId}`, [low], {
      expectedVersion: 0,
      category: 'observation',
      metadata: metadata(),
    });
    const lowPosition = BigInt(appended.events[0]?.globalPosition ?? '0');
    const highId = randomUUID();
    const high = responseObserved({ country: 'SY', observationId: highId });
    const committed = await store.appendToStream(`observation-${highId}`, [high], {
      expectedVersion: 0,
      category: 'observation',
      metadata: metadata(),
    });
    expect(BigInt(committed.events[0]?.globalPosition ?? '0')).toBeGreaterThan(lowPosition);

    // While A is in flight, the relay must not move past it: B waits.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      await db.count(
        "SELECT count(*) AS n FROM outbox WHERE message_key = 'SY' AND published_at IS NOT NULL",
      ),
    ).toBe(0);

    await slow.query('COMMIT');
    slow.release();
    await waitFor(
      async () =>
        (await db.count("SELECT count(*) AS n FROM country_timeline WHERE country = 'SY'")) === 2
          ? true
          : undefined,
      {
        what: 'both events projected',
      },
    );
    const records = await readTopic(topic, 2, { only: (record) => record.key === 'SY' });
    expect(records.map((r) => r.event.eventId)).toEqual([low.eventId, high.eventId]);
  });
});
