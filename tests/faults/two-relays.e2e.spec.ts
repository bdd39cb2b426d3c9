import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const COUNTRIES = ['SY', 'LB', 'IQ'];

describe('two relay processes at once', () => {
  let db: TestDatabase;
  let topicPrefix: string;
  let apps: RunningApps;
  let topic: string;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('relays');
    topic = `${topicPrefix}.engagement.unclassified`;
    const env = testEnv({
      databaseUrl: db.url,
      topicPrefix,
      extra: { RELAY_BATCH_SIZE: '7', RELAY_POLL_MS: '5' },
    });
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }), { pipeline: false });
    processes.push(spawnApp('relay', env), spawnApp('relay', env), spawnApp('projector', env));
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await apps?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
  });

  const post = (url: string, payload: Record<string, unknown>) =>
    apps.api.inject({ method: 'POST', url, payload });

  it('never publish a row twice, and keep each country in commit order and each stream in version order', async () => {
    await Promise.all(
      Array.from({ length: 6 }, async (_, client) => {
        for (let i = 0; i < 30; i += 1) {
          const country = COUNTRIES[(client + i) % COUNTRIES.length] ?? 'SY';
          const { eventId } = (await post(`/v1/countries/${country}/meetings`, meetingBody())).json();
          if (i % 5 === 0) {
            for (const location of ['A', 'B', 'C']) {
              await post(`/v1/entries/${eventId}/corrections`, { changes: { location }, reason: 'recount' });
            }
          }
        }
      }),
    );
    const total = await db.count(`SELECT count(*) AS n FROM events WHERE country = ANY($1)`, [COUNTRIES]);
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')) === 0
          ? true
          : undefined,
      {
        what: 'the outbox drained',
      },
    );
    const records = await readTopic(topic, total, { only: (r) => COUNTRIES.includes(r.key ?? '') });
    const ids = records.map((r) => r.event.eventId as string);
    console.log(
      `two relays: ${total} events, ${records.length} records on Kafka, ${new Set(ids).size} distinct`,
    );
    expect(records).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);

    for (const country of COUNTRIES) {
      const { rows } = await db.pool.query<{ event_id: string }>(
        'SELECT event_id FROM events WHERE country = $1 ORDER BY transaction_id, global_position',
        [country],
      );
      expect(records.filter((r) => r.key === country).map((r) => r.event.eventId)).toEqual(
        rows.map((r) => r.event_id),
      );
    }
    const versions = new Map<string, number>();
    for (const record of records) {
      const stream = record.event.streamId as string;
      const version = record.event.streamVersion as number;
      expect(version).toBe((versions.get(stream) ?? 0) + 1);
      versions.set(stream, version);
    }
  });
});
