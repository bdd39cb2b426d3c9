import { VENDOR_CATALOGUE } from '#domain';
import { EVENT_HEADERS, engagementTopic } from '#messaging';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { as, officer } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { waitFor } from '../support/wait.js';

describe('an envoy meeting logged over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let topicPrefix: string;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('walk');
    config = testConfig({ databaseUrl: db.url, topicPrefix });
    apps = await startApps(config);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  async function post(country: string, body: Record<string, unknown>) {
    return apps.api.inject({
      method: 'POST',
      url: `/v1/countries/${country}/meetings`,
      payload: body,
      headers: await as(officer('desk.officer.sy')),
    });
  }

  async function timeline(country: string, query = '') {
    const response = await apps.api.inject({
      method: 'GET',
      url: `/v1/countries/${country}/timeline${query}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { entries: Array<Record<string, unknown>>; nextCursor: string | null };
  }

  it('is stored, published to Kafka keyed by country, and shown in the country timeline', async () => {
    const body = meetingBody();
    const response = await post('SY', body);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      entryId: expect.any(String),
      eventId: expect.any(String),
      streamId: `engagement-${created.entryId}`,
      streamVersion: 1,
      globalPosition: expect.stringMatching(/^\d+$/),
    });
    expect(response.headers.location).toBe(`/v1/entries/${created.eventId}`);
    expect(response.headers.etag).toBe('"1"');

    expect(await db.count('SELECT count(*) AS n FROM events WHERE event_id = $1', [created.eventId])).toBe(1);

    // The vendor catalogue registered at startup is on the topic too.
    const records = await readTopic(
      engagementTopic(topicPrefix, 'unclassified'),
      VENDOR_CATALOGUE.length + 1,
    );
    const record = records.find((r) => r.event.eventId === created.eventId);
    expect(record?.key).toBe('SY');
    // CloudEvents binary mode: the value is the data alone, every attribute a header.
    expect(record?.headers).toMatchObject({
      [EVENT_HEADERS.specVersion]: '1.0',
      [EVENT_HEADERS.type]: 'EnvoyMeetingHeld',
      [EVENT_HEADERS.id]: created.eventId,
      [EVENT_HEADERS.source]: '/demarche',
      [EVENT_HEADERS.subject]: created.streamId,
      [EVENT_HEADERS.contentType]: 'application/json',
      [EVENT_HEADERS.country]: 'SY',
      [EVENT_HEADERS.classification]: 'unclassified',
      [EVENT_HEADERS.recordedBy]: 'desk.officer.sy',
      [EVENT_HEADERS.streamVersion]: '1',
      [EVENT_HEADERS.globalPosition]: created.globalPosition,
      [EVENT_HEADERS.dataSchema]: `${config.publicBaseUrl}/schemas/events/EnvoyMeetingHeld/v1.json`,
    });
    expect(record?.value).toMatchObject({ location: 'Damascus', vendorsDiscussed: ['Huawei'] });
    expect(record?.value).not.toHaveProperty('eventId');
    // `ce_time` is when the meeting happened, not when it was recorded.
    const occurredAt = new Date(body.occurredAt as string).toISOString();
    expect(record?.headers[EVENT_HEADERS.time]).toBe(occurredAt);
    expect(record?.event.recordedAt).not.toBe(occurredAt);

    const entries = await waitFor(
      async () => {
        const page = await timeline('SY');
        return page.entries.length > 0 ? page.entries : undefined;
      },
      { what: 'the meeting in the SY timeline' },
    );
    expect(entries).toEqual([
      expect.objectContaining({
        eventId: created.eventId,
        eventType: 'EnvoyMeetingHeld',
        occurredAt: '2026-02-10T10:00:00.000Z',
        headline: 'Envoy meeting in Damascus with Ministry of Communications',
        vendors: ['Huawei'],
        participants: ['A. Envoy', 'B. Minister'],
      }),
    ]);

    const entry = await apps.api.inject({ method: 'GET', url: response.headers.location as string });
    expect(entry.statusCode).toBe(200);
    expect(entry.json()).toMatchObject({ eventId: created.eventId, country: 'SY' });
  });

  describe('the timeline', () => {
    const dates = ['2024-03-01', '2024-06-15', '2025-01-20', '2025-01-20', '2025-09-30'].map(
      (d) => `${d}T09:00:00Z`,
    );
    const ids: string[] = [];

    beforeAll(async () => {
      for (const occurredAt of dates) {
        const response = await post('LB', meetingBody({ occurredAt, location: `Beirut ${occurredAt}` }));
        expect(response.statusCode).toBe(201);
        ids.push(response.json().eventId);
      }
      await waitFor(
        async () => ((await timeline('LB', '?limit=200')).entries.length === dates.length ? true : undefined),
        {
          what: 'all LB meetings projected',
        },
      );
    });

    it('lists newest first, ties broken by position', async () => {
      const { entries } = await timeline('LB');
      expect(entries.map((e) => e.eventId)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    });

    it('pages with a cursor through every entry exactly once', async () => {
      const seen: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await timeline('LB', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.entries.map((e) => e.eventId));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    });

    it('filters by date range, from inclusive and to exclusive', async () => {
      const { entries } = await timeline('LB', '?from=2024-06-15T09:00:00Z&to=2025-09-30T09:00:00Z');
      expect(entries.map((e) => e.eventId)).toEqual([ids[3], ids[2], ids[1]]);
    });

    it('filters by event type', async () => {
      expect((await timeline('LB', '?type=EnvoyMeetingHeld')).entries).toHaveLength(5);
      expect((await timeline('LB', '?type=DialogueRoundConcluded')).entries).toHaveLength(0);
    });

    it("keeps each country's entries to itself", async () => {
      expect((await timeline('FR')).entries).toEqual([]);
    });
  });

  // Positions are bigints: ordered as text (the column's `::text` alias once won the ORDER BY), position 100
  // came after 99 among entries at one instant, and the cursor then skipped or repeated entries.
  it('orders entries at one instant by position as a number, across a power of ten, paging each once', async () => {
    const occurredAt = '2025-05-05T05:00:00Z';
    const positions: bigint[] = [];
    const digits = () => String(positions.at(-1)).length;
    do {
      const response = await post('CY', meetingBody({ occurredAt }));
      expect(response.statusCode).toBe(201);
      positions.push(BigInt(response.json().globalPosition));
    } while (positions.length < 2 || (digits() === String(positions[0]).length && positions.length < 200));
    expect(digits()).toBeGreaterThan(String(positions[0]).length);
    const expected = [...positions].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).map(String);

    const all = await waitFor(
      async () => {
        const page = await timeline('CY', '?limit=200');
        return page.entries.length === positions.length ? page.entries : undefined;
      },
      { what: 'all CY meetings projected' },
    );
    expect(all.map((e) => e.globalPosition)).toEqual(expected);

    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await timeline('CY', `?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.entries.map((e) => e.globalPosition));
      cursor = page.nextCursor;
    } while (cursor && seen.length <= positions.length);
    expect(seen).toEqual(expected);
  });
});
