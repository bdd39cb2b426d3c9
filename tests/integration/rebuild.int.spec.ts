import { createKafka, engagementTopics } from '#messaging';
import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testKafka, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

const ENTRIES = `event_type NOT LIKE 'Vendor%' AND event_type NOT IN ('EntryCorrected', 'EntryRetracted')`;

describe('rebuilding a projection without downtime', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let topicPrefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('rebuild');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    for (let i = 0; i < 40; i += 1) {
      const country = i % 2 === 0 ? 'SY' : 'LB';
      const occurredAt = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString();
      const { eventId } = (
        await post(`/v1/countries/${country}/meetings`, meetingBody({ occurredAt }))
      ).json();
      if (i % 10 === 0)
        await post(`/v1/entries/${eventId}/corrections`, {
          changes: { location: `Corrected ${i}` },
          reason: 'fix',
        });
      if (i === 15) await post(`/v1/entries/${eventId}/retractions`, { reason: 'duplicate' });
    }
    await allProjected();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  function post(url: string, payload: Record<string, unknown>) {
    return apps.api.inject({ method: 'POST', url, payload });
  }

  async function allProjected() {
    await waitFor(
      async () => {
        const expected = await db.count(`SELECT count(*) AS n FROM events WHERE ${ENTRIES}`);
        const current = await db.count(
          'SELECT count(*) AS n FROM country_timeline WHERE known_until IS NULL',
        );
        const pending = await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');
        const unclaimed = await db.count(
          `SELECT count(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM projection_stream_versions c
             WHERE c.stream_id = e.stream_id AND c.stream_version >= e.stream_version)`,
        );
        return current === expected && pending === 0 && unclaimed === 0 ? true : undefined;
      },
      { what: 'the timeline to hold every entry' },
    );
  }

  async function snapshot() {
    const { rows } = await db.pool.query(
      `SELECT event_id, revision, known_from, known_until, retracted, headline, occurred_at, data::text, trail::text
       FROM country_timeline ORDER BY event_id, revision`,
    );
    return rows;
  }

  async function corrupt() {
    await db.pool.query(`DELETE FROM country_timeline WHERE country = 'LB'`);
    await db.pool.query(`UPDATE country_timeline SET headline = 'corrupted' WHERE country = 'SY'`);
  }

  /** The timeline's indexes as the catalogue states them: a rebuild builds some after loading, under their names. */
  async function indexes() {
    const { rows } = await db.pool.query(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename = 'country_timeline' ORDER BY indexname`,
    );
    return rows;
  }

  it('rebuilds the whole timeline from the event store while reads and writes go on, losing and doubling nothing', async () => {
    const before = await snapshot();
    const indexesBefore = await indexes();
    expect(indexesBefore.filter((i) => / USING gin /.test(i.indexdef)).length).toBeGreaterThan(0);
    await corrupt();
    let running = true;
    const statuses: number[] = [];
    let written = 0;
    const writer = (async () => {
      while (running) {
        const response = await post(
          '/v1/countries/SY/meetings',
          meetingBody({ occurredAt: '2026-01-01T00:00:00Z' }),
        );
        if (response.statusCode === 201) written += 1;
      }
    })();
    const reader = (async () => {
      while (running) {
        statuses.push(
          (await apps.api.inject({ method: 'GET', url: '/v1/countries/SY/timeline?limit=5' })).statusCode,
        );
      }
    })();
    const progress: number[][] = [];
    const result = await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, {
      projection: 'country-timeline',
      onProgress: (done, total) => progress.push([done, total]),
    });
    running = false;
    await Promise.all([writer, reader]);
    await allProjected();

    console.log(
      `rebuild: ${result.applied} events (${result.caughtUpAtSwap} caught up at the swap) in ${result.seconds} s; ` +
        `${written} meetings written and ${statuses.length} reads served meanwhile`,
    );
    expect(written).toBeGreaterThan(0);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    // The rows that existed before are back exactly as they were; the new ones are there once each.
    const after = await snapshot();
    const byKey = new Map(after.map((r) => [`${r.event_id}/${r.revision}`, r]));
    for (const row of before) expect(byKey.get(`${row.event_id}/${row.revision}`)).toEqual(row);
    expect(after.filter((r) => r.headline === 'corrupted')).toEqual([]);
    expect(await db.count(`SELECT count(*) AS n FROM country_timeline WHERE known_until IS NULL`)).toBe(
      await db.count(`SELECT count(*) AS n FROM events WHERE ${ENTRIES}`),
    );
    expect(await db.count(`SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`)).toBe(0);
    expect(await indexes()).toEqual(indexesBefore);
  });

  it('rebuilds from the Kafka topics (every level) as well', async () => {
    const before = await snapshot();
    await corrupt();
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, {
      projection: 'country-timeline',
      source: {
        kind: 'kafka',
        kafka: createKafka(testKafka(), 'rebuild-test'),
        topics: engagementTopics(topicPrefix),
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('rebuilds one country in place, leaving the others alone', async () => {
    const before = await snapshot();
    await db.pool.query(`UPDATE country_timeline SET headline = 'corrupted'`);
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, {
      projection: 'country-timeline',
      country: 'SY',
    });
    const after = await snapshot();
    const lb = await db.pool.query(`SELECT DISTINCT headline FROM country_timeline WHERE country = 'LB'`);
    expect(lb.rows).toEqual([{ headline: 'corrupted' }]);
    const sy = new Set(
      (await db.pool.query(`SELECT event_id FROM country_timeline WHERE country = 'SY'`)).rows.map(
        (r) => r.event_id,
      ),
    );
    expect(after.filter((r) => sy.has(r.event_id))).toEqual(before.filter((r) => sy.has(r.event_id)));
  });

  it('rebuilds country activity to the figures the live projector kept a chunk at a time', async () => {
    // Posted at once, so the relay publishes them together and the projector applies chunks of several events of a
    // country and level (one statement a chunk); the rebuild applies them one by one.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(
          `/v1/countries/${i % 3 === 0 ? 'LB' : 'SY'}/meetings`,
          meetingBody({ occurredAt: new Date(Date.UTC(2024, 5, 1) + i * 3_600_000).toISOString() }),
        ),
      ),
    );
    await allProjected();
    const activity = async () =>
      (
        await db.pool.query(
          `SELECT country, classification_rank, entries::int AS entries, last_occurred_at, last_recorded_at
           FROM country_activity ORDER BY country, classification_rank`,
        )
      ).rows;
    const live = await activity();
    const { rows: entries } = await db.pool.query(
      `SELECT country, classification_rank, count(DISTINCT event_id)::int AS entries
       FROM country_timeline GROUP BY country, classification_rank ORDER BY country, classification_rank`,
    );
    expect(
      live.map(({ country, classification_rank, entries }) => ({ country, classification_rank, entries })),
    ).toEqual(entries);
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'country-activity' });
    expect(await activity()).toEqual(live);
  });

  it('refuses an unknown projection and a country-scoped vendor rebuild', async () => {
    await expect(rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'nope' })).rejects.toThrow(
      /unknown projection/,
    );
    await expect(
      rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'vendors', country: 'SY' }),
    ).rejects.toThrow(/no country/);
  });
});
