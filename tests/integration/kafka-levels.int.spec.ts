import { readFileSync } from 'node:fs';
import kafkajs from 'kafkajs';
import { decodeEventRecord } from '#contracts';
import { CLASSIFICATIONS, type Classification, VENDOR_CATALOGUE } from '#domain';
import { createKafka, engagementTopic, engagementTopics, retiredEngagementTopic } from '#messaging';
import { startProjector } from '../../apps/projector/src/bootstrap.js';
import { startRelay } from '../../apps/relay/src/bootstrap.js';
import { addAcls, adminKafka, consumerAcls, removeAcls } from '../../scripts/kafka/acls.mjs';
import { kafkaSaslEnv } from '../../scripts/kafka/credentials.mjs';
import { type RunningApps, startApps } from '../support/apps.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { KAFKA_BROKERS, testConfig, testKafka, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

/**
 * Topics per classification level, enforced by the broker (scripts/kafka.sh runs SCRAM and StandardAuthorizer):
 * entries go to their level's topic, corrections to their entry's, and a downstream principal granted the
 * unclassified level reads that topic and is refused the others. The relay and projector run as their own
 * principals, so their ACLs (scripts/kafka/acls.mjs) are exercised too.
 */
const BROKER_SASL = process.env.KAFKA_SECURITY !== 'plaintext';
const describeBroker = BROKER_SASL ? describe : describe.skip;

interface Message {
  readonly eventId: string;
  readonly type: string;
  readonly classification: string;
  readonly streamId: string;
}

