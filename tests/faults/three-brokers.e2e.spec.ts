import kafkajs, { type Admin } from 'kafkajs';
import {
  createKafka,
  deadLetterTopicSpecs,
  derivedTopicSpecs,
  engagementTopicSpecs,
  ensureTopics,
} from '#messaging';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { PrivateCluster } from '../support/broker.js';
import { meetingUntilAcknowledged } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { waitFor } from '../support/wait.js';

const { ConfigResourceTypes } = kafkajs;

const PARTITIONS = 3;
const CLIENTS = 3;
const COUNTRIES = ['SY', 'LB', 'IQ', 'JO', 'EG', 'TR'];
const THINK_MS = 20;
/** How long the load goes on with one node dead (at least). */
const TWO_BROKER_LOAD_MS = 12_000;

/**
 * Creates the topics the relay and the projector would create (same specs, libs/messaging) and waits until every
 * broker serves their metadata. Left to the apps, a topic one broker has just created can still be unknown to
 * another: kafkajs then rejects the projector's subscribe with UNKNOWN_TOPIC_OR_PARTITION, unhandled, and the
 * process exits (a defect of apps/projector on clusters, reported; not what this test is about).
 */
async function provisionTopics(addresses: string[], prefix: string): Promise<void> {
  const specs = [
    ...engagementTopicSpecs(prefix, PARTITIONS, 3),
    ...deadLetterTopicSpecs(prefix, PARTITIONS, 3),
    ...derivedTopicSpecs(prefix, PARTITIONS, 3),
  ];
  await ensureTopics(createKafka({ brokers: addresses }, 'test-cluster-setup'), specs);
  for (const address of addresses) {
    const admin = createKafka({ brokers: [address] }, 'test-cluster-setup').admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
          return topics.every(
            (t) =>
              t.partitions.length === PARTITIONS &&
              t.partitions.every((p) => p.leader >= 0 && p.isr.length === 3),
          )
            ? true
            : undefined;
        },
        { what: `every topic known to ${address}`, timeoutMs: 60_000, intervalMs: 200 },
      );
    } finally {
      await admin.disconnect();
    }
  }
}

/** Each partition's leader (a node id) and replicas. */
async function partitionsOf(admin: Admin, topic: string) {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]?.partitions ?? [];
}

/**
 * The pipeline on a three-broker KRaft cluster of the test's own, its topics replicated three times with
 * min.insync.replicas=2: SIGKILL the broker leading the most partitions under steady load, and every acknowledged
 * command still reaches Kafka and the projections exactly once, served by the two brokers left. (It found a send
 * kafkajs resolved without one partition's records — see EventPublisher's acknowledgement check.)
 */
