import { randomUUID } from 'node:crypto';
import type { AppConfig } from '#config';
import type { RecordedEvent } from '#domain';
import { createKafka, engagementTopic, type Kafka, toWireMessage } from '#messaging';
import { listDeadLetters } from '../../apps/projector/src/dead-letter-admin.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { waitFor } from '../support/wait.js';

function countryResponse(summary: string): RecordedEvent {
  return {
    eventId: randomUUID(),
    type: 'CountryResponseObserved',
    schemaVersion: 1,
    streamId: `engagement-${randomUUID()}`,
    streamVersion: 1,
    globalPosition: '1',
    country: 'SY',
    occurredAt: '2025-08-01T00:00:00.000Z',
    recordedAt: new Date().toISOString(),
    recordedBy: 'test',
    classification: 'unclassified',
    source: null,
    confidence: null,
    correlationId: randomUUID(),
    causationId: null,
    data: {
      observationId: randomUUID(),
      stance: 'neutral',
      speaker: { name: 'S', title: 'T', organisation: 'O' },
      quote: null,
      channel: 'media',
      topics: [],
      vendorsMentioned: [],
      summary,
    },
  };
}

/**
 * A dead letter is decided inside the projector's chunk transaction but published only after it commits: a chunk
 * that rolls back (here a transient error injected into the read model after the dead letter was decided) sends
 * none, and its retry sends exactly one.
 */
describe('dead letters of a chunk that rolls back', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let config: AppConfig;
  let kafka: Kafka;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('dlq-commit') });
    apps = await startApps(config);
    kafka = createKafka(config.kafka, 'test-producer');
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  async function produce(messages: { key: string; value: string; headers?: Record<string, string> }[]) {
    const producer = kafka.producer();
    await producer.connect();
    try {
      // One send: the records land together, so the projector fetches them in one batch and one chunk.
      await producer.send({ topic: engagementTopic(config.kafka.topicPrefix, 'unclassified'), messages });
    } finally {
      await producer.disconnect();
    }
  }

  const timelineHas = (eventId: string) =>
    waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM country_timeline WHERE event_id = $1', [eventId])) === 1
          ? true
          : undefined,
      { what: `event ${eventId} on the timeline` },
    );

  it('are not published by the rolled-back attempt, and once by the retry', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(
      async () =>
        (await admin.listTopics()).includes(engagementTopic(config.kafka.topicPrefix, 'unclassified'))
          ? true
          : undefined,
      { what: 'the engagement topic' },
    );
    await admin.disconnect();
    const warmUp = countryResponse('warm-up');
    await produce([{ ...toWireMessage(warmUp, 'SY', config.publicBaseUrl) }]);
    await timelineHas(warmUp.eventId);

    // The first insert into the timeline from now on fails with a serialization failure, which the projector
    // treats as transient: the whole chunk rolls back and is applied again.
    await db.pool.query(`
      CREATE SEQUENCE test_timeline_inserts;
      CREATE FUNCTION test_fail_first_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('test_timeline_inserts') = 1 THEN
          RAISE EXCEPTION 'injected transient failure' USING ERRCODE = '40001';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_fail_first_insert BEFORE INSERT ON country_timeline
        FOR EACH ROW EXECUTE FUNCTION test_fail_first_insert();`);

    const after = countryResponse('applied after the undecodable record, in the same chunk');
    await produce([
      { key: 'SY', value: 'not json' },
      { ...toWireMessage(after, 'SY', config.publicBaseUrl) },
    ]);
    await timelineHas(after.eventId);
    const { rows } = await db.pool.query<{ last_value: string }>(
      'SELECT last_value::text AS last_value FROM test_timeline_inserts',
    );
    expect(Number(rows[0]?.last_value)).toBe(2);

    const letters = await waitFor(
      async () => {
        const all = await listDeadLetters(config);
        return all.length > 0 ? all : undefined;
      },
      { what: 'the dead letter' },
    );
    // Nothing is left to send, and nothing more arrives.
    await waitFor(
      async () => ((await db.count('SELECT count(*) AS n FROM projector_outbox')) === 0 ? true : undefined),
      { what: 'the after-commit queue drained' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const settled = await listDeadLetters(config);
    const where = (l: (typeof settled)[number]) => `${l.source.partition}:${l.source.offset}`;
    expect(settled.map(where)).toEqual(letters.slice(0, 1).map(where));
    expect(settled[0]?.error).toMatch(/^undecodable/);
  });
});
