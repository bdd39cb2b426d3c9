import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import {
  DERIVED_EVENT_SCHEMAS,
  EVENT_SCHEMAS,
  EVENT_TYPE_NAMES,
  InvalidEventDataError,
  validateEventData,
} from '#contracts';
import { PostgresEventStore } from '#event-store';
import { type RunningApps, startApps } from '../support/apps.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, meetingBody } from '../support/fixtures.js';
import { spectral } from '../support/spectral.js';

/** The event contract as the API serves it to downstream teams, and the API's refusal to break it. */
describe('the published event contract', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let topicPrefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('event-contract');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }), { pipeline: false });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const get = (url: string) => apps.api.inject({ method: 'GET', url });

  it('serves every schema version at the path its events name in ce_dataschema, as committed', async () => {
    const index = (await get('/schemas/events')).json() as {
      schemas: { type: string; version: number; url: string }[];
    };
    expect(index.schemas.map((s) => `${s.type}@${s.version}`)).toEqual(
      [...EVENT_SCHEMAS, ...DERIVED_EVENT_SCHEMAS].map((s) => `${s.type}@${s.version}`),
    );
    for (const entry of index.schemas) {
      const path = new URL(entry.url).pathname;
      const folder = EVENT_SCHEMAS.some((s) => s.type === entry.type) ? 'events' : 'derived';
      expect(path).toBe(`/schemas/${folder}/${entry.type}/v${entry.version}.json`);
      const response = await get(path);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
      const committed = readFileSync(
        new URL(`../../libs/contracts/schemas${path.slice('/schemas'.length)}`, import.meta.url),
        'utf8',
      );
      expect(response.body).toBe(committed);
    }
  });

  it.each([
    '/schemas/events/EnvoyMeetingHeld/v99.json',
    '/schemas/events/NoSuchEvent/v1.json',
    '/schemas/events/EnvoyMeetingHeld/v1',
    '/schemas/derived/EnvoyMeetingHeld/v1.json',
    '/schemas/other/EnvoyMeetingHeld/v1.json',
  ])('answers 404 problem+json for %s', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves an AsyncAPI 3 document of this deployment that the AsyncAPI parser and Spectral accept', async () => {
    const response = await get('/asyncapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json() as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((c) => c.address)).toContain(
      `${topicPrefix}.engagement.unclassified`,
    );
    const diagnostics = await new Parser().validate(response.body);
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => d.message)).toEqual([]);
    expect(await spectral(document, 'spectral:asyncapi')).toEqual({ status: 0, errors: [] });
  });

  it('renders the AsyncAPI document as a page naming every topic and event type', async () => {
    const response = await get('/asyncapi');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    for (const type of EVENT_TYPE_NAMES) expect(response.body).toContain(`id="${type}"`);
    expect(response.body).toContain(`${topicPrefix}.engagement.secret`);
    expect(response.body).not.toMatch(/<script/i);
  });

  it('stores only events that validate against their schema (Ajv, strict)', async () => {
    await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
    await recorded(apps.api, '/v1/countries/SY/contracts', contractBody());
    const { rows } = await db.pool.query<{ event_type: string; schema_version: number; data: unknown }>(
      'SELECT event_type, schema_version, data FROM events',
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect({
        type: row.event_type,
        ...validateEventData(row.event_type, row.schema_version, row.data),
      }).toEqual({ type: row.event_type, ok: true });
    }
  });

  it("refuses, in the API's own event store, an event that breaks the contract, and writes nothing", async () => {
    const store = apps.api.get(PostgresEventStore);
    const before = await db.count('SELECT count(*) AS n FROM events');
    const append = store.appendToStream(
      `observation-${randomUUID()}`,
      [
        {
          eventId: randomUUID(),
          type: 'CountryResponseObserved',
          schemaVersion: 1,
          country: 'SY',
          occurredAt: '2026-01-01T00:00:00.000Z',
          classification: 'unclassified',
          source: null,
          confidence: null,
          data: { observationId: randomUUID(), stance: 'enthusiastic-beyond-words' },
        },
      ],
      {
        expectedVersion: 0,
        category: 'observation',
        metadata: {
          recordedAt: new Date(),
          recordedBy: 'test',
          correlationId: randomUUID(),
          causationId: null,
        },
      },
    );
    await expect(append).rejects.toBeInstanceOf(InvalidEventDataError);
    expect(await db.count('SELECT count(*) AS n FROM events')).toBe(before);
  });
});
