import { randomUUID } from 'node:crypto';
import type { AppConfig } from '#config';
import type { DomainEvent } from '#domain';
import { PostgresEventStore } from '#event-store';
import { createKafka, deadLetterTopicOf, engagementTopic, eventRouter } from '#messaging';
import { listDeadLetters, replayDeadLetters } from '../../apps/projector/src/dead-letter-admin.js';
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

describe('records the projector cannot apply', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let store: PostgresEventStore;
  let config: AppConfig;
  const contractId = randomUUID();
  const contractStream = `contract-${contractId}`;
  const ids = {
    award: randomUUID(),
    termination: randomUUID(),
    correction: randomUUID(),
    meeting: randomUUID(),
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('dlq');
    config = testConfig({ databaseUrl: db.url, topicPrefix });
    store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
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

  const projected = (sql: string, params: unknown[] = []) =>
    waitFor(async () => ((await db.count(sql, params)) > 0 ? true : undefined), { what: sql });

  it('go to the dead-letter topic with the error and source position, park their stream, and replay in order once fixed', async () => {
    await append(contractStream, 0, {
      eventId: ids.award,
      type: 'ContractAwarded',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-01-01T00:00:00.000Z',
      data: {
        contractId,
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
    await projected(`SELECT count(*) AS n FROM registers WHERE stream_id = $1`, [contractStream]);

    // A fault in the read model (here a constraint) makes the next event of this stream fail to apply.
    await db.pool.query(`ALTER TABLE registers ADD CONSTRAINT test_blocks CHECK (status <> 'terminated')`);
    await append(contractStream, 1, {
      eventId: ids.termination,
      type: 'ContractTerminated',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-06-01T00:00:00.000Z',
      data: { contractId, reason: 'Synthetic.' },
    });
    await append(contractStream, 2, {
      eventId: ids.correction,
      type: 'EntryCorrected',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-07-01T00:00:00.000Z',
      data: {
        targetEventId: ids.award,
        targetType: 'ContractAwarded',
        changes: { units: 120 },
        reason: 'Recount.',
      },
    });
    await append(`observation-${randomUUID()}`, 0, {
      eventId: randomUUID(),
      type: 'SomethingFromTheFuture',
      schemaVersion: 1,
      ...facts,
      // On its own level: its dead letter goes to that level's dead-letter topic.
      classification: 'confidential',
      occurredAt: '2025-07-01T00:00:00.000Z',
      data: {},
    });
    const producer = createKafka(config.kafka, 'garbage').producer();
    await producer.connect();
    await producer.send({
      topic: engagementTopic(config.kafka.topicPrefix, 'secret'),
      messages: [{ key: 'SY', value: 'not json' }],
    });
    await producer.disconnect();
    // The projector moves on: an unrelated entry after all of that is applied.
    await append(`engagement-${randomUUID()}`, 0, {
      eventId: ids.meeting,
      type: 'CountryResponseObserved',
      schemaVersion: 1,
      ...facts,
      occurredAt: '2025-08-01T00:00:00.000Z',
      data: {
        observationId: randomUUID(),
        stance: 'neutral',
        speaker: { name: 'S', title: 'T', organisation: 'O' },
        quote: null,
        channel: 'media',
        topics: [],
        vendorsMentioned: [],
        summary: 'Synthetic.',
      },
    });
    await projected(`SELECT count(*) AS n FROM country_timeline WHERE event_id = $1`, [ids.meeting]);

    const letters = await waitFor(
      async () => {
        const all = await listDeadLetters(config);
        return all.length >= 4 ? all : undefined;
      },
      { what: 'four dead letters' },
    );
    const byEvent = (id: string) => letters.find((l) => l.eventId === id);
    expect(letters).toHaveLength(4);
    expect(byEvent(ids.termination)?.error).toMatch(/projection failed: .*test_blocks/);
    expect(byEvent(ids.correction)?.error).toMatch(`parked behind event ${ids.termination}`);
    expect(letters.find((l) => l.type === 'SomethingFromTheFuture')?.error).toMatch(
      /unknown event type or version/,
    );
    expect(letters.find((l) => l.eventId === null)?.error).toMatch(/^undecodable/);
    // Each letter is on the dead-letter topic of its source's level.
    const level = (l: (typeof letters)[number]) =>
      l.eventId === null ? 'secret' : l.type === 'SomethingFromTheFuture' ? 'confidential' : 'unclassified';
    for (const letter of letters) {
      expect(letter.source.topic).toBe(engagementTopic(config.kafka.topicPrefix, level(letter)));
      expect(letter.topic).toBe(deadLetterTopicOf(letter.source.topic));
      expect(letter.source.offset).toMatch(/^\d+$/);
      expect(letter.replayed).toBe(false);
    }
    expect(await db.count(`SELECT count(*) AS n FROM registers WHERE status = 'terminated'`)).toBe(0);

    await db.pool.query('ALTER TABLE registers DROP CONSTRAINT test_blocks');
    const replayed = await replayDeadLetters(config, { eventId: ids.correction });
    expect(replayed.map((l) => l.eventId)).toEqual([ids.termination, ids.correction]);

    await projected(`SELECT count(*) AS n FROM registers WHERE stream_id = $1 AND status = 'terminated'`, [
      contractStream,
    ]);
    await projected(
      `SELECT count(*) AS n FROM country_timeline WHERE event_id = $1 AND revision = 2 AND known_until IS NULL`,
      [ids.award],
    );
    expect(
      await db.count('SELECT count(*) AS n FROM projection_parked_streams WHERE stream_id = $1', [
        contractStream,
      ]),
    ).toBe(0);
    const after = await listDeadLetters(config);
    expect(after.filter((l) => l.replayed).map((l) => l.eventId)).toEqual([ids.termination, ids.correction]);
  });
});
