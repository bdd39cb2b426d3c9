import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

function metric(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels}`) && !l.startsWith('#'));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('GET /metrics', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('metrics') }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const scrape = async () => {
    const response = await apps.api.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.body;
  };

  it('reports request latency by route, command errors, relay backlog and projection lag, in Prometheus format', async () => {
    expect(
      (await apps.api.inject({ method: 'POST', url: '/v1/countries/SY/meetings', payload: meetingBody() }))
        .statusCode,
    ).toBe(201);
    expect(
      (await apps.api.inject({ method: 'POST', url: '/v1/countries/XX/meetings', payload: meetingBody() }))
        .statusCode,
    ).toBe(400);
    await waitFor(async () =>
      (await db.count('SELECT count(*) AS n FROM country_timeline')) === 1 ? true : undefined,
    );

    const text = await waitFor(
      async () => {
        const body = await scrape();
        return metric(body, 'demarche_projection_lag_events', '{projection="read-models"') === 0
          ? body
          : undefined;
      },
      { what: 'lag metrics at zero once projected' },
    );
    expect(
      metric(
        text,
        'demarche_http_request_duration_seconds_count',
        '{method="POST",route="/v1/countries/:country/meetings",status="201"}',
      ),
    ).toBe(1);
    expect(
      metric(text, 'demarche_command_errors_total', '{route="/v1/countries/:country/meetings",status="400"}'),
    ).toBe(1);
    expect(metric(text, 'demarche_relay_backlog_events')).toBe(0);
    expect(metric(text, 'demarche_relay_backlog_oldest_seconds')).toBe(0);
    expect(text).toContain('demarche_api_process_cpu_seconds_total');
    expect(metric(text, 'demarche_projector_outbox_pending_records')).toBe(0);
    expect(metric(text, 'demarche_projector_outbox_oldest_pending_seconds')).toBe(0);
    expect(metric(text, 'demarche_projector_outbox_refused_records')).toBe(0);
  });

  it('reports what the projector has queued for Kafka: pending records, the age of the oldest, and refused ones', async () => {
    // Queued as the projector queues dead letters. Nothing asks the running projector to send them (it does
    // after a commit that queued something, and at start-up), so they stay as inserted while we scrape.
    await db.pool.query(
      `INSERT INTO projector_outbox (topic, value, enqueued_at, attempts, last_error, refused_at) VALUES
         ('metrics-test.dlq', 'a', now() - interval '90 seconds', 0, NULL, NULL),
         ('metrics-test.dlq', 'b', now() - interval '5 seconds', 1, 'Connection timeout', NULL),
         ('metrics-test.dlq', 'c', now() - interval '1 hour', 1, 'KafkaJSProtocolError: too large', now())`,
    );
    const text = await scrape();
    expect(metric(text, 'demarche_projector_outbox_pending_records')).toBe(2);
    expect(metric(text, 'demarche_projector_outbox_refused_records')).toBe(1);
    // The refused record is older, but it is no longer waiting to be sent: the age is the oldest pending one's.
    const oldest = metric(text, 'demarche_projector_outbox_oldest_pending_seconds') ?? 0;
    expect(oldest).toBeGreaterThanOrEqual(90);
    expect(oldest).toBeLessThan(3600);
    await db.pool.query(`DELETE FROM projector_outbox WHERE topic = 'metrics-test.dlq'`);
  });
});
