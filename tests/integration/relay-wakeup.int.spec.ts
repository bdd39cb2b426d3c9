import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '#event-store';
import { eventRouter } from '#messaging';
import { type RunningApps, startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { appendObservation } from '../support/observations.js';
import { waitFor } from '../support/wait.js';

/**
 * The relay publishes a commit when the outbox trigger notifies it, not at its next poll: with the poll set to a
 * minute, events appended while it idles are published well within it (in milliseconds when no transaction
 * elsewhere on the server holds them back; the waits below allow for parallel tests that do), and a notification
 * lost while its connection was down is made up for when it comes back.
 */
describe('the relay woken by the outbox notification', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('wakeup');
    store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
    apps = await startApps(
      testConfig({ databaseUrl: db.url, topicPrefix, extra: { RELAY_POLL_MS: '60000' } }),
    );
    // The relay has created its topics and gone idle on an empty outbox.
    await waitFor(
      async () =>
        (await db.count(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )) > 0 || undefined,
      { what: 'the relay listening' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const published = (position: string) =>
    db.count('SELECT count(*) AS n FROM outbox WHERE global_position = $1 AND published_at IS NOT NULL', [
      position,
    ]);

  it('publishes an append within seconds although its poll is a minute', async () => {
    const position = await appendObservation(store, 'SY', `woken ${randomUUID()}`);
    await waitFor(async () => ((await published(position)) === 1 ? true : undefined), {
      what: 'the append published',
      timeoutMs: 45_000,
    });
  });

  it('listens again after its notification connection is cut, and publishes what came meanwhile', async () => {
    await db.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    const position = await appendObservation(store, 'SY', `while deaf ${randomUUID()}`);
    await waitFor(async () => ((await published(position)) === 1 ? true : undefined), {
      what: 'the append queued while nobody listened, published on reconnecting',
      timeoutMs: 45_000,
    });
  });
});