describeBroker('Kafka topics per classification level', () => {
  const downstream = kafkaSaslEnv('downstream-unclassified');
  let db: TestDatabase;
  let apps: RunningApps;
  let topicPrefix: string;
  const entries = new Map<Classification, string>();
  let correction: string;
  let granted: ReturnType<typeof consumerAcls> = [];

  /** Every message on a topic, from its start to its current end, read as `kafka`'s principal. */
  async function readAll(kafka: kafkajs.Kafka, topic: string, groupId: string): Promise<Message[]> {
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const expected = ends.reduce((n, e) => n + Number(BigInt(e.high) - BigInt(e.low)), 0);
    const consumer = kafka.consumer({ groupId });
    const seen: Message[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(decodeEventRecord(message.headers, message.value));
        },
      });
      await waitFor(async () => (seen.length >= expected ? true : undefined), {
        what: `${expected} messages on ${topic} (have ${seen.length})`,
      });
      return seen;
    } finally {
      await consumer.disconnect();
    }
  }

  function downstreamKafka(): kafkajs.Kafka {
    return createKafka(
      {
        brokers: KAFKA_BROKERS.split(','),
        sasl: {
          mechanism: 'scram-sha-512',
          username: downstream.KAFKA_SASL_USERNAME,
          password: downstream.KAFKA_SASL_PASSWORD,
        },
      },
      'downstream-unclassified-test',
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('levels');
    const base = { databaseUrl: db.url, topicPrefix };
    // The API signs in as admin (testEnv), the relay and projector as themselves.
    apps = await startApps(testConfig(base), { pipeline: false });
    const relay = await startRelay(testConfig({ ...base, extra: kafkaSaslEnv('relay') }));
    const projector = await startProjector(testConfig({ ...base, extra: kafkaSaslEnv('projector') }));
    const close = apps.close.bind(apps);
    apps = {
      ...apps,
      close: async () => void (await Promise.all([close(), relay.close(), projector.close()])),
    };
    // A deployment grants a downstream consumer its levels like this (README): here the test's own topics.
    granted = consumerAcls({ user: 'downstream-unclassified', topicPrefix, levels: ['unclassified'] });
    await addAcls(adminKafka(KAFKA_BROKERS.split(',')), granted);

    for (const [i, level] of CLASSIFICATIONS.entries()) {
      const body = meetingBody({ classification: level, occurredAt: `2026-02-1${i}T10:00:00Z` });
      entries.set(level, (await recorded(apps.api, '/v1/countries/SY/meetings', body)).eventId);
    }
    correction = (
      await recorded(apps.api, `/v1/entries/${entries.get('confidential')}/corrections`, {
        changes: { location: 'Beirut' },
        reason: 'The meeting moved.',
      })
    ).eventId;
    await awaitProjected(db);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
    if (granted.length > 0) await removeAcls(adminKafka(KAFKA_BROKERS.split(',')), granted);
  });

  it('queues each event for the topic of its level, a correction for that of its entry', async () => {
    const { rows } = await db.pool.query<{ event_id: string; topic: string; classification: string }>(
      `SELECT e.event_id, o.topic, e.classification FROM outbox o JOIN events e USING (global_position)`,
    );
    for (const row of rows) expect(row.topic).toBe(`${topicPrefix}.engagement.${row.classification}`);
    const topicOf = (eventId: string | undefined) => rows.find((r) => r.event_id === eventId)?.topic;
    for (const level of CLASSIFICATIONS)
      expect(topicOf(entries.get(level))).toBe(engagementTopic(topicPrefix, level));
    expect(topicOf(correction)).toBe(engagementTopic(topicPrefix, 'confidential'));
  });

  it('lets the unclassified principal read the unclassified topic: unclassified entries only', async () => {
    const messages = await readAll(
      downstreamKafka(),
      engagementTopic(topicPrefix, 'unclassified'),
      `downstream-unclassified-${topicPrefix}`,
    );
    const ids = messages.map((m) => m.eventId);
    expect(ids).toContain(entries.get('unclassified'));
    // The vendor catalogue the API registers at start-up is unclassified too.
    expect(messages).toHaveLength(VENDOR_CATALOGUE.length + 1);
    expect(messages.every((m) => m.classification === 'unclassified')).toBe(true);
    for (const level of ['restricted', 'confidential', 'secret'] as const)
      expect(ids).not.toContain(entries.get(level));
    expect(ids).not.toContain(correction);
  });

  it.each(['restricted', 'confidential', 'secret'] as const)(
    'refuses the unclassified principal the %s topic (TOPIC_AUTHORIZATION_FAILED)',
    async (level) => {
      const consumer = downstreamKafka().consumer({
        groupId: `downstream-unclassified-${topicPrefix}-${level}`,
      });
      await consumer.connect();
      try {
        const refused = await consumer
          .subscribe({ topic: engagementTopic(topicPrefix, level), fromBeginning: true })
          .then(() => consumer.run({ eachMessage: async () => undefined }))
          .then(
            () => undefined,
            (error: unknown) => error as { type?: string; message?: string },
          );
        expect(refused?.type).toBe('TOPIC_AUTHORIZATION_FAILED');
      } finally {
        await consumer.disconnect();
      }
      // Its dead-letter topic neither.
      const admin = downstreamKafka().admin();
      await admin.connect();
      try {
        const outcome = await admin.fetchTopicOffsets(`${engagementTopic(topicPrefix, level)}.dlq`).then(
          () => 'read',
          (error: { type?: string }) => error.type,
        );
        expect(outcome).toBe('TOPIC_AUTHORIZATION_FAILED');
      } finally {
        await admin.disconnect();
      }
    },
  );

  it('turns away a client that does not sign in', async () => {
    const anonymous = new kafkajs.Kafka({
      clientId: 'anonymous-test',
      brokers: KAFKA_BROKERS.split(','),
      logLevel: kafkajs.logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 2_000,
    });
    const admin = anonymous.admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect().catch(() => undefined);
  });

  it('republishes the retired single topic onto the levels, and the projector applies nothing twice', async () => {
    const applied = await db.count('SELECT count(*) AS n FROM projected_events');
    const timeline = await db.count('SELECT count(*) AS n FROM country_timeline');
    // As an older build left the outbox: every event published to the one topic.
    await db.pool.query(`UPDATE outbox SET topic = $1`, [retiredEngagementTopic(topicPrefix)]);
    const migration = readFileSync(
      new URL('../../migrations/1764086400014_republish-per-level.sql', import.meta.url),
      'utf8',
    );
    await db.pool.query(migration.split('-- Down Migration')[0] ?? '');
    expect(await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(
      await db.count('SELECT count(*) AS n FROM events'),
    );
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')) === 0
          ? true
          : undefined,
      { what: 'the relay republished every event', timeoutMs: 30_000 },
    );
    // Each level's topic holds its events twice now; the projector's checkpoints reach the end of each.
    const kafka = createKafka(testKafka(), 'republish-test');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, number>();
      for (const topic of engagementTopics(topicPrefix)) {
        const offsets = await admin.fetchTopicOffsets(topic);
        for (const o of offsets) ends.set(`${topic}/${o.partition}`, Number(o.high));
      }
      await waitFor(
        async () => {
          const { rows } = await db.pool.query<{ topic: string; partition: number; next_offset: string }>(
            `SELECT topic, partition, next_offset::text FROM projection_checkpoints WHERE projection = 'read-models'`,
          );
          const at = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, Number(r.next_offset)]));
          return [...ends].every(([k, end]) => end === 0 || at.get(k) === end) ? true : undefined;
        },
        { what: 'the projector at the end of every level', timeoutMs: 30_000 },
      );
    } finally {
      await admin.disconnect();
    }
    expect(await db.count('SELECT count(*) AS n FROM projected_events')).toBe(applied);
    expect(await db.count('SELECT count(*) AS n FROM country_timeline')).toBe(timeline);
  });
});
