import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import type { AppConfig } from '#config';
import { engagementTopic } from '#contracts';
import { AlertConsumer } from '../../apps/alerts/src/alert-consumer.js';
import type { DeadDelivery, StoredAlert } from '../../apps/alerts/src/alert-store.js';
import { startAlerts } from '../../apps/alerts/src/bootstrap.js';
import { loadAlertsConfig } from '../../apps/alerts/src/config.js';
import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service.js';
import { addAcls, adminKafka, consumerAcls, removeAcls } from '../../scripts/kafka/acls.mjs';
import { kafkaSaslEnv } from '../../scripts/kafka/credentials.mjs';
import { type RunningApps, startApps } from '../support/apps.js';
import { authEnv, token } from '../support/auth.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { KAFKA_BROKERS, testConfig, uniqueName } from '../support/env.js';
import { contractBody, followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const MARCH_10 = new Date('2026-03-10T08:00:00Z');
const SECRET = { ops: 'ops-webhook-secret-0123', broken: 'broken-webhook-secret-0123' };

/** What the alerts API answers: a page of alerts, the dead deliveries, or a problem. */
interface AlertsAnswer {
  readonly alerts: StoredAlert[];
  readonly next: string | null;
  readonly deliveries: DeadDelivery[];
  readonly title: string;
  readonly errors: { field: string }[];
}

interface Received {
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
}

/** A webhook receiver of the test's own: `failFirst` answers 503 that many times per alert, then 200. */
async function receiver(answer: (alertId: string, attempt: number) => number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ body, headers: request.headers });
      response.statusCode = answer(
        String(request.headers['x-demarche-alert-id']),
        Number(request.headers['x-demarche-attempt']),
      );
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}/hook`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * apps/alerts, a downstream service built on the published contract alone, against the real pipeline: the API
 * records, the relay publishes, the scheduler announces derived events, and the alerts service reads the topics its
 * own Kafka principal is granted (here up to confidential), raises each alert once, serves them under its own
 * authentication and POSTs them to webhooks, signed, with back-off and a dead-letter list.
 */
describe('the alerts service', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let apps: RunningApps;
  let alerts: INestApplication | undefined;
  let topicPrefix: string;
  let granted: ReturnType<typeof consumerAcls> = [];
  let ops: Awaited<ReturnType<typeof receiver>>;
  let broken: Awaited<ReturnType<typeof receiver>>;
  let base: string;
  const ids: Record<string, string> = {};

  function alertsEnv(groupId: string): NodeJS.ProcessEnv {
    return {
      DATABASE_URL: db.url,
      KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      ALERTS_GROUP_ID: groupId,
      ...kafkaSaslEnv('alerts'),
      ...authEnv(),
      ALERTS_PORT: '0',
      ALERTS_TOPIC_REFRESH_MS: '300',
      ALERTS_WEBHOOK_POLL_MS: '50',
      ALERTS_WEBHOOK_BACKOFF_MS: '50',
      ALERTS_WEBHOOK_MAX_ATTEMPTS: '3',
      ALERTS_WEBHOOKS: JSON.stringify([
        { name: 'ops', url: ops.url, secret: SECRET.ops, clearance: 'confidential', countries: 'all' },
        {
          name: 'broken',
          url: broken.url,
          secret: SECRET.broken,
          clearance: 'unclassified',
          countries: ['SY'],
        },
      ]),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    };
  }

  async function startAlertsService(groupId: string): Promise<INestApplication> {
    const app = await startAlerts(loadAlertsConfig(alertsEnv(groupId)));
    const { port } = app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    return app;
  }

  const rows = async () =>
    (
      await db.pool.query<{
        id: string;
        rule: string;
        classification: string;
        subject: string;
        withdrawn_at: Date | null;
      }>(
        'SELECT id, rule, classification, subject, withdrawn_at FROM alerts.alerts ORDER BY rule, classification, subject',
      )
    ).rows;
  const reader = (
    claims: Record<string, unknown>,
    clearance: 'unclassified' | 'confidential' | 'secret' = 'secret',
  ) => token({ sub: 'alerts.reader', role: 'service', countries: '*', clearance }, { claims });
  const get = async (path: string, bearer?: string) => {
    const response = await fetch(`${base}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as AlertsAnswer,
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('alerts');
    config = testConfig({ databaseUrl: db.url, topicPrefix, extra: { SCHEDULER_INTERVAL_MS: '0' } });
    apps = await startApps(config);
    ops = await receiver((_id, attempt) => (attempt <= 2 ? 503 : 200));
    broken = await receiver(() => 500);
    // A deployment grants the alerts principal its levels (README); here up to confidential, on the test's topics.
    granted = consumerAcls({
      user: 'alerts',
      topicPrefix,
      levels: ['unclassified', 'restricted', 'confidential'],
      groupPrefix: topicPrefix,
    });
    await addAcls(adminKafka(KAFKA_BROKERS.split(',')), granted);

    const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
    ids.followUp = (await recorded(apps.api, '/v1/follow-ups', followUpBody(meeting.eventId))).entryId;
    ids.offer = (
      await recorded(
        apps.api,
        '/v1/countries/SY/incentive-offers',
        incentiveOfferBody({ expiresOn: '2026-03-20' }),
      )
    ).entryId;
    await recorded(
      apps.api,
      '/v1/countries/SY/contracts',
      contractBody({ vendorId: 'huawei', units: 1_000 }),
    );
    await recorded(apps.api, '/v1/countries/SY/contracts', contractBody({ vendorId: 'nokia', units: 1_000 }));
    const core = { domain: 'core', unitKind: 'units', units: 40, description: 'Synthetic core contract.' };
    const restrictedCore = await recorded(
      apps.api,
      '/v1/countries/SY/contracts',
      contractBody({ ...core, vendorId: 'huawei', classification: 'restricted' }),
    );
    ids.restrictedCoreEvent = restrictedCore.eventId;
    ids.restrictedCore = restrictedCore.entryId;
    ids.secretCore = (
      await recorded(
        apps.api,
        '/v1/countries/SY/contracts',
        contractBody({ ...core, vendorId: 'zte', classification: 'secret' }),
      )
    ).entryId;
    await awaitProjected(db);
    const scheduler = apps.api.get(SchedulerService);
    await scheduler.runOnce(MARCH_10);
    await scheduler.runOnce();
    alerts = await startAlertsService(`${topicPrefix}-alerts`);
  });

  afterAll(async () => {
    await alerts?.close();
    await apps?.close();
    await ops?.close();
    await broken?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
    if (granted.length > 0) await removeAcls(adminKafka(KAFKA_BROKERS.split(',')), granted);
  });

  it('reads the topics its credentials allow, and raises each alert of those levels once', async () => {
    const consumer = alerts?.get(AlertConsumer);
    expect(consumer?.subscribed).toEqual(
      expect.arrayContaining([
        engagementTopic(topicPrefix, 'unclassified'),
        `${topicPrefix}.derived.unclassified`,
      ]),
    );
    // Not granted: the secret topics are not even listed to this principal.
    expect(consumer?.subscribed.some((t) => t.endsWith('.secret'))).toBe(false);

    const expected = [
      { rule: 'follow-up-overdue', classification: 'unclassified', subject: ids.followUp },
      { rule: 'high-risk-share-rose', classification: 'restricted', subject: 'SY/core/units' },
      { rule: 'high-risk-share-rose', classification: 'unclassified', subject: 'SY/ran/sites' },
      { rule: 'high-risk-vendor-in-core', classification: 'restricted', subject: ids.restrictedCore },
      { rule: 'offer-expiring', classification: 'unclassified', subject: ids.offer },
    ];
    const raised = await waitFor(
      async () => {
        const found = await rows();
        return found.length >= expected.length ? found : undefined;
      },
      { what: 'the alerts of the readable levels', timeoutMs: 60_000 },
    );
    expect(raised.map(({ rule, classification, subject }) => ({ rule, classification, subject }))).toEqual(
      expected,
    );
    // The secret core contract (ZTE) raised nothing: this service may not read it.
    expect(raised.some((r) => r.classification === 'secret')).toBe(false);
  });

  it('lists alerts under its own authentication: scope, clearance and countries', async () => {
    const none = await get('/v1/alerts');
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    const unscoped = await get('/v1/alerts', await reader({}));
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.title).toContain('alerts:read');

    const all = await get('/v1/alerts', await reader({ scope: 'alerts:read' }));
    expect(all.status).toBe(200);
    expect(all.body.alerts).toHaveLength(5);
    const low = await get('/v1/alerts', await reader({ scope: 'alerts:read' }, 'unclassified'));
    expect(low.body.alerts.map((a: { classification: string }) => a.classification)).toEqual(
      Array(3).fill('unclassified'),
    );
    const elsewhere = await get('/v1/alerts', await reader({ scope: 'alerts:read', countries: ['IQ'] }));
    expect(elsewhere.body.alerts).toEqual([]);

    const bearer = await reader({ scope: 'openid alerts:read' });
    const first = await get('/v1/alerts?limit=2', bearer);
    const second = await get(`/v1/alerts?limit=2&after=${first.body.next}`, bearer);
    const third = await get(`/v1/alerts?limit=2&after=${second.body.next}`, bearer);
    const paged = [...first.body.alerts, ...second.body.alerts, ...third.body.alerts].map((a) => a.id);
    expect(new Set(paged)).toEqual(new Set(all.body.alerts.map((a: { id: string }) => a.id)));
    expect(third.body.next).toBeNull();
    const rule = await get('/v1/alerts?rule=offer-expiring&country=SY', bearer);
    expect(rule.body.alerts).toEqual([
      expect.objectContaining({ rule: 'offer-expiring', subject: ids.offer, occurredAt: expect.any(String) }),
    ]);

    const bad = await get('/v1/alerts?limit=0&country=sy&rule=nope&since=yesterday', bearer);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'country',
      'limit',
      'rule',
      'since',
    ]);
  });

  it('answers any query with 200 or a 400 problem, never a 5xx', async () => {
    const bearer = await reader({ scope: 'alerts:read alerts:admin' });
    const names = fc.constantFrom('country', 'rule', 'since', 'limit', 'after', 'includeWithdrawn', 'other');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(names, fc.oneof(fc.string(), fc.integer().map(String), fc.constant('SY'))), {
          maxLength: 4,
        }),
        fc.constantFrom('/v1/alerts', '/v1/alerts/dead-deliveries'),
        async (pairs, path) => {
          const query = new URLSearchParams(pairs).toString();
          const answer = await fetch(`${base}${path}?${query}`, {
            headers: { authorization: `Bearer ${bearer}` },
          });
          expect([200, 400]).toContain(answer.status);
          if (answer.status === 400)
            expect(answer.headers.get('content-type')).toContain('application/problem+json');
          await answer.body?.cancel();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('POSTs each alert to the webhooks cleared for it, signed, retrying with back-off', async () => {
    // ops (up to confidential): every alert, delivered on the third attempt after two 503s.
    const delivered = await waitFor(
      async () => {
        const { rows: d } = await db.pool.query<{ n: string }>(
          "SELECT count(*) AS n FROM alerts.deliveries WHERE webhook = 'ops' AND status = 'delivered'",
        );
        return Number(d[0]?.n) === 5 ? true : undefined;
      },
      { what: 'five deliveries to ops', timeoutMs: 30_000 },
    );
    expect(delivered).toBe(true);
    const successes = ops.received.filter((r) => r.headers['x-demarche-attempt'] === '3');
    expect(new Set(successes.map((r) => r.headers['x-demarche-alert-id'])).size).toBe(5);
    for (const { body, headers } of ops.received) {
      const expected = createHmac('sha256', SECRET.ops)
        .update(`${headers['x-demarche-timestamp']}.${body}`)
        .digest('hex');
      expect(headers['x-demarche-signature']).toBe(`sha256=${expected}`);
      expect(JSON.parse(body).id).toBe(headers['x-demarche-alert-id']);
    }
    // Attempts of one alert are spaced by the back-off (50 ms, then 100 ms), never all at once.
    const attempts = await db.pool.query<{ attempts: number }>(
      "SELECT attempts FROM alerts.deliveries WHERE webhook = 'ops'",
    );
    expect(attempts.rows.every((r) => r.attempts === 3)).toBe(true);
  });

  it('puts a delivery that failed its last attempt on the dead-letter list, which an admin may retry', async () => {
    // broken (unclassified, SY): the three unclassified alerts, each dead after three 500s.
    const admin = await reader({ scope: 'alerts:admin' });
    const dead = await waitFor(
      async () => {
        const answer = await get('/v1/alerts/dead-deliveries', admin);
        return answer.body.deliveries?.length === 3 ? answer.body.deliveries : undefined;
      },
      { what: 'three dead deliveries', timeoutMs: 30_000 },
    );
    for (const delivery of dead) {
      expect(delivery).toMatchObject({ webhook: 'broken', attempts: 3, lastStatus: 500 });
      expect(delivery.alert.classification).toBe('unclassified');
    }
    expect(broken.received).toHaveLength(9);
    const first = dead[0]?.alertId as string;
    expect((await get('/v1/alerts/dead-deliveries', await reader({ scope: 'alerts:read' }))).status).toBe(
      403,
    );

    const retry = await fetch(`${base}/v1/alerts/dead-deliveries/${first}/broken/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(retry.status).toBe(202);
    await waitFor(async () => (broken.received.length >= 10 ? true : undefined), {
      what: 'a retried delivery',
    });
    const again = await fetch(`${base}/v1/alerts/dead-deliveries/${first}/nowhere/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(again.status).toBe(404);
  });

  it('withdraws the alert of a retracted event', async () => {
    await recorded(apps.api, `/v1/entries/${ids.restrictedCoreEvent}/retractions`, {
      reason: 'Recorded in error.',
    });
    await waitFor(async () => ((await rows()).some((r) => r.withdrawn_at !== null) ? true : undefined), {
      what: 'the withdrawal',
      timeoutMs: 30_000,
    });
    const bearer = await reader({ scope: 'alerts:read' });
    const current = await get('/v1/alerts?rule=high-risk-vendor-in-core', bearer);
    expect(current.body.alerts).toEqual([]);
    const withdrawn = await get('/v1/alerts?rule=high-risk-vendor-in-core&includeWithdrawn=true', bearer);
    expect(withdrawn.body.alerts).toEqual([
      expect.objectContaining({ subject: ids.restrictedCore, withdrawnAt: expect.any(String) }),
    ]);
  });

  it('raises nothing twice when the topics are read again from the start', async () => {
    const before = await rows();
    const deliveries = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM alerts.deliveries');
    await alerts?.close();
    // A second instance in a new consumer group reads every record again.
    alerts = await startAlertsService(`${topicPrefix}-alerts-again`);
    const consumer = alerts.get(AlertConsumer);
    await waitFor(async () => (consumer.subscribed.length > 0 ? true : undefined), {
      what: 'a subscription',
    });
    const groupDone = await waitFor(
      async () => {
        const admin = adminKafka(KAFKA_BROKERS.split(',')).admin();
        await admin.connect();
        try {
          const lag = await Promise.all(
            consumer.subscribed.map(async (topic) => {
              const [offsets] = await admin.fetchOffsets({
                groupId: `${topicPrefix}-alerts-again`,
                topics: [topic],
              });
              const ends = await admin.fetchTopicOffsets(topic);
              return ends.some((end) => {
                const committed =
                  offsets?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
                return Number(end.offset) > 0 && Number(committed) < Number(end.offset);
              });
            }),
          );
          return lag.some(Boolean) ? undefined : true;
        } finally {
          await admin.disconnect();
        }
      },
      { what: 'the new group to read every topic to its end', timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(groupDone).toBe(true);
    expect(await rows()).toEqual(before);
    const after = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM alerts.deliveries');
    expect(after.rows[0]?.n).toBe(deliveries.rows[0]?.n);
  });
});
