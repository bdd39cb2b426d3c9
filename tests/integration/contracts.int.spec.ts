import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, recorded, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody } from '../support/fixtures.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('telecom contracts over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('contracts') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const award = () => recorded(apps.api, '/v1/countries/SY/contracts', contractBody());
  const replacement = (overrides: Record<string, unknown> = {}) => ({
    occurredAt: '2026-01-15T00:00:00Z',
    fromVendorId: 'huawei',
    toVendorId: 'ericsson',
    units: 300,
    note: 'First phase of the RAN swap.',
    ...overrides,
  });

  describe('POST /v1/countries/{country}/contracts', () => {
    it('awards a contract to a catalogue vendor, snapshotting the registry', async () => {
      const answer = await post('/v1/countries/SY/contracts', contractBody());
      expect(answer.status).toBe(201);
      const { entryId, eventId } = answer.body as { entryId: string; eventId: string };
      expect(answer.body).toMatchObject({ streamId: `contract-${entryId}`, streamVersion: 1 });
      expect(await storedEvent(db, eventId)).toMatchObject({
        type: 'ContractAwarded',
        country: 'SY',
        data: {
          contractId: entryId,
          operator: 'Syriatel',
          vendorId: 'huawei',
          vendorName: 'Huawei',
          vendorOrigin: 'CN',
          vendorHighRisk: true,
          domain: 'ran',
          units: 1_000,
          period: { start: '2025-06-01', end: '2030-05-31' },
        },
      });
    });

    it('refuses a vendor the registry does not know with 422 UNKNOWN_VENDOR, writing nothing', async () => {
      const before = await countEvents(db);
      const answer = await post('/v1/countries/SY/contracts', contractBody({ vendorId: 'no-such-vendor' }));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'UNKNOWN_VENDOR', field: 'vendorId' });
      expect(await countEvents(db)).toBe(before);
    });

    it('names invalid fields with 400', async () => {
      const answer = await post(
        '/v1/countries/SY/contracts',
        contractBody({
          units: 0,
          domain: 'kitchen',
          vendorId: 'Huawei Tech',
          value: { amount: '-1', currency: 'USD' },
        }),
      );
      expect(answer.status).toBe(400);
      expect(new Set(errorFields(answer.body))).toEqual(
        new Set(['units', 'domain', 'vendorId', 'value.amount']),
      );
    });
  });

  describe('amendments, replacements and termination', () => {
    it('amends only the terms named', async () => {
      const { entryId } = await award();
      const answer = await post(`/v1/contracts/${entryId}/amend`, {
        occurredAt: '2025-12-01T00:00:00Z',
        changes: { units: 1_200, period: { start: '2025-06-01', end: '2031-05-31' } },
        reason: 'Extension to the north.',
      });
      expect(answer.status).toBe(201);
      const stored = await storedEvent(db, answer.body.eventId as string);
      expect(stored).toMatchObject({ type: 'ContractAmended', streamVersion: 2 });
      expect(stored?.data).toEqual({
        contractId: entryId,
        changes: { units: 1_200, period: { start: '2025-06-01', end: '2031-05-31' } },
        unitsVendorId: null,
        reason: 'Extension to the north.',
      });
    });

    it('replaces equipment with a registered vendor, snapshotting it', async () => {
      const { entryId } = await award();
      const answer = await post(`/v1/contracts/${entryId}/replace`, replacement());
      expect(answer.status).toBe(201);
      expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
        type: 'EquipmentReplaced',
        data: {
          contractId: entryId,
          fromVendorId: 'huawei',
          to: { vendorId: 'ericsson', vendorName: 'Ericsson', vendorOrigin: 'SE', vendorHighRisk: false },
          units: 300,
          value: null,
        },
      });
    });

    it('refuses to replace more units than the vendor holds with 422 NOT_ENOUGH_UNITS', async () => {
      const { entryId } = await award();
      const before = await countEvents(db);
      const answer = await post(`/v1/contracts/${entryId}/replace`, replacement({ units: 1_001 }));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'NOT_ENOUGH_UNITS', available: 1_000 });
      expect(await countEvents(db)).toBe(before);
    });

    it('refuses a replacement vendor the registry does not know with 422 naming toVendorId', async () => {
      const { entryId } = await award();
      const answer = await post(`/v1/contracts/${entryId}/replace`, replacement({ toVendorId: 'acme' }));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'UNKNOWN_VENDOR', field: 'toVendorId' });
    });

    it('terminates a contract, which then takes no amendment: 409 naming the state, nothing written', async () => {
      const { entryId } = await award();
      const terminated = await post(`/v1/contracts/${entryId}/terminate`, {
        occurredAt: '2026-01-01T00:00:00Z',
        reason: 'Regulator revoked the licence.',
        equipment: 'decommissioned',
      });
      expect(terminated.status).toBe(201);
      expect(await storedEvent(db, terminated.body.eventId as string)).toMatchObject({
        type: 'ContractTerminated',
        data: {
          contractId: entryId,
          reason: 'Regulator revoked the licence.',
          equipment: 'decommissioned',
          swappedInEquipment: 'in-service',
        },
      });

      const before = await countEvents(db);
      const amend = await post(`/v1/contracts/${entryId}/amend`, {
        occurredAt: '2026-02-01T00:00:00Z',
        changes: { units: 10 },
        reason: 'Too late.',
      });
      expect(amend.status).toBe(409);
      expect(amend.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'terminated' });
      expect(await countEvents(db)).toBe(before);
    });

    it('refuses a termination that does not say what happens to the equipment, naming the field', async () => {
      const { entryId } = await award();
      const before = await countEvents(db);
      const answer = await post(`/v1/contracts/${entryId}/terminate`, {
        occurredAt: '2026-01-01T00:00:00Z',
        reason: 'Regulator revoked the licence.',
        swappedInEquipment: 'scrapped',
      });
      expect(answer.status).toBe(400);
      expect(errorFields(answer.body).sort()).toEqual(['equipment', 'swappedInEquipment']);
      expect(await countEvents(db)).toBe(before);
    });

    it('answers 404 for a contract never awarded', async () => {
      const answer = await post(`/v1/contracts/${UNKNOWN_ID}/terminate`, {
        occurredAt: '2026-01-01T00:00:00Z',
        reason: 'x',
        equipment: 'decommissioned',
      });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'CONTRACT_NOT_FOUND' });
    });

    it('refuses a malformed id and malformed changes with 400', async () => {
      const badId = await post('/v1/contracts/123/terminate', {
        occurredAt: '2026-01-01T00:00:00Z',
        reason: 'x',
        equipment: 'decommissioned',
      });
      expect(badId.status).toBe(400);
      expect(errorFields(badId.body)).toEqual(['id']);

      const badChanges = await post(`/v1/contracts/${UNKNOWN_ID}/amend`, {
        occurredAt: '2026-01-01T00:00:00Z',
        changes: { units: 2.5, vendorId: 'zte' },
        reason: 'x',
      });
      expect(badChanges.status).toBe(400);
      expect(new Set(errorFields(badChanges.body))).toEqual(new Set(['changes.units', 'changes.vendorId']));
    });
  });
});
