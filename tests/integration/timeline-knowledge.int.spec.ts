import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

interface Corrections {
  total: number;
  items: Array<{ eventId: string; kind: string; reason: string }>;
  nextCursor: string | null;
}

interface Entry {
  eventId: string;
  occurredAt: string;
  revision: number;
  retracted: boolean;
  corrections: Corrections;
  data: { location?: string };
}

/** What leadership saw at a given time, and what had happened by a given date, for entries logged late or corrected. */
describe('the timeline as of a date and as known at a time', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  const at: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function inject(method: 'GET' | 'POST', url: string, payload?: unknown) {
    return apps.api.inject({ method, url, payload: payload as Record<string, unknown> | undefined });
  }

  async function timeline(query = '', country = 'JO'): Promise<Entry[]> {
    const response = await inject('GET', `/v1/countries/${country}/timeline?limit=200${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().entries;
  }

  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

  async function post(url: string, payload: unknown): Promise<string> {
    const response = await inject('POST', url, payload);
    expect(response.statusCode).toBe(201);
    await pause();
    return response.json().eventId;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('known') }));

    ids.january = await post(
      '/v1/countries/JO/meetings',
      meetingBody({
        occurredAt: '2026-01-10T10:00:00Z',
        location: 'Damascus',
        vendorsDiscussed: ['Huawei', 'Ericsson'],
      }),
    );
    at.beforeLateEntry = new Date().toISOString();
    await pause();
    // Logged after the January meeting, though it happened in December.
    ids.december = await post(
      '/v1/countries/JO/meetings',
      meetingBody({ occurredAt: '2025-12-01T09:00:00Z', location: 'Amman' }),
    );
    at.beforeCorrection = new Date().toISOString();
    await pause();
    await post(`/v1/entries/${ids.january}/corrections`, {
      changes: { location: 'Beirut', occurredAt: '2026-01-12T10:00:00Z' },
      reason: 'The meeting moved to Beirut two days later.',
    });
    at.beforeRetraction = new Date().toISOString();
    await pause();
    await post(`/v1/entries/${ids.december}/retractions`, { reason: 'Logged under the wrong country.' });

    await waitFor(
      async () => {
        const all = await timeline('&includeRetracted=true');
        return all.length === 2 && all.every((e) => e.revision === 2) ? true : undefined;
      },
      { what: 'both entries and their corrections projected' },
    );
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('shows the corrected value now, keeping the trail, and hides retracted entries', async () => {
    const entries = await timeline();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      eventId: ids.january,
      occurredAt: '2026-01-12T10:00:00.000Z',
      revision: 2,
      data: { location: 'Beirut' },
      corrections: {
        total: 1,
        items: [{ kind: 'correction', reason: 'The meeting moved to Beirut two days later.' }],
        nextCursor: null,
      },
    });
  });

  it('answers an entry with the ETag of its stream, usable as If-Match', async () => {
    const entry = await inject('GET', `/v1/entries/${ids.january}`);
    expect(entry.statusCode).toBe(200);
    expect(entry.headers.etag).toBe('"2"');
    const stale = await apps.api.inject({
      method: 'POST',
      url: `/v1/entries/${ids.january}/corrections`,
      payload: { changes: { location: 'Tyre' }, reason: 'test' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('shows retracted entries, marked, when asked', async () => {
    const entries = await timeline('&includeRetracted=true');
    expect(entries.find((e) => e.eventId === ids.december)).toMatchObject({
      retracted: true,
      corrections: { total: 1, items: [{ kind: 'retraction' }], nextCursor: null },
    });
  });

  it('carries no corrections for an entry read as known before its first', async () => {
    const [entry] = await timeline(`&knownAt=${at.beforeCorrection}`);
    expect(entry).toMatchObject({
      eventId: ids.january,
      corrections: { total: 0, items: [], nextCursor: null },
    });
  });

  describe('an entry with more corrections than the timeline carries', () => {
    let entryId: string;
    const corrections: string[] = [];
    let afterFourth: string;

    beforeAll(async () => {
      entryId = await post('/v1/countries/LB/meetings', meetingBody({ location: 'Beirut, take 0' }));
      for (let i = 1; i <= 5; i += 1) {
        corrections.push(
          await post(`/v1/entries/${entryId}/corrections`, {
            changes: { location: `Beirut, take ${i}` },
            reason: `Fix ${i}.`,
          }),
        );
        if (i === 4) afterFourth = new Date().toISOString();
        await pause();
      }
      await waitFor(async () => ((await timeline('', 'LB'))[0]?.revision === 6 ? true : undefined), {
        what: 'the five corrections projected',
      });
    });

    /** The one entry of the LB timeline. */
    async function lbEntry(query = ''): Promise<Entry> {
      const entries = await timeline(query, 'LB');
      expect(entries).toHaveLength(1);
      return entries[0] as Entry;
    }

    /** The rest of the trail, from where a timeline entry's corrections ended, by the entry's corrections route. */
    async function rest(cursor: string | null): Promise<Corrections> {
      expect(cursor).toEqual(expect.any(String));
      const response = await inject('GET', `/v1/entries/${entryId}/corrections?cursor=${cursor}`);
      expect(response.statusCode).toBe(200);
      return response.json();
    }

    it('carries the total, the latest 3 newest first, and a cursor to the rest on the entry corrections route', async () => {
      const entry = await lbEntry();
      const newestFirst = [...corrections].reverse();
      expect(entry.corrections.total).toBe(5);
      expect(entry.corrections.items.map((c) => c.eventId)).toEqual(newestFirst.slice(0, 3));
      expect(entry.corrections.items.map((c) => c.reason)).toEqual(['Fix 5.', 'Fix 4.', 'Fix 3.']);
      const older = await rest(entry.corrections.nextCursor);
      expect(older).toMatchObject({ total: 5, nextCursor: null });
      expect(older.items.map((c) => c.eventId)).toEqual(newestFirst.slice(3));
    });

    it('as known at a time, carries the trail as it stood then, its cursor leading to the older ones', async () => {
      const entry = await lbEntry(`&knownAt=${afterFourth}`);
      expect(entry).toMatchObject({ revision: 5, data: { location: 'Beirut, take 4' } });
      expect(entry.corrections.total).toBe(4);
      expect(entry.corrections.items.map((c) => c.reason)).toEqual(['Fix 4.', 'Fix 3.', 'Fix 2.']);
      const older = await rest(entry.corrections.nextCursor);
      expect(older.items.map((c) => c.eventId)).toEqual([corrections[0]]);
    });
  });

  it('knownAt leaves out what was recorded later', async () => {
    const entries = await timeline(`&knownAt=${at.beforeLateEntry}`);
    expect(entries.map((e) => e.eventId)).toEqual([ids.january]);
    expect(entries[0]).toMatchObject({
      occurredAt: '2026-01-10T10:00:00.000Z',
      revision: 1,
      data: { location: 'Damascus' },
    });
  });

  it('knownAt reads entries as they stood before a correction and before a retraction', async () => {
    const entries = await timeline(`&knownAt=${at.beforeCorrection}`);
    expect(entries.map((e) => [e.eventId, e.data.location, e.retracted])).toEqual([
      [ids.january, 'Damascus', false],
      [ids.december, 'Amman', false],
    ]);
    const beforeRetraction = await timeline(`&knownAt=${at.beforeRetraction}`);
    expect(beforeRetraction.map((e) => [e.eventId, e.data.location])).toEqual([
      [ids.january, 'Beirut'],
      [ids.december, 'Amman'],
    ]);
  });

  it('asOf keeps what had happened by then, using the corrected date', async () => {
    expect(await timeline('&asOf=2026-01-11')).toEqual([]);
    expect((await timeline('&asOf=2026-01-12')).map((e) => e.eventId)).toEqual([ids.january]);
  });

  it('asOf and knownAt together: what we knew then about what had happened by then', async () => {
    const entries = await timeline(`&asOf=2026-01-11&knownAt=${at.beforeCorrection}`);
    expect(entries.map((e) => e.eventId)).toEqual([ids.january, ids.december]);
    const earlier = await timeline(`&asOf=2025-12-31&knownAt=${at.beforeCorrection}`);
    expect(earlier.map((e) => e.eventId)).toEqual([ids.december]);
  });

  it('filters by vendor, topic and participant, case-insensitively', async () => {
    expect((await timeline('&vendor=huawei')).map((e) => e.eventId)).toEqual([ids.january]);
    expect(await timeline('&vendor=ZTE')).toEqual([]);
    expect((await timeline('&topic=Telecom%20Reform')).map((e) => e.eventId)).toEqual([ids.january]);
    expect((await timeline('&participant=b.%20minister')).map((e) => e.eventId)).toEqual([ids.january]);
    expect(await timeline('&participant=nobody')).toEqual([]);
  });

  it.each(['last-week', '2026-02-09T10:00:00', '2020-W01-1T00:00:00Z'])(
    'refuses a knownAt that names no one instant (%s)',
    async (knownAt) => {
      const response = await inject('GET', `/v1/countries/JO/timeline?knownAt=${knownAt}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'knownAt' })]);
    },
  );
});
