import { createKafka, engagementTopic, engagementTopics, type Kafka } from '#messaging';
import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import {
  type RecordPosition,
  rebuildProjection,
  UndecodableRecordsError,
} from '../../apps/projector/src/rebuild/rebuild.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testKafka, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const MEETINGS = 6;

describe('rebuilding from a Kafka topic that holds a record nobody can decode', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let kafka: Kafka;
  let topic: string;
  let topicPrefix: string;
  let garbage: RecordPosition;

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('rebuild-garbage');
    // The meetings are unclassified: the garbage goes among them.
    topic = engagementTopic(topicPrefix, 'unclassified');
    kafka = createKafka(testKafka(), 'rebuild-undecodable-test');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    for (let i = 0; i < MEETINGS; i += 1) {
      const occurredAt = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString();
      const response = await apps.api.inject({
        method: 'POST',
        url: '/v1/countries/SY/meetings',
        payload: meetingBody({ occurredAt }),
      });
      expect(response.statusCode).toBe(201);
    }
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM country_timeline')) === MEETINGS ? true : undefined,
      { what: 'every meeting projected' },
    );
    // Someone else's producer writes a record that is not an event envelope, in the middle of SY's records.
    const producer = kafka.producer();
    await producer.connect();
    try {
      const [sent] = await producer.send({ topic, messages: [{ key: 'SY', value: '{"not": "an event"' }] });
      garbage = { topic, partition: sent?.partition ?? -1, offset: sent?.baseOffset ?? '' };
    } finally {
      await producer.disconnect();
    }
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
  });

  async function headlines(): Promise<string[]> {
    const { rows } = await db.pool.query<{ headline: string }>(
      'SELECT headline FROM country_timeline ORDER BY event_id, revision',
    );
    return rows.map((r) => r.headline);
  }

  function rebuild(allowUndecodable: boolean, warnings: { object: object; message: string }[]) {
    return rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, {
      projection: 'country-timeline',
      source: { kind: 'kafka', kafka, topics: engagementTopics(topicPrefix) },
      allowUndecodable,
      log: { warn: (object, message) => warnings.push({ object, message }) },
    });
  }

  it('logs the record with its position, refuses to swap by default, and says why', async () => {
    const before = await headlines();
    await db.pool.query(`UPDATE country_timeline SET headline = 'corrupted'`);
    const warnings: { object: object; message: string }[] = [];

    const refused = await rebuild(false, warnings).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(UndecodableRecordsError);
    expect(refused).toMatchObject({ count: 1, first: [garbage] });
    expect((refused as Error).message).toContain(`${topic}/${garbage.partition}@${garbage.offset}`);
    expect((refused as Error).message).toMatch(/not swapped in.*--allow-undecodable/s);
    expect(warnings).toEqual([
      {
        object: expect.objectContaining({ ...garbage, reason: expect.stringMatching(/not JSON/) }),
        message: expect.stringMatching(/cannot decode/),
      },
    ]);
    // The live table is the one from before the rebuild, and no shadow schema is left behind.
    expect(new Set(await headlines())).toEqual(new Set(['corrupted']));
    expect(await db.count(`SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`)).toBe(0);
    expect(before).not.toContain('corrupted');
  });

  it('swaps when told to, and reports how many records it left out', async () => {
    await db.pool.query(`UPDATE country_timeline SET headline = 'corrupted'`);
    const warnings: { object: object; message: string }[] = [];

    const result = await rebuild(true, warnings);

    expect(result.undecodable).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(await headlines()).not.toContain('corrupted');
    expect(await db.count('SELECT count(*) AS n FROM country_timeline')).toBe(MEETINGS);
  });
});
