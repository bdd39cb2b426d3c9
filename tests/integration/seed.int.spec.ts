import type { AddressInfo } from 'node:net';
import { type RunningApps, startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { seed } from '../support/seed.js';
import { waitFor } from '../support/wait.js';

const REPORTED =
  "Reuters, 26 Feb 2026, 'Washington presses Syria to shift from Chinese telecom systems' (three sources); carried by Daily Sabah and others";

describe('the demo seed', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let api: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('seed') }));
    await apps.api.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(apps.api.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('loads through the public API, and a second run writes nothing', async () => {
    const first = await seed(api);
    expect(first).toMatchObject({ code: 0 });
    const events = await db.count('SELECT count(*) AS n FROM events');
    const second = await seed(api);
    expect(second).toMatchObject({ code: 0 });
    expect(await db.count('SELECT count(*) AS n FROM events')).toBe(events);
  });

  it('labels as reported only the motivating meeting and what the same report states', async () => {
    const { rows } = await db.pool.query<{
      event_type: string;
      source: string | null;
      data: Record<string, unknown>;
    }>(
      `SELECT event_type, source, data FROM events
       WHERE event_type NOT LIKE 'Vendor%' AND source IS NOT NULL AND source NOT LIKE 'Synthetic%'
       ORDER BY global_position`,
    );
    expect(rows.map((r) => [r.event_type, r.source])).toEqual([
      ['EnvoyMeetingHeld', REPORTED],
      [
        'CountryResponseObserved',
        `${REPORTED}. Stance 'receptive': assessment by the recorder, not reported`,
      ],
    ]);
    const entries = await db.count(
      `SELECT count(*) AS n FROM events WHERE event_type NOT IN ('EntryCorrected', 'EntryRetracted')
         AND event_type NOT LIKE 'Vendor%' AND (source IS NULL OR source NOT LIKE 'Synthetic%')`,
    );
    expect(entries).toBe(2);
  });

  it('records the reported meeting where and when it was reported: San Francisco, Tuesday 24 February 2026', async () => {
    const meeting = await waitFor(
      async () => {
        const page = (
          await apps.api.inject({ method: 'GET', url: '/v1/countries/SY/timeline?type=EnvoyMeetingHeld' })
        ).json();
        return (page.entries as Array<Record<string, unknown>>).find((e) => e.source === REPORTED);
      },
      { what: 'the reported meeting on the timeline' },
    );
    expect(meeting).toMatchObject({ data: { location: 'San Francisco' } });
    const occurredAt = new Date(meeting.occurredAt as string);
    expect(occurredAt.toISOString().slice(0, 10)).toBe('2026-02-24');
    expect(occurredAt.getUTCDay()).toBe(2);
  });
});
