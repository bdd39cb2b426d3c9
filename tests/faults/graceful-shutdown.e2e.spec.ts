import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const MEETINGS = 300;

describe('SIGTERM while relay and projector are busy', () => {
  let db: TestDatabase;
  let topicPrefix: string;
  let apps: RunningApps;
  let env: Record<string, string>;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('sigterm');
    env = testEnv({
      databaseUrl: db.url,
      topicPrefix,
      extra: { LOG_LEVEL: 'info', PROJECTOR_TX_SIZE: '10', RELAY_BATCH_SIZE: '20' },
    });
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }), { pipeline: false });
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.kill('SIGKILL')));
    await apps?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
  });

  const projected = () =>
    db.count(`SELECT count(*) AS n FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld'`);

  it('both stop cleanly mid-work, and after a restart every meeting is projected exactly once', async () => {
    for (let i = 0; i < MEETINGS; i += 1) {
      const response = await apps.api.inject({
        method: 'POST',
        url: '/v1/countries/SY/meetings',
        payload: meetingBody(),
      });
      expect(response.statusCode).toBe(201);
    }
    const relay = spawnApp('relay', env);
    const projector = spawnApp('projector', env);
    running.push(relay, projector);
    await waitFor(async () => ((await projected()) > 0 ? true : undefined), {
      intervalMs: 5,
      what: 'work under way',
    });

    const started = Date.now();
    await Promise.all([relay.kill('SIGTERM'), projector.kill('SIGTERM')]);
    const seconds = (Date.now() - started) / 1000;
    const stoppedAt = await projected();
    expect(relay.output()).toContain('relay stopped: no batch in flight');
    expect(projector.output()).toContain('projector stopped: in-flight chunk committed');
    expect(`${relay.output()}${projector.output()}`).not.toMatch(/"level":(50|60)/);

    running.push(spawnApp('relay', env), spawnApp('projector', env));
    await waitFor(async () => ((await projected()) === MEETINGS ? true : undefined), {
      what: 'every meeting projected after the restart',
    });
    const counted = await db.count(
      `SELECT coalesce(sum(entries), 0) AS n FROM country_activity WHERE country = 'SY'`,
    );
    console.log(
      `sigterm: stopped in ${seconds.toFixed(1)} s with ${stoppedAt}/${MEETINGS} projected; after restart counted ${counted}`,
    );
    expect(seconds).toBeLessThan(30);
    expect(counted).toBe(MEETINGS);
  });
});
