import { randomUUID } from 'node:crypto';
import { CONTRACT_AMENDED, CONTRACT_TERMINATED } from '#domain';
import { type EventRow, PostgresEventStore, toStoredEvent, withTransaction } from '#event-store';
import { createKafka, EventPublisher, engagementTopic, engagementTopics, eventRouter } from '#messaging';
import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { type Answer, postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testKafka, uniqueName } from '../support/env.js';
import { contractBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { legacyWireMessage } from '../support/legacy-wire.js';
import { waitFor } from '../support/wait.js';

/**
 * Events recorded before schema version 2 of ContractAmended and ContractTerminated (no `unitsVendorId`; no
 * `equipment`/`swappedInEquipment`) must read everywhere as the v2 events that state what they meant. Three
 * contracts live the same life: one recorded today at v2 over HTTP, one whose amendment and termination sit in
 * the event store at v1 (and reach Kafka through the relay as stored), one whose v1 events are in the store and
 * were put on the topic by an older build. Deciders, read models and rebuilds must not tell them apart.
 */

type Mode = 'v2' | 'store-v1' | 'kafka-v1';

interface Contract {
  readonly mode: Mode;
  readonly country: string;
  readonly id: string;
  readonly streamId: string;
  readonly eventIds: string[];
}

const AMENDED_V1_AT = '2026-02-01T00:00:00.000Z';
const TERMINATED_AT = '2026-04-01T00:00:00.000Z';

/** The events row as toStoredEvent reads it. */
const EVENT_ROW = `
SELECT global_position::text AS global_position, event_id, stream_id, stream_version, event_type, schema_version,
       country, occurred_at, recorded_at, recorded_by, classification, source, confidence, correlation_id,
       causation_id, data
FROM events WHERE event_id = $1`;

/** Appends one event at schema version 1 the way an older build did (bumping the stream's version). */
const APPEND_V1 = `
WITH bumped AS (
  UPDATE streams SET version = version + 1, updated_at = now() WHERE stream_id = $1 RETURNING version
)
INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, country, occurred_at,
                    recorded_at, recorded_by, classification, source, confidence, correlation_id, causation_id, data)
SELECT $2, $1, bumped.version, $3, 1, a.country, $4, now(), 'older.build', a.classification, NULL, NULL, $5, NULL, $6
FROM bumped, events a WHERE a.stream_id = $1 AND a.stream_version = 1
RETURNING global_position::text AS global_position, country`;

describe('events of older schema versions, on every read path', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let topicPrefix: string;
  let publisher: EventPublisher;
  const contracts: Contract[] = [];
  const answers = new Map<Mode, Answer[]>();

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('upcasting');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    publisher = new EventPublisher(createKafka(testKafka(), 'older-build'), 'http://127.0.0.1:3000');
    for (const [mode, country] of [
      ['v2', 'IQ'],
      ['store-v1', 'SY'],
      ['kafka-v1', 'LB'],
    ] as const) {
      contracts.push(await live(mode, country));
    }
    for (const contract of contracts) await projected(contract.streamId, contract.eventIds.length);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);

  function projected(streamId: string, version: number) {
    return waitFor(
      async () =>
        (await db.count(
          'SELECT count(*) AS n FROM projection_stream_versions WHERE stream_id = $1 AND stream_version >= $2',
          [streamId, version],
        )) > 0 || undefined,
      { what: `${streamId} projected to version ${version}` },
    );
  }

  /** Writes one event at v1: into the store, with an outbox row (store-v1) or straight onto the topic (kafka-v1). */
  async function olderBuild(mode: Mode, contract: Contract, type: string, occurredAt: string, data: unknown) {
    const eventId = randomUUID();
    await withTransaction(db.pool, async (client) => {
      const { rows } = await client.query<{ global_position: string; country: string }>(APPEND_V1, [
        contract.streamId,
        eventId,
        type,
        occurredAt,
        randomUUID(),
        JSON.stringify(data),
      ]);
      const row = rows[0];
      if (!row) throw new Error(`no stream ${contract.streamId}`);
      if (mode === 'store-v1') {
        await client.query('INSERT INTO outbox (global_position, topic, message_key) VALUES ($1, $2, $3)', [
          row.global_position,
          engagementTopic(topicPrefix, 'unclassified'),
          row.country,
        ]);
      }
    });
    if (mode === 'kafka-v1') {
      // The older build's relay published it before this build started: as stored, schemaVersion 1, and in the
      // record format of its day (the whole envelope as the value), which readers still accept.
      const { rows } = await db.pool.query<EventRow>(EVENT_ROW, [eventId]);
      const event = toStoredEvent(rows[0] as EventRow);
      await publisher.publishRaw(engagementTopic(topicPrefix, 'unclassified'), [
        legacyWireMessage(event, event.country),
      ]);
    }
    contract.eventIds.push(eventId);
  }

  /** One contract's life: award, replacement, amendment, two later amendments asked over HTTP, termination. */
  async function live(mode: Mode, country: string): Promise<Contract> {
    const award = await recorded(apps.api, `/v1/countries/${country}/contracts`, contractBody());
    const contract: Contract = {
      mode,
      country,
      id: award.entryId,
      streamId: award.streamId,
      eventIds: [award.eventId],
    };
    const replaced = await recorded(apps.api, `/v1/contracts/${contract.id}/replace`, {
      occurredAt: '2026-01-15T00:00:00Z',
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 300,
      note: 'First phase of the RAN swap.',
    });
    contract.eventIds.push(replaced.eventId);
    // 1,000 → 1,200 units: Huawei 700 + 200 = 900, Ericsson 300.
    if (mode === 'v2') {
      const amended = await recorded(apps.api, `/v1/contracts/${contract.id}/amend`, {
        occurredAt: AMENDED_V1_AT,
        changes: { units: 1_200 },
        reason: 'Scope grew.',
      });
      contract.eventIds.push(amended.eventId);
    } else {
      // Kafka keeps a key's order only as produced: the older build published after what came before.
      await projected(contract.streamId, 2);
      await olderBuild(mode, contract, CONTRACT_AMENDED, AMENDED_V1_AT, {
        contractId: contract.id,
        changes: { units: 1_200 },
        reason: 'Scope grew.',
      });
    }
    // Later commands are decided on the upcast history: 250 units would leave Huawei at −50; 1,100 at 800.
    const refused = await post(`/v1/contracts/${contract.id}/amend`, {
      occurredAt: '2026-03-01T00:00:00Z',
      changes: { units: 250 },
      reason: 'Scope cut.',
    });
    const accepted = await post(`/v1/contracts/${contract.id}/amend`, {
      occurredAt: '2026-03-01T00:00:00Z',
      changes: { units: 1_100 },
      reason: 'Scope cut.',
    });
    contract.eventIds.push((accepted.body as { eventId: string }).eventId);
    if (mode === 'v2') {
      const terminated = await recorded(apps.api, `/v1/contracts/${contract.id}/terminate`, {
        occurredAt: TERMINATED_AT,
        reason: 'Operator exited.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
      });
      contract.eventIds.push(terminated.eventId);
    } else {
      await projected(contract.streamId, 4);
      await olderBuild(mode, contract, CONTRACT_TERMINATED, TERMINATED_AT, {
        contractId: contract.id,
        reason: 'Operator exited.',
      });
    }
    const afterTermination = await post(`/v1/contracts/${contract.id}/amend`, {
      occurredAt: '2026-05-01T00:00:00Z',
      changes: { units: 1_000 },
      reason: 'Too late.',
    });
    answers.set(mode, [refused, accepted, afterTermination]);
    return contract;
  }

  const byMode = (mode: Mode) => contracts.find((c) => c.mode === mode) as Contract;

  /** A contract's read models with what differs by nature (ids, country, recording times) left out. */
  async function readModels(contract: Contract) {
    const volatile = [
      'id',
      'seq',
      'event_id',
      'cause_event_id',
      'global_position',
      'recorded_at',
      'recorded_by',
      'known_from',
      'known_until',
      'updated_at',
      'trail',
    ];
    const rows = async (sql: string, key: string) =>
      (await db.pool.query<{ row: unknown }>(sql, [key, volatile])).rows.map((r) => r.row);
    const models = {
      timeline: await rows(
        `SELECT to_jsonb(t) - $2::text[] AS row FROM country_timeline t
         WHERE stream_id = $1 AND known_until IS NULL ORDER BY stream_version`,
        contract.streamId,
      ),
      register: await rows(
        `SELECT to_jsonb(r) - $2::text[] AS row FROM registers r WHERE stream_id = $1 AND known_until IS NULL`,
        contract.streamId,
      ),
      holdings: await rows(
        `SELECT to_jsonb(h) - $2::text[] AS row FROM contract_holdings h
         WHERE contract_id = $1 AND known_until IS NULL ORDER BY (to_jsonb(h) - $2::text[])::text`,
        contract.id,
      ),
    };
    return JSON.parse(
      JSON.stringify(models).replaceAll(contract.id, 'CONTRACT').replaceAll(`"${contract.country}"`, '"XX"'),
    );
  }

  async function allReadModels() {
    return Promise.all(contracts.map(readModels));
  }

  it('keeps the older events at v1 in the store, and the relay publishes them as stored', async () => {
    const older = byMode('store-v1');
    const { rows } = await db.pool.query(
      'SELECT stream_version, schema_version FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [older.streamId],
    );
    expect(rows.map((r) => [r.stream_version, r.schema_version])).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
      [4, 3],
      [5, 1],
    ]);
    const [published] = await readTopic(engagementTopic(topicPrefix, 'unclassified'), 1, {
      only: (record) => record.event.eventId === older.eventIds[2],
    });
    expect(published?.headers.ce_schemaversion).toBe('1');
    expect(published?.event).toMatchObject({ schemaVersion: 1, data: { changes: { units: 1_200 } } });
  });

  it('gives deciders the events upcast: the event store reads the newest schema versions', async () => {
    for (const mode of ['store-v1', 'kafka-v1'] as const) {
      const older = byMode(mode);
      const history = await new PostgresEventStore(db.pool, eventRouter(topicPrefix)).readStream(
        older.streamId,
      );
      expect(history.map((e) => [e.type, e.schemaVersion])).toEqual([
        ['ContractAwarded', 2],
        ['EquipmentReplaced', 2],
        ['ContractAmended', 3],
        ['ContractAmended', 3],
        ['ContractTerminated', 3],
      ]);
      expect(history[2]?.data).toEqual({
        contractId: older.id,
        changes: { units: 1_200 },
        reason: 'Scope grew.',
        unitsVendorId: null,
      });
      // Version 3 states what the termination removed, worked out from the stream before it.
      // (Huawei 800 after the amendment to 1,100 units, Ericsson's 300 swapped in: both decommissioned.)
      expect(history[4]?.data).toEqual({
        contractId: older.id,
        reason: 'Operator exited.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
        domain: 'ran',
        unitKind: 'sites',
        removed: [
          { vendorId: 'huawei', units: 800 },
          { vendorId: 'ericsson', units: 300 },
        ],
        leftInService: [],
      });
    }
  });

  it('decides later commands over HTTP as after v2 events', async () => {
    const [refused, accepted, afterTermination] = answers.get('v2') ?? [];
    expect(refused).toMatchObject({ status: 422, body: { code: 'UNITS_BELOW_REPLACED', held: 900 } });
    expect(accepted?.status).toBe(201);
    expect(afterTermination).toMatchObject({ status: 409, body: { code: 'ILLEGAL_TRANSITION' } });
    const shape = (list: Answer[] | undefined) =>
      list?.map((a) => [a.status, a.body.code, a.body.held, a.body.currentState]);
    expect(shape(answers.get('store-v1'))).toEqual(shape(answers.get('v2')));
    expect(shape(answers.get('kafka-v1'))).toEqual(shape(answers.get('v2')));
  });

  it('projects the same read models from v1 events, from the store or from the topic, as from v2 events', async () => {
    const [v2, storeV1, kafkaV1] = await allReadModels();
    expect(v2.timeline).toHaveLength(5);
    expect(v2.timeline[2].data).toEqual({
      contractId: 'CONTRACT',
      changes: { units: 1_200 },
      reason: 'Scope grew.',
      unitsVendorId: null,
    });
    expect(v2.timeline[4].data).toMatchObject({
      equipment: 'decommissioned',
      swappedInEquipment: 'decommissioned',
    });
    expect(v2.register[0].status).toBe('terminated');
    expect(storeV1).toEqual(v2);
    expect(kafkaV1).toEqual(v2);
    expect(await db.count('SELECT count(*) AS n FROM projection_parked_streams')).toBe(0);
  });

  it.each([
    ['the event store', () => ({ kind: 'events' as const })],
    [
      'the Kafka topics',
      () => ({
        kind: 'kafka' as const,
        kafka: createKafka(testKafka(), 'rebuild-test'),
        topics: engagementTopics(topicPrefix),
      }),
    ],
  ])('rebuilds the same read models from %s', async (_name, source) => {
    const before = await allReadModels();
    for (const contract of contracts) {
      await db.pool.query('DELETE FROM country_timeline WHERE stream_id = $1', [contract.streamId]);
      await db.pool.query('DELETE FROM registers WHERE stream_id = $1', [contract.streamId]);
      await db.pool.query('DELETE FROM contract_holdings WHERE contract_id = $1', [contract.id]);
    }
    for (const projection of ['country-timeline', 'registers', 'contract-holdings']) {
      await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection, source: source() });
    }
    const after = await allReadModels();
    expect(after).toEqual(before);
    expect(after[1]).toEqual(after[0]);
    expect(after[2]).toEqual(after[0]);
  });

  it('upcasts stream history a previous build stored in projected_events', async () => {
    const older = byMode('store-v1');
    const terminationId = older.eventIds[4] as string;
    // As the previous build stored it: the event as it came off the topic, at v1.
    const { rows } = await db.pool.query<EventRow>(EVENT_ROW, [terminationId]);
    await db.pool.query(
      'UPDATE projected_events SET event = $3 WHERE stream_id = $1 AND stream_version = $2',
      [older.streamId, 5, JSON.stringify(toStoredEvent(rows[0] as EventRow))],
    );
    // A correction re-reads the stream's history to write the entry's next revision.
    for (const contract of [older, byMode('v2')]) {
      const correction = await post(`/v1/entries/${contract.eventIds[4]}/corrections`, {
        changes: { reason: 'Operator exited the market.' },
        reason: 'Wording.',
      });
      expect(correction.status).toBe(201);
      await projected(contract.streamId, 6);
    }
    const entry = await apps.api.inject({ method: 'GET', url: `/v1/entries/${terminationId}` });
    expect(entry.json()).toMatchObject({
      revision: 2,
      data: {
        reason: 'Operator exited the market.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
      },
    });
    const [v2, storeV1] = await allReadModels();
    expect(storeV1).toEqual(v2);
  });
});