describe('a three-broker cluster losing a partition leader', () => {
  // Made in beforeAll: a skipped run leaves no temporary directory behind.
  let cluster: PrivateCluster;
  let db: TestDatabase;
  let apps: RunningApps;
  let admin: Admin;
  let topic: string;
  let env: Record<string, string>;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    cluster = new PrivateCluster();
    const [database] = await Promise.all([createTestDatabase(), cluster.start()]);
    db = database;
    const topicPrefix = uniqueName('cluster');
    topic = `${topicPrefix}.engagement.unclassified`;
    const overrides = { databaseUrl: db.url, topicPrefix, brokers: cluster.addresses };
    await provisionTopics(cluster.addresses.split(','), topicPrefix);
    env = testEnv({
      ...overrides,
      extra: {
        KAFKA_PARTITIONS: String(PARTITIONS),
        KAFKA_REPLICATION_FACTOR: '3',
        RELAY_MAX_BACKOFF_MS: '1000',
        PROJECTOR_TX_SIZE: '20',
        // Kept in memory and shown when the test fails.
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      },
    });
    apps = await startApps(testConfig(overrides), { pipeline: false });
    processes.push(spawnApp('relay', env), spawnApp('projector', env));
    admin = createKafka({ brokers: cluster.addresses.split(',') }, 'test-cluster-watch').admin();
    await admin.connect();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await admin?.disconnect().catch(() => undefined);
    await apps?.close();
    await db?.drop();
    await cluster?.destroy();
  });

  it('loses and doubles nothing when the leader broker is SIGKILLed under load', async () => {
    const began = Date.now();
    const acknowledged: string[] = [];
    const phase = (name: string) =>
      console.log(
        `three brokers +${((Date.now() - began) / 1000).toFixed(1)} s: ${name} (${acknowledged.length} acknowledged)`,
      );
    const projected = () =>
      db.count(`SELECT count(*) AS n FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld'`);
    const diagnose = async (error: unknown) => {
      const state = await db.pool.query(
        `SELECT (SELECT count(*) FROM projection_parked_streams) AS parked,
                (SELECT string_agg(DISTINCT reason, ' | ') FROM projection_parked_streams) AS reasons,
                (SELECT count(*) FROM projector_outbox) AS projector_outbox,
                (SELECT json_agg(json_build_object('p', partition, 'next', next_offset)) FROM projection_checkpoints
                  WHERE topic = $1) AS checkpoints`,
        [topic],
      );
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      const onTopic = offsets.reduce((sum, o) => sum + Number(o.high), 0);
      const records = await readTopic(topic, onTopic, {
        brokers: cluster.addresses,
        timeoutMs: 30_000,
      }).catch(() => []);
      const ids = new Set(records.map((r) => r.event.eventId as string));
      const inTimeline = new Set(
        (await db.pool.query<{ event_id: string }>('SELECT event_id FROM country_timeline')).rows.map(
          (r) => r.event_id,
        ),
      );
      const lost = acknowledged.filter((id) => !ids.has(id));
      const unprojected = acknowledged.filter((id) => ids.has(id) && !inTimeline.has(id));
      const where = records
        .filter((r) => unprojected.includes(r.event.eventId as string))
        .map((r) => `${r.partition}@${r.offset}`);
      console.log(
        `read ${records.length} of ${onTopic} records; acknowledged but not on Kafka: ${lost.length}; ` +
          `on Kafka but not projected: ${unprojected.length} at ${where.join(' ')}`,
      );
      console.log(
        'state',
        JSON.stringify(state.rows[0]),
        'topic offsets',
        JSON.stringify(offsets),
        'projected',
        await projected(),
        'unpublished',
        await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
        `\nrelay:\n${processes[0]?.output().slice(-4000)}\nprojector:\n${processes[1]?.output().slice(-8000)}`,
      );
      throw error;
    };
    /** Pacing: the pipeline moved `more` further events into the projections (so Kafka carried them). */
    const flowFor = async (more: number, what: string) => {
      const target = (await projected()) + more;
      await waitFor(async () => ((await projected()) >= target ? true : undefined), {
        what,
        timeoutMs: 60_000,
        intervalMs: 100,
      }).catch(diagnose);
    };

    let running = true;
    let retried = 0;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; running; i += 1) {
        const country = COUNTRIES[(client + i) % COUNTRIES.length] ?? 'SY';
        // Retried with its Idempotency-Key until acknowledged: one logical command, one event.
        const answer = await meetingUntilAcknowledged(apps.api, country, (key) =>
          meetingBody({ summary: `cluster ${key}` }),
        );
        acknowledged.push(answer.eventId);
        retried += answer.retried;
        await new Promise((resolve) => setTimeout(resolve, THINK_MS));
      }
    });

    await flowFor(100, 'the first 100 events projected');
    phase('pipeline flowing on three brokers');

    // The topics as the relay created them: three replicas, two of them needed for an acknowledgement.
    const before = await partitionsOf(admin, topic);
    expect(before).toHaveLength(PARTITIONS);
    for (const partition of before) {
      expect(partition.replicas).toHaveLength(3);
      expect(partition.isr).toHaveLength(3);
    }
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('2');

    // The broker leading the most partitions of the topic.
    const led = new Map<number, number>();
    for (const partition of before) led.set(partition.leader, (led.get(partition.leader) ?? 0) + 1);
    const [victim] = [...led].sort((a, b) => b[1] - a[1])[0] ?? [1];
    await cluster.kill(victim);
    const killedAt = Date.now();
    phase(`node ${victim} (leader of ${led.get(victim)} of ${PARTITIONS} partitions) killed (SIGKILL)`);

    const after = await waitFor(
      async () => {
        const partitions = await partitionsOf(admin, topic);
        return partitions.length === PARTITIONS &&
          partitions.every((p) => p.leader !== victim && p.leader >= 0 && !p.isr.includes(victim))
          ? partitions
          : undefined;
      },
      { what: `leaders moved away from node ${victim}`, timeoutMs: 60_000, intervalMs: 250 },
    );
    phase(
      `leaders now ${after.map((p) => `${p.partitionId}→${p.leader} (isr ${p.isr.join(',')})`).join(', ')}`,
    );

    await flowFor(300, '300 more events projected after the kill');
    // Load for a while longer on two brokers: clients' reconnects and retries to the dead node take seconds.
    await waitFor(async () => (Date.now() - killedAt >= TWO_BROKER_LOAD_MS ? true : undefined), {
      what: 'the load on two brokers',
      timeoutMs: TWO_BROKER_LOAD_MS + 5_000,
      intervalMs: 250,
    });
    phase('pipeline flowing on two brokers');

    running = false;
    await Promise.all(clients);
    phase('clients stopped');

    // Whether the last events also get through while the node stays down. Not asserted: kafkajs' consumer (2.2.4)
    // can stall on a dead broker it keeps as its seed (reported); a supervisor restarts a killed broker anyway.
    const drainedOnTwo = await waitFor(
      async () => ((await projected()) >= acknowledged.length ? true : undefined),
      { what: 'the backlog drained on two brokers', timeoutMs: 10_000, intervalMs: 100 },
    ).catch(() => false);
    phase(
      drainedOnTwo
        ? 'every acknowledged meeting projected on two brokers'
        : `projector not drained on two brokers after 10 s (${await projected()} projected)`,
    );
    // The killed node comes back (as its supervisor would restart it) and catches up as a follower.
    await cluster.start(victim);
    phase(`node ${victim} restarted`);

    const drained = () =>
      waitFor(async () => ((await projected()) >= acknowledged.length ? true : undefined), {
        what: `all ${acknowledged.length} acknowledged meetings projected`,
        timeoutMs: 20_000,
        intervalMs: 100,
      });
    let projectorRestarted = false;
    if (!(await drained().catch(() => false))) {
      // kafkajs' consumer can hang for good after its restart following the dead broker (reported): nothing
      // shows it but the lag, so a supervisor watching the lag restarts the process. SIGKILL, as a stuck process
      // may not stop on SIGTERM; positions are committed with each chunk, so nothing is lost or doubled.
      console.log(`projector stalled:\n${processes[1]?.output().slice(-3000)}`);
      await processes[1]?.kill('SIGKILL');
      processes[1] = spawnApp('projector', env);
      projectorRestarted = true;
      phase(`projector stalled at ${await projected()} projected: killed and restarted`);
      await waitFor(async () => ((await projected()) >= acknowledged.length ? true : undefined), {
        what: `all ${acknowledged.length} acknowledged meetings projected`,
        timeoutMs: 60_000,
      }).catch(diagnose);
    }
    phase('every acknowledged meeting projected');

    const records = await readTopic(topic, acknowledged.length, {
      brokers: cluster.addresses,
      timeoutMs: 60_000,
      only: (r) => r.event.type === 'EnvoyMeetingHeld',
      // The relay publishes at least once (a send that failed half-way is sent again): wait for every event.
      distinctBy: (r) => r.event.eventId as string,
    });
    const onKafka = new Set(records.map((r) => r.event.eventId as string));
    const rows = await db.pool.query<{ event_id: string; n: string }>(
      `SELECT event_id, count(*) AS n FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld' GROUP BY event_id`,
    );
    const perEvent = new Map(rows.rows.map((r) => [r.event_id, Number(r.n)]));
    const missing = acknowledged.filter((id) => !perEvent.has(id) || !onKafka.has(id));
    const doubled = [...perEvent].filter(([, n]) => n !== 1).map(([id]) => id);
    const stored = await db.count(`SELECT count(*) AS n FROM events WHERE event_type = 'EnvoyMeetingHeld'`);
    const counted = await db.count('SELECT coalesce(sum(entries), 0) AS n FROM country_activity');
    console.log(
      `three brokers: acknowledged ${acknowledged.length} (${retried} requests retried), stored ${stored}, ` +
        `on Kafka ${records.length} (${onKafka.size} distinct), projected ${perEvent.size}, counted ${counted}, ` +
        `missing ${missing.length}, doubled ${doubled.length}; drained on two brokers: ${drainedOnTwo}, ` +
        `projector restarted: ${projectorRestarted}`,
    );
    expect(missing).toEqual([]);
    expect(doubled).toEqual([]);
    expect(stored).toBe(acknowledged.length);
    expect(perEvent.size).toBe(acknowledged.length);
    expect(counted).toBe(acknowledged.length);
  }, 180_000);
});
