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
  });
});
