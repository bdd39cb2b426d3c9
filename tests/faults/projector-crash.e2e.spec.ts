import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const EVENTS = 1_000;

describe('a projector killed in the middle of a batch', () => {
  let db: TestDatabase;
  let topicPrefix: string;
  let apps: RunningApps;
  let projector: AppProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('crash');
    // Small transactions so that a kill lands between commits of one Kafka batch.
    env = testEnv({ databaseUrl: db.url, topicPrefix, extra: { PROJECTOR_TX_SIZE: '10' } });
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }), { pipeline: false });
  });

  afterAll(async () => {
    await projector?.kill('SIGKILL');
    await apps?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
  });

  it('applies every event exactly once after a restart', async () => {
    for (let i = 0; i < EVENTS; i += 1) {
      const occurredAt = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
      const response = await apps.api.inject({
        method: 'POST',
        url: '/v1/countries/SY/meetings',
        payload: meetingBody({ occurredAt }),
      });
      expect(response.statusCode).toBe(201);
    }

    // Publish everything first, so the projector meets one large backlog.
    const relay = spawnApp('relay', env);
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')) === 0
          ? true
          : undefined,
      { what: 'the relay to publish the backlog' },
    );
    await relay.kill('SIGTERM');

    projector = spawnApp('projector', env);
    const projectedAtKill = await waitFor(
      async () => {
        const n = await db.count('SELECT count(*) AS n FROM country_timeline');
        return n >= 100 ? n : undefined;
      },
      { intervalMs: 2, what: 'the projector to commit a tenth of the backlog' },
    );
    await projector.kill('SIGKILL');
    const survived = await db.count('SELECT count(*) AS n FROM country_timeline');
    expect(survived).toBeGreaterThanOrEqual(projectedAtKill);
    expect(survived).toBeLessThan(EVENTS);

    projector = spawnApp('projector', env);
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM country_timeline')) === EVENTS ? true : undefined,
      { what: 'the restarted projector to finish', timeoutMs: 60_000 },
    );
    await projector.kill('SIGTERM');

    const distinct = await db.count('SELECT count(DISTINCT event_id) AS n FROM country_timeline');
    const counted = await db.count(
      `SELECT coalesce(sum(entries), 0) AS n FROM country_activity WHERE country = 'SY'`,
    );
    const missing = await db.count(
      `SELECT count(*) AS n FROM events e WHERE e.stream_id NOT LIKE 'vendor-%'
         AND NOT EXISTS (SELECT 1 FROM country_timeline t WHERE t.event_id = e.event_id)`,
    );
    console.log(
      `projector crash: sent ${EVENTS}, projected before kill ${survived}, distinct ${distinct}, counted ${counted}, missing ${missing}`,
    );
    expect(distinct).toBe(EVENTS);
    expect(missing).toBe(0);
    // The counter is not idempotent: any event applied twice across the crash would push it past EVENTS.
    expect(counted).toBe(EVENTS);
  });
});
