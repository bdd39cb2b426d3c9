import type { AppConfig } from '#config';
import { replayDeadLetters } from '../../apps/projector/src/dead-letter-admin.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

function gauge(text: string, projection: string): number | undefined {
  const prefix = `demarche_projection_parked_streams{projection="${projection}"}`;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/**
 * A stream the projector parks (its event could not be applied: here a fault in the read model) shows on
 * /metrics and in the entry's read, takes commands that wait in the dead-letter topic, and heals when an
 * operator replays its dead letters after the fault is fixed (npm run dlq -- replay <eventId>).
 */
describe('parked streams', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let config: AppConfig;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('parked') });
    apps = await startApps(config);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const get = async (url: string) => {
    const response = await apps.api.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  const parkedGauge = async () =>
    gauge((await apps.api.inject({ method: 'GET', url: '/metrics' })).body, 'read-models');
  const correct = (eventId: string, location: string) =>
    postJson(apps.api, `/v1/entries/${eventId}/corrections`, { changes: { location }, reason: 'Moved.' });
  /** The entry once its read satisfies `ready`. */
  const entryWhen = (
    eventId: string,
    ready: (read: { status: number; body: Record<string, unknown> }) => boolean,
    what: string,
  ) =>
    waitFor(
      async () => {
        const read = await get(`/v1/entries/${eventId}`);
        return ready(read) ? read : undefined;
      },
      { what },
    );

  it('are counted on /metrics, named in the entry, and healed by a replay once the fault is fixed', async () => {
    expect(await parkedGauge()).toBe(0);
    const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
    const first = await entryWhen(meeting.eventId, (r) => r.status === 200, 'the meeting projected');
    expect(first.body).toMatchObject({ revision: 1, parked: null });

    // A fault in the read model: the timeline cannot take a meeting in Parkville (its first event or a revision).
    await db.pool.query(
      `ALTER TABLE country_timeline ADD CONSTRAINT test_parks CHECK (headline NOT LIKE '%Parkville%')`,
    );
    const moved = await correct(meeting.eventId, 'Parkville');
    expect(moved.status).toBe(201);
    const unprojected = await recorded(
      apps.api,
      '/v1/countries/SY/meetings',
      meetingBody({ location: 'Parkville' }),
    );

    const parked = await entryWhen(
      meeting.eventId,
      (r) => r.body.parked != null,
      'the corrected meeting parked',
    );
    expect(parked.body).toMatchObject({
      revision: 1,
      parked: {
        projection: 'read-models',
        deadEventId: moved.body.eventId,
        reason: expect.stringMatching(/^projection failed: .*test_parks/),
      },
    });
    const never = await entryWhen(
      unprojected.eventId,
      (r) => r.body.code === 'ENTRY_PARKED',
      'the unprojected meeting parked',
    );
    expect(never).toMatchObject({
      status: 404,
      body: { parked: { projection: 'read-models', deadEventId: unprojected.eventId } },
    });
    expect(await waitFor(async () => ((await parkedGauge()) === 2 ? 2 : undefined))).toBe(2);

    // Commands on a parked entry are still taken; they wait behind the dead event.
    const later = await correct(meeting.eventId, 'Tartus');
    expect(later.status).toBe(201);

    await db.pool.query('ALTER TABLE country_timeline DROP CONSTRAINT test_parks');
    // The replay waits for the later correction to reach the dead-letter topic rather than leave it behind.
    const replayed = [
      ...(await replayDeadLetters(config, { eventId: moved.body.eventId as string })),
      ...(await replayDeadLetters(config, { eventId: unprojected.eventId })),
    ];
    expect(replayed.map((l) => l.eventId)).toEqual([
      moved.body.eventId,
      later.body.eventId,
      unprojected.eventId,
    ]);

    const healed = await entryWhen(meeting.eventId, (r) => r.body.revision === 3, 'both corrections applied');
    expect(healed.body).toMatchObject({ parked: null, data: { location: 'Tartus' } });
    const applied = await entryWhen(unprojected.eventId, (r) => r.status === 200, 'the first parked meeting');
    expect(applied.body).toMatchObject({ revision: 1, parked: null });
    expect(await parkedGauge()).toBe(0);
  });
});
