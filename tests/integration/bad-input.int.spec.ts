import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';

describe('bad input to POST /v1/countries/{country}/meetings', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  // Startup registers the vendor catalogue; refusals must add nothing to that.
  const store = async () => ({
    events: await db.count('SELECT count(*) AS n FROM events'),
    outbox: await db.count('SELECT count(*) AS n FROM outbox'),
    streams: await db.count('SELECT count(*) AS n FROM streams'),
  });
  let atStart: Awaited<ReturnType<typeof store>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('bad') }), {
      pipeline: false,
    });
    atStart = await store();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  afterEach(async () => {
    // Whatever was refused, nothing reached the event store or the outbox.
    expect(await store()).toEqual(atStart);
  });

  async function post(country: string, payload: unknown, headers: Record<string, string> = {}) {
    const response = await apps.api.inject({
      method: 'POST',
      url: `/v1/countries/${country}/meetings`,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  }

  function fields(body: { errors?: Array<{ field: string }> }): string[] {
    return (body.errors ?? []).map((e) => e.field);
  }

  it.each([
    ['an unassigned code', 'XX'],
    ['a three-letter code', 'SYR'],
    ['digits', '12'],
  ])('refuses %s as the country with 400 naming the country', async (_label, country) => {
    const { status, type, body } = await post(country, meetingBody());
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ type: 'urn:demarche:problem:validation-failed', status: 400 });
    expect(fields(body)).toEqual(['country']);
  });

  it('names every missing required field', async () => {
    const { status, body } = await post('SY', {});
    expect(status).toBe(400);
    expect(new Set(fields(body))).toEqual(
      new Set(['occurredAt', 'location', 'envoys', 'counterparts', 'summary']),
    );
  });

  it('names wrongly typed fields, down to the nested participant', async () => {
    const { status, body } = await post(
      'SY',
      meetingBody({
        location: 42,
        topics: 'telecom',
        envoys: [{ name: 'A', title: 7, organisation: 'State' }],
      }),
    );
    expect(status).toBe(400);
    expect(new Set(fields(body))).toEqual(new Set(['location', 'topics', 'envoys[0].title']));
  });

  it('refuses unknown fields, including nested ones', async () => {
    const { status, body } = await post(
      'SY',
      meetingBody({
        mood: 'sunny',
        counterparts: [{ name: 'B', title: 'Minister', organisation: 'MoC', age: 50 }],
      }),
    );
    expect(status).toBe(400);
    expect(new Set(fields(body))).toEqual(new Set(['mood', 'counterparts[0].age']));
  });

  it.each([
    'yesterday',
    '2026-02-30T10:00:00Z',
    '2026-02-10 10:00',
    '',
    // No offset: the server's time zone would decide which instant it is.
    '2026-02-09T10:00:00',
    // ISO 8601 forms Date cannot read.
    '2020-W01-1T00:00:00Z',
    '2020-001T00:00:00Z',
    'March 7, 2025',
  ])('refuses "%s" as occurredAt', async (occurredAt) => {
    const { status, body } = await post('SY', meetingBody({ occurredAt }));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(['occurredAt']);
  });

  it('refuses concerns and classifications outside their lists', async () => {
    const { status, body } = await post(
      'SY',
      meetingBody({ concerns: ['weather'], classification: 'top-secret-ish' }),
    );
    expect(status).toBe(400);
    expect(new Set(fields(body))).toEqual(new Set(['concerns', 'classification']));
  });

  it('refuses a meeting dated in the future with 422 and the rule broken', async () => {
    const { status, type, body } = await post('SY', meetingBody({ occurredAt: '2099-01-01T00:00:00Z' }));
    expect(status).toBe(422);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ code: 'OCCURRED_IN_FUTURE', field: 'occurredAt' });
  });

  it('refuses malformed JSON with 400', async () => {
    const { status, type, body } = await post('SY', '{"occurredAt": ');
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.status).toBe(400);
  });

  it('refuses a JSON array or scalar body with 400', async () => {
    expect((await post('SY', '[1,2]')).status).toBe(400);
    expect((await post('SY', '"meeting"')).status).toBe(400);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const { status, type } = await post('SY', 'occurredAt=2026-02-10', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(status).toBe(415);
    expect(type).toMatch(/^application\/problem\+json/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { status, type } = await post('SY', meetingBody({ summary: 'x'.repeat(300 * 1024) }));
    expect(status).toBe(413);
    expect(type).toMatch(/^application\/problem\+json/);
  });
});
