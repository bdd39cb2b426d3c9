import pg from 'pg';
import type { AppConfig } from '#config';
import { createKafka, engagementTopic } from '#messaging';
import { listDeadLetters } from '../../apps/projector/src/dead-letter-admin.js';
import { SWAP_LOCK } from '../../apps/projector/src/rebuild/rebuild.sql.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { PrivateBroker } from '../support/broker.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { waitFor } from '../support/wait.js';

/**
 * The projector's chunk transaction holds no Kafka call: a chunk that dead-letters a record while the broker is
 * down still commits (checkpoint and queued dead letter), and the dead letter reaches its topic, once, when the
 * broker is back. The chunk is held at the rebuild's swap lock (which every chunk takes first) until the test's
 * own broker is stopped.
 */
describe('a dead letter decided while the broker is down', () => {
  const broker = new PrivateBroker();
  let db: TestDatabase;
  let apps: RunningApps;
  let config: AppConfig;

  beforeAll(async () => {
    await broker.start();
    db = await createTestDatabase();
    config = testConfig({
      databaseUrl: db.url,
      topicPrefix: uniqueName('dlq-down'),
      brokers: broker.address,
    });
    apps = await startApps(config);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
    await broker.destroy();
  });

  it('is committed with its chunk at once, and published when the broker is back', async () => {
    const topic = engagementTopic(config.kafka.topicPrefix, 'restricted');
    const kafka = createKafka(config.kafka, 'test-producer');
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(async () => ((await admin.listTopics()).includes(topic) ? true : undefined), {
      what: 'the engagement topic',
    });
    await admin.disconnect();
    // The projector has joined its group and consumes (an undecodable warm-up record is dead-lettered).
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'LB', value: 'warm-up, not json' }] });
    await waitFor(
      async () => {
        const letters = await listDeadLetters(config);
        return letters.length === 1 ? true : undefined;
      },
      { what: 'the warm-up dead letter' },
    );

    const lock = new pg.Client({ connectionString: db.url });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query(SWAP_LOCK);
      const [sent] = await producer.send({ topic, messages: [{ key: 'SY', value: 'not json' }] });
      await producer.disconnect();
      await waitFor(
        async () =>
          (await db.count(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)) >
          0
            ? true
            : undefined,
        { what: 'the projector chunk waiting at the swap lock' },
      );
      await broker.stop();
      await lock.query('COMMIT');

      // With no broker at all, the chunk commits: its checkpoint moves past the record, its dead letter is queued.
      const offset = BigInt(sent?.baseOffset ?? '0');
      await waitFor(
        async () =>
          (await db.count(
            `SELECT count(*) AS n FROM projection_checkpoints
             WHERE topic = $1 AND partition = $2 AND next_offset > $3`,
            [topic, sent?.partition, offset.toString()],
          )) === 1
            ? true
            : undefined,
        { what: 'the chunk committed while the broker is down', timeoutMs: 10_000 },
      );
      expect(await db.count('SELECT count(*) AS n FROM projector_outbox')).toBe(1);
    } finally {
      await lock.end();
    }

    await broker.start();
    await waitFor(
      async () => ((await db.count('SELECT count(*) AS n FROM projector_outbox')) === 0 ? true : undefined),
      { what: 'the queued dead letter sent', timeoutMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const letters = await listDeadLetters(config);
    expect(letters.map((l) => l.error.replace(/:.*/, '')).sort()).toEqual(['undecodable', 'undecodable']);
    expect(letters.filter((l) => l.message.key?.toString() === 'SY')).toHaveLength(1);
  });
});
