import { VENDOR_CATALOGUE } from '#domain';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { PrivateBroker } from '../support/broker.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { waitFor } from '../support/wait.js';

const DURING_OUTAGE = 20;

describe('Kafka down while officers keep logging', () => {
  const broker = new PrivateBroker();
  let db: TestDatabase;
  let apps: RunningApps;
  let relay: AppProcess;
  let projector: AppProcess;
  let topic: string;

  beforeAll(async () => {
    await broker.start();
    db = await createTestDatabase();
    const topicPrefix = uniqueName('outage');
    topic = `${topicPrefix}.engagement.unclassified`;
    const overrides = { databaseUrl: db.url, topicPrefix, brokers: broker.address };
    apps = await startApps(testConfig(overrides), { pipeline: false });
    relay = spawnApp('relay', testEnv({ ...overrides, extra: { RELAY_MAX_BACKOFF_MS: '1000' } }));
    projector = spawnApp('projector', testEnv(overrides));
  });

  afterAll(async () => {
    await Promise.all([relay?.kill('SIGKILL'), projector?.kill('SIGKILL')]);
    await apps?.close();
    await db?.drop();
    await broker.destroy();
  });

  const projected = () => db.count('SELECT count(*) AS n FROM country_timeline');

  async function post(occurredAt: string): Promise<string> {
    const response = await apps.api.inject({
      method: 'POST',
      url: '/v1/countries/SY/meetings',
      payload: meetingBody({ occurredAt }),
    });
    expect(response.statusCode).toBe(201);
    return response.json().eventId;
  }

  it('acknowledges every command and delivers all of them, in order, once the broker is back', async () => {
    const first = await post('2025-01-01T00:00:00Z');
    await waitFor(async () => ((await projected()) === 1 ? true : undefined), {
      what: 'the warm-up meeting',
    });

    await broker.stop();
    const posted = [first];
    for (let i = 1; i <= DURING_OUTAGE; i += 1) {
      posted.push(await post(new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString()));
    }
    expect(await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(DURING_OUTAGE);
    const notReady = await apps.api.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      error: { kafka: { status: 'down' } },
      info: { postgres: { status: 'up' } },
    });

    await broker.start();
    // Readiness recovers by itself once the broker answers again.
    await waitFor(
      async () =>
        (await apps.api.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200
          ? true
          : undefined,
      { what: 'ready again', timeoutMs: 60_000 },
    );
    await waitFor(async () => ((await projected()) === posted.length ? true : undefined), {
      what: 'every meeting in the timeline after the outage',
      timeoutMs: 90_000,
    });

    const timeline = await apps.api.inject({ method: 'GET', url: '/v1/countries/SY/timeline?limit=200' });
    expect(timeline.json().entries.map((e: { eventId: string }) => e.eventId)).toEqual([...posted].reverse());

    // The vendor catalogue registered at startup is on the topic too, keyed by vendor.
    const all = await readTopic(topic, posted.length + VENDOR_CATALOGUE.length, { brokers: broker.address });
    const records = all.filter((r) => r.key === 'SY');
    const delivered = records.map((r) => r.event.eventId as string);
    // Kafka may hold a duplicate after a failed send; downstream de-duplicates by event id, keeping first order.
    const firstSeen = delivered.filter((id, index) => delivered.indexOf(id) === index);
    console.log(
      `kafka outage: sent ${posted.length}, acknowledged ${posted.length}, on Kafka ${records.length} (${firstSeen.length} distinct), projected ${await projected()}`,
    );
    expect(firstSeen).toEqual(posted);
    expect(new Set(records.map((r) => r.partition)).size).toBe(1);
  });
});
