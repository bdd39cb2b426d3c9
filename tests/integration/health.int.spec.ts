import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';

describe('health endpoints', () => {
  let db: TestDatabase;
  const running: RunningApps[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(running.map((apps) => apps.close()));
    await db?.drop();
  });

  async function api(brokers?: string) {
    const apps = await startApps(
      testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('health'), brokers }),
      {
        pipeline: false,
      },
    );
    running.push(apps);
    return apps.api;
  }

  it('reports ready when Postgres and Kafka both answer', async () => {
    const response = await (await api()).inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('reports not ready, naming Kafka, when no broker answers, while still live', async () => {
    const app = await api('127.0.0.1:1');
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'error',
      error: { kafka: { status: 'down' } },
      info: { postgres: { status: 'up' } },
    });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
