import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addAcls, adminKafka, consumerAcls, removeAcls } from '../../scripts/kafka/acls.mjs';
import { kafkaSaslEnv } from '../../scripts/kafka/credentials.mjs';
import { type RunningApps, startApps } from '../support/apps.js';
import { authEnv } from '../support/auth.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { KAFKA_BROKERS, testConfig, uniqueName } from '../support/env.js';
import { contractBody } from '../support/fixtures.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const CONTRACTS = 300;

/**
 * The built alerts service (dist/apps/alerts), SIGKILLed while it works through a backlog and started again: every
 * alert is raised exactly once (its id derives from rule and record; offsets are committed only after the alert
 * is), and every alert reaches the webhook, at least once.
 */
describe('an alerts service killed in the middle of its backlog', () => {
  let db: TestDatabase;
  let topicPrefix: string;
  let apps: RunningApps;
  let alerts: AppProcess | undefined;
  let granted: ReturnType<typeof consumerAcls> = [];
  let server: Server;
  const received = new Map<string, number>();
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('alerts-crash');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    server = createServer((request, response) => {
      const id = String(request.headers['x-demarche-alert-id']);
      received.set(id, (received.get(id) ?? 0) + 1);
      request.resume();
      request.on('end', () => response.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    granted = consumerAcls({
      user: 'alerts',
      topicPrefix,
      levels: ['unclassified'],
      groupPrefix: topicPrefix,
    });
    await addAcls(adminKafka(KAFKA_BROKERS.split(',')), granted);
    env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      ALERTS_GROUP_ID: `${topicPrefix}-alerts`,
      ...kafkaSaslEnv('alerts'),
      ...authEnv(),
      ALERTS_PORT: '0',
      ALERTS_TOPIC_REFRESH_MS: '500',
      ALERTS_WEBHOOK_POLL_MS: '50',
      ALERTS_WEBHOOK_TIMEOUT_MS: '1000',
      ALERTS_WEBHOOKS: JSON.stringify([
        {
          name: 'ops',
          url: `http://127.0.0.1:${port}/`,
          secret: 'ops-webhook-secret-0123',
          clearance: 'secret',
        },
      ]),
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    await alerts?.kill('SIGKILL');
    await apps?.close();
    await new Promise((resolve) => server?.close(resolve));
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
    if (granted.length > 0) await removeAcls(adminKafka(KAFKA_BROKERS.split(',')), granted);
  });

  it('raises every alert once and delivers each after a restart', async () => {
    // A high-risk vendor in the core network: each contract raises one alert.
    for (let i = 0; i < CONTRACTS; i += 1) {
      await recorded(
        apps.api,
        '/v1/countries/SY/contracts',
        contractBody({ domain: 'core', unitKind: 'units', units: 1 + i, vendorId: 'huawei' }),
      );
    }
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')) === 0
          ? true
          : undefined,
      { what: 'the relay to publish every contract', timeoutMs: 60_000 },
    );

    alerts = spawnApp('alerts', env);
    const atKill = await waitFor(
      async () => {
        const n = await db.count('SELECT count(*) AS n FROM alerts.alerts');
        return n >= 30 ? n : undefined;
      },
      { what: 'the first alerts', timeoutMs: 60_000, intervalMs: 5 },
    );
    await alerts.kill('SIGKILL');
    expect(atKill).toBeLessThan(CONTRACTS);

    alerts = spawnApp('alerts', env);
    await waitFor(
      async () =>
        (await db.count("SELECT count(*) AS n FROM alerts.deliveries WHERE status = 'delivered'")) ===
        CONTRACTS
          ? true
          : undefined,
      { what: `${CONTRACTS} delivered alerts (output: ${alerts.output().slice(-2000)})`, timeoutMs: 90_000 },
    );
    expect(await db.count('SELECT count(*) AS n FROM alerts.alerts')).toBe(CONTRACTS);
    expect(await db.count('SELECT count(DISTINCT source_event_id) AS n FROM alerts.alerts')).toBe(CONTRACTS);
    expect(await db.count('SELECT count(*) AS n FROM alerts.deliveries')).toBe(CONTRACTS);
    expect(received.size).toBe(CONTRACTS);
  }, 240_000);
});
