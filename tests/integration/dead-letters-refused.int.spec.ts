import { randomUUID } from 'node:crypto';
import type { AppConfig } from '#config';
import type { DomainEvent } from '#domain';
import { PostgresEventStore } from '#event-store';
import { createKafka, deadLetterTopicSpecs, ensureTopics, eventRouter } from '#messaging';
import {
  formatDeadLetterList,
  listDeadLetters,
  listRefusedDeadLetters,
  replayDeadLetters,
} from '../../apps/projector/src/dead-letter-admin.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { waitFor } from '../support/wait.js';

const facts = {
  country: 'SY',
  classification: 'unclassified' as const,
  source: null,
  confidence: null,
};

/**
 * A dead letter Kafka refuses for its content stays in `projector_outbox` with `refused_at`, never on the
 * dead-letter topic. Here the topic is created (before the projector would) with a small max.message.bytes, so
 * the dead letter of one large event is refused while the stream's later, small ones reach the topic.
 */
describe('a dead letter Kafka refused', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let store: PostgresEventStore;
  let config: AppConfig;
  // In stream A the first dead letter is refused and the next one reaches the topic; in stream B the first
  // reaches the topic and the next one is refused.
  const a = {
    contractId: randomUUID(),
    award: randomUUID(),
    termination: randomUUID(),
    correction: randomUUID(),
  };
  const b = {
    contractId: randomUUID(),
    award: randomUUID(),
    termination: randomUUID(),
    correction: randomUUID(),
  };
  const streamOf = (c: { contractId: string }) => `contract-${c.contractId}`;
  const large = 'x'.repeat(20_000);

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('dlq-refused');
    config = testConfig({ databaseUrl: db.url, topicPrefix });
    store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
    const specs = deadLetterTopicSpecs(topicPrefix, config.kafka.partitions, config.kafka.replicationFactor);
    await ensureTopics(
      createKafka(config.kafka, 'test-admin'),
      specs.map((spec) => ({
        ...spec,
        configEntries: [...spec.configEntries, { name: 'max.message.bytes', value: '8192' }],
      })),
    );
    apps = await startApps(config);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  async function append(streamId: string, expectedVersion: number, event: DomainEvent & { eventId: string }) {
    await store.appendToStream(streamId, [event], {
      expectedVersion,
      category: streamId.split('-')[0] ?? 'test',
      metadata: {
        recordedAt: new Date(),
        recordedBy: 'test',
        correlationId: randomUUID(),
        causationId: null,
      },
    });
  }

  const until = (sql: string, params: unknown[] = []) =>
    waitFor(async () => ((await db.count(sql, params)) > 0 ? true : undefined), { what: sql });

  const award = (c: typeof a) =>
    append(streamOf(c), 0, {
      eventId: c.award,
      type: 'ContractAwarded',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-01-01T00:00:00.000Z',
      data: {
        contractId: c.contractId,
        operator: 'Syriatel',
        vendorId: 'huawei',
        vendorName: 'Huawei',
        vendorOrigin: 'CN',
        vendorHighRisk: true,
        domain: 'ran',
        generation: '4G',
        units: 100,
        unitKind: 'sites',
        value: null,
        financing: null,
        period: { start: '2025-01-01', end: null },
        description: 'Synthetic.',
      },
    });
  const terminate = (c: typeof a, reason: string) =>
    append(streamOf(c), 1, {
      eventId: c.termination,
      type: 'ContractTerminated',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-06-01T00:00:00.000Z',
      data: { contractId: c.contractId, reason },
    });
  const correct = (c: typeof a, reason: string) =>
    append(streamOf(c), 2, {
      eventId: c.correction,
      type: 'EntryCorrected',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-07-01T00:00:00.000Z',
      data: { targetEventId: c.award, targetType: 'ContractAwarded', changes: { units: 120 }, reason },
    });

  /** What a replay of one event's stream says, and how long it took to say it. */
  async function replay(eventId: string): Promise<{ outcome: string; ms: number }> {
    const started = Date.now();
    const outcome = await replayDeadLetters(config, { eventId }, { settleMs: 20_000 }).then(
      (replayed) => `replayed ${replayed.map((l) => l.eventId).join(', ')}`,
      (error: Error) => error.message,
    );
    return { outcome, ms: Date.now() - started };
  }

  it('is named, with Kafka’s error, by a replay of its stream, which refuses at once, and is listed', async () => {
    await award(a);
    await award(b);
    await until(`SELECT count(*) AS n FROM registers WHERE stream_id = ANY($1)`, [
      [streamOf(a), streamOf(b)],
    ]);

    // Terminations fail to apply and park their stream, whose next event is dead-lettered behind them. A dead
    // letter is the event itself: a large event's (over the topic's 8 KiB) is refused, a small one's is sent.
    await db.pool.query(`ALTER TABLE registers ADD CONSTRAINT test_blocks CHECK (status <> 'terminated')`);
    await terminate(a, large);
    await correct(a, 'Recount.');
    await terminate(b, 'Synthetic.');
    await correct(b, large);
    await waitFor(
      async () =>
        (await db.count('SELECT count(*) AS n FROM projector_outbox WHERE refused_at IS NOT NULL')) === 2
          ? true
          : undefined,
      { what: 'two refused dead letters' },
    );
    const onTopic = await waitFor(
      async () => {
        const all = await listDeadLetters(config);
        return all.length >= 2 ? all : undefined;
      },
      { what: 'two dead letters on the topic' },
    );
    expect(onTopic.map((l) => l.eventId)).toEqual([a.correction, b.termination]);
    const { rows } = await db.pool.query<{ last_error: string }>(
      'SELECT last_error FROM projector_outbox WHERE refused_at IS NOT NULL ORDER BY id',
    );
    const [kafkaErrorA = '', kafkaErrorB = ''] = rows.map((r) => r.last_error);
    expect(kafkaErrorA).toMatch(/larger than the max message size/);
    const versionOf = (eventId: string) => onTopic.find((l) => l.eventId === eventId)?.streamVersion ?? 0;
    const refusedA = `${streamOf(a)}@${versionOf(a.correction) - 1} (event ${a.termination}`;
    const refusedB = `${streamOf(b)}@${versionOf(b.termination) + 1} (event ${b.correction}`;

    // Fixed, but neither stream can be replayed in order: one of its dead letters is not on the topic. The replay
    // says which and why, at once (no wait brings it), and changes nothing.
    await db.pool.query('ALTER TABLE registers DROP CONSTRAINT test_blocks');
    for (const [eventId, named, error] of [
      [a.correction, refusedA, kafkaErrorA],
      [a.termination, refusedA, kafkaErrorA],
      [b.termination, refusedB, kafkaErrorB],
    ] as const) {
      const { outcome, ms } = await replay(eventId);
      expect(outcome).toContain(named);
      expect(outcome).toContain(`was refused by Kafka when dead-lettered: ${error}`);
      expect(outcome).not.toContain('retry once the projector has caught up');
      expect(ms).toBeLessThan(10_000);
    }
    expect(
      await db.count('SELECT count(*) AS n FROM projection_parked_streams WHERE stream_id = ANY($1)', [
        [streamOf(a), streamOf(b)],
      ]),
    ).toBe(2);
    expect(await db.count('SELECT count(*) AS n FROM dead_letter_replays')).toBe(0);

    // npm run dlq -- list shows them after the topic's letters, with both errors.
    const refused = await listRefusedDeadLetters(config);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({
      eventId: a.termination,
      type: 'ContractTerminated',
      streamId: streamOf(a),
      streamVersion: versionOf(a.correction) - 1,
      refusedBy: kafkaErrorA,
    });
    expect(refused[0]?.error).toMatch(/projection failed: .*test_blocks/);
    expect(refused[1]).toMatchObject({ eventId: b.correction, refusedBy: kafkaErrorB });
    expect(refused[1]?.error).toContain(`parked behind event ${b.termination}`);
    const listing = formatDeadLetterList(await listDeadLetters(config), refused).split('\n');
    expect(listing[0]).toMatch(
      new RegExp(`^[\\w.-]+\\.dlq/\\d+:\\d+\\tpending \\tEntryCorrected\\t${a.correction}\\t`),
    );
    expect(listing[2]).toMatch(
      new RegExp(`^outbox:${refused[0]?.outboxId}\\trefused \\tContractTerminated\\t${a.termination}\\t`),
    );
    expect(listing[2]).toContain(`; refused by Kafka: ${kafkaErrorA}`);
    expect(listing[3]).toMatch(new RegExp(`^outbox:${refused[1]?.outboxId}\\trefused \\tEntryCorrected\\t`));
    expect(listing[4]).toBe(
      '2 dead letter(s), 2 not replayed; 2 refused by Kafka, kept in projector_outbox and not replayable',
    );
  });
});
