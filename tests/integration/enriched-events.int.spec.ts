import { randomUUID } from 'node:crypto';
import type { AppConfig } from '#config';
import { CONTRACT_TERMINATED, ENTRY_CORRECTED, validateEventData } from '#contracts';
import type { DomainEvent } from '#domain';
import { PostgresEventStore } from '#event-store';
import { engagementTopic, eventRouter } from '#messaging';
import { type RunningApps, startApps } from '../support/apps.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { awaitProjected } from '../support/record.js';

/**
 * Events that carry what a consumer needs without our state: ContractTerminated v3 names the domain, unit kind
 * and each vendor's units it removes or leaves; EntryCorrected v3 carries the corrected event as it now reads.
 * Recorded from now on by the deciders, published as stored; v2 events already in the store are read as v3,
 * worked out from their stream, by the event store and the projector alike.
 */
describe('events that state what a consumer would otherwise fold', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let apps: RunningApps;
  let store: PostgresEventStore;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('enriched') });
    apps = await startApps(config);
    // The test's own store, without the API's contract check: it writes v2 events as an older build did.
    store = new PostgresEventStore(db.pool, eventRouter(config.kafka.topicPrefix));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('records v3 from now on, and publishes what a consumer needs', async () => {
    const award = await recorded(apps.api, '/v1/countries/SY/contracts', contractBody({ units: 500 }));
    const replaced = await recorded(apps.api, `/v1/contracts/${award.entryId}/replace`, {
      occurredAt: '2025-09-01T00:00:00Z',
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 100,
      note: 'Synthetic swap.',
    });
    expect(replaced.streamVersion).toBe(2);
    const correction = await recorded(apps.api, `/v1/entries/${award.eventId}/corrections`, {
      changes: { operator: 'MTN Syria' },
      reason: 'Wrong operator.',
    });
    const termination = await recorded(apps.api, `/v1/contracts/${award.entryId}/terminate`, {
      occurredAt: '2026-01-01T00:00:00Z',
      reason: 'Operator exited.',
      equipment: 'decommissioned',
      swappedInEquipment: 'in-service',
    });
    const records = await readTopic(engagementTopic(config.kafka.topicPrefix, 'unclassified'), 4, {
      only: (r) => r.event.streamId === award.streamId,
      distinctBy: (r) => r.event.eventId,
    });
    const byId = (id: string) => records.find((r) => r.event.eventId === id);
    const terminated = byId(termination.eventId);
    expect(terminated?.headers.ce_schemaversion).toBe('3');
    expect(terminated?.value).toMatchObject({
      domain: 'ran',
      unitKind: 'sites',
      removed: [{ vendorId: 'huawei', units: 400 }],
      leftInService: [{ vendorId: 'ericsson', units: 100 }],
    });
    const corrected = byId(correction.eventId);
    expect(corrected?.headers.ce_schemaversion).toBe('3');
    expect(corrected?.value.corrected).toMatchObject({
      type: 'ContractAwarded',
      schemaVersion: 2,
      data: { operator: 'MTN Syria', units: 500, vendorId: 'huawei' },
    });
    for (const record of [terminated, corrected])
      expect(validateEventData(record?.event.type ?? '', 3, record?.value)).toEqual({ ok: true });
  });

  it('reads v2 terminations and corrections in the store as v3, from their stream, on every read path', async () => {
    const contractId = randomUUID();
    const streamId = `contract-${contractId}`;
    const facts = { country: 'SY', classification: 'unclassified' as const, source: null, confidence: null };
    const append = async (version: number, event: DomainEvent & { eventId: string }) =>
      store.appendToStream(streamId, [event], {
        expectedVersion: version,
        category: 'contract',
        metadata: {
          recordedAt: new Date(),
          recordedBy: 'older.build',
          correlationId: randomUUID(),
          causationId: null,
        },
      });
    ids.award = randomUUID();
    await append(0, {
      eventId: ids.award,
      type: 'ContractAwarded',
      schemaVersion: 2,
      ...facts,
      occurredAt: '2025-01-01T00:00:00.000Z',
      data: {
        contractId,
        operator: 'Syriatel',
        vendorId: 'huawei',
        vendorName: 'Huawei',
        vendorOrigin: 'CN',
        vendorHighRisk: true,
        domain: 'core',
        generation: '5G',
        units: 60,
        unitKind: 'units',
        value: null,
        financing: null,
        period: { start: '2025-01-01', end: null },
        description: 'Synthetic.',
      },
    });
    ids.correction = randomUUID();
    await append(1, {
      eventId: ids.correction,
      type: ENTRY_CORRECTED,
      schemaVersion: 2,
      ...facts,
      occurredAt: '2025-02-01T00:00:00.000Z',
      data: {
        targetEventId: ids.award,
        targetType: 'ContractAwarded',
        changes: { units: 45 },
        reason: 'Recount.',
      },
    });
    ids.termination = randomUUID();
    await append(2, {
      eventId: ids.termination,
      type: CONTRACT_TERMINATED,
      schemaVersion: 2,
      ...facts,
      occurredAt: '2025-06-01T00:00:00.000Z',
      data: {
        contractId,
        reason: 'Exit.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
      },
    });

    // The event store (what deciders read): v3, worked out from the stream — the corrected units included.
    const history = await store.readStream(streamId);
    expect(history.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['ContractAwarded', 2],
      [ENTRY_CORRECTED, 3],
      [CONTRACT_TERMINATED, 3],
    ]);
    expect(history[1]?.data).toMatchObject({ corrected: { type: 'ContractAwarded', data: { units: 45 } } });
    expect(history[2]?.data).toMatchObject({
      domain: 'core',
      unitKind: 'units',
      removed: [{ vendorId: 'huawei', units: 45 }],
      leftInService: [],
    });
    for (const event of history)
      expect(validateEventData(event.type, event.schemaVersion, event.data)).toEqual({ ok: true });

    // The topic keeps them as stored (v2); the projector reads them through their stream, as for v3 ones.
    const records = await readTopic(engagementTopic(config.kafka.topicPrefix, 'unclassified'), 3, {
      only: (r) => r.event.streamId === streamId,
      distinctBy: (r) => r.event.eventId,
    });
    expect(records.map((r) => r.headers.ce_schemaversion)).toEqual(['2', '2', '2']);
    await awaitProjected(db);
    expect(
      await db.count(`SELECT count(*) AS n FROM registers WHERE stream_id = $1 AND status = 'terminated'`, [
        streamId,
      ]),
    ).toBe(1);
    // The ledger as now known took the corrected 45 units in and the termination took them all out again.
    const holdings = await db.pool.query<{ rows: string; units: string }>(
      'SELECT count(*) AS rows, sum(units_delta) AS units FROM contract_holdings WHERE contract_id = $1 AND known_until IS NULL',
      [contractId],
    );
    expect(Number(holdings.rows[0]?.rows)).toBeGreaterThan(0);
    expect(Number(holdings.rows[0]?.units)).toBe(0);
  });
});
