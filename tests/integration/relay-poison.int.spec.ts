import { PostgresEventStore } from '#event-store';
import { eventRouter } from '#messaging';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { appendObservation } from '../support/observations.js';
import { waitFor } from '../support/wait.js';

describe('a row Kafka refuses', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('poison');
    store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const append = (country: string, note: string) => appendObservation(store, country, note);

  it('holds back only its own country, in order, while other countries flow on', async () => {
    // Over the broker's 1 MiB max.message.bytes: Kafka refuses it whatever the retries.
    const poison = await append('IQ', 'x'.repeat(1_200_000));
    const behindPoison = await append('IQ', 'small, but after the poison row');
    const otherCountry = await append('SY', 'unrelated');

    await waitFor(
      async () =>
        (await db.count(
          'SELECT count(*) AS n FROM outbox WHERE global_position = $1 AND published_at IS NOT NULL',
          [otherCountry],
        )) === 1
          ? true
          : undefined,
      { what: 'the SY row published past the poison row' },
    );
    const { rows } = await db.pool.query(
      'SELECT global_position::text AS p, published_at, held_until, last_error FROM outbox WHERE message_key = $1 ORDER BY global_position',
      ['IQ'],
    );
    expect(rows.map((r) => r.p)).toEqual([poison, behindPoison]);
    expect(rows.every((r) => r.published_at === null)).toBe(true);
    expect(rows[0].held_until).not.toBeNull();
    expect(rows[0].last_error).toMatch(/large/i);
    await waitFor(
      async () =>
        (await db.count("SELECT count(*) AS n FROM country_timeline WHERE country = 'SY'")) === 1
          ? true
          : undefined,
      {
        what: 'the SY entry projected',
      },
    );
    expect(await db.count("SELECT count(*) AS n FROM country_timeline WHERE country = 'IQ'")).toBe(0);
  });
});
