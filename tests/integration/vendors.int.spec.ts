import { VENDOR_CATALOGUE } from '#domain';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, storedEvent } from '../support/commands.js';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, vendorBody } from '../support/fixtures.js';

const risk = (highRisk: boolean) => ({
  occurredAt: '2025-03-01T00:00:00Z',
  highRisk,
  riskBasis: 'Added to the US Entity List',
});

describe('the vendor registry over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('vendors') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const registrations = () =>
    db.count(`SELECT count(*) AS n FROM events WHERE event_type = 'VendorRegistered'`);

  describe('the catalogue', () => {
    it('is registered at startup by the system, dated when its classifications start', async () => {
      expect(await registrations()).toBe(VENDOR_CATALOGUE.length);
      const { rows } = await db.pool.query(
        `SELECT country, occurred_at, recorded_by, data FROM events WHERE stream_id = 'vendor-huawei'`,
      );
      expect(rows).toEqual([
        expect.objectContaining({
          country: 'CN',
          occurred_at: new Date('2021-03-12T00:00:00Z'),
          recorded_by: 'system',
          data: expect.objectContaining({ vendorId: 'huawei', highRisk: true }),
        }),
      ]);
    });

    it('is registered once when two API processes start at the same time on an empty store', async () => {
      const fresh = await createTestDatabase();
      try {
        const config = testConfig({ databaseUrl: fresh.url, topicPrefix: uniqueName('vendors-race') });
        const both = await Promise.all([
          startApps(config, { pipeline: false }),
          startApps(config, { pipeline: false }),
        ]);
        await Promise.all(both.map((running) => running.close()));
        expect(
          await fresh.count(`SELECT count(*) AS n FROM events WHERE event_type = 'VendorRegistered'`),
        ).toBe(VENDOR_CATALOGUE.length);
        expect(await fresh.count('SELECT count(DISTINCT stream_id) AS n FROM events')).toBe(
          VENDOR_CATALOGUE.length,
        );
      } finally {
        await fresh.drop();
      }
    });

    it('is not registered again by a restarted API', async () => {
      const again = await startApps(
        testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('vendors-again') }),
        {
          pipeline: false,
        },
      );
      await again.close();
      expect(await registrations()).toBe(VENDOR_CATALOGUE.length);
    });

    it('does not stop the API from starting when it cannot be written', async () => {
      const missing = databaseUrl(`demarche_test_missing_${Date.now().toString(36)}`);
      const broken = await startApps(testConfig({ databaseUrl: missing, topicPrefix: uniqueName('no-db') }), {
        pipeline: false,
      });
      try {
        expect((await broken.api.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      } finally {
        await broken.close();
      }
    });

    it('lets contracts name catalogue vendors', async () => {
      expect((await post('/v1/countries/SY/contracts', contractBody({ vendorId: 'zte' }))).status).toBe(201);
    });
  });

  describe('POST /v1/vendors', () => {
    it('registers a vendor under its slug, origin upper-cased', async () => {
      const answer = await post('/v1/vendors', vendorBody({ origin: 'de', riskBasis: 'Not listed' }));
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        entryId: 'acme-radio',
        streamId: 'vendor-acme-radio',
        streamVersion: 1,
      });
      expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
        type: 'VendorRegistered',
        country: 'DE',
        data: {
          vendorId: 'acme-radio',
          name: 'Acme Radio',
          origin: 'DE',
          highRisk: false,
          riskBasis: 'Not listed',
        },
      });
      const contract = await post('/v1/countries/SY/contracts', contractBody({ vendorId: 'acme-radio' }));
      expect(contract.status).toBe(201);
      expect(await storedEvent(db, contract.body.eventId as string)).toMatchObject({
        data: { vendorId: 'acme-radio', vendorName: 'Acme Radio', vendorOrigin: 'DE', vendorHighRisk: false },
      });
    });

    it('refuses to register a vendor twice with 409, writing nothing', async () => {
      const before = await countEvents(db);
      const answer = await post(
        '/v1/vendors',
        vendorBody({ vendorId: 'huawei', name: 'Huawei again', origin: 'CN' }),
      );
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'ALREADY_RECORDED' });
      expect(await countEvents(db)).toBe(before);
    });

    it('names invalid fields with 400', async () => {
      const answer = await post(
        '/v1/vendors',
        vendorBody({ vendorId: 'Acme Radio', origin: 'XX', highRisk: 'no' }),
      );
      expect(answer.status).toBe(400);
      expect(new Set(errorFields(answer.body))).toEqual(new Set(['vendorId', 'origin', 'highRisk']));
    });
  });

  describe('POST /v1/vendors/{id}/risk', () => {
    it('reclassifies a vendor from a date', async () => {
      const answer = await post('/v1/vendors/nokia/risk', risk(true));
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ entryId: 'nokia', streamId: 'vendor-nokia', streamVersion: 2 });
      expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
        type: 'VendorRiskReclassified',
        country: 'FI',
        data: { vendorId: 'nokia', highRisk: true, riskBasis: 'Added to the US Entity List' },
      });
    });

    it('refuses a reclassification that changes nothing with 422 RISK_UNCHANGED', async () => {
      const answer = await post('/v1/vendors/zte/risk', risk(true));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'RISK_UNCHANGED', field: 'highRisk' });
    });

    it('answers 404 for a vendor never registered, 400 for an id that is not a slug', async () => {
      const unknown = await post('/v1/vendors/no-such-vendor/risk', risk(true));
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'VENDOR_NOT_FOUND' });
      const bad = await post('/v1/vendors/Not_A_Slug/risk', risk(true));
      expect(bad.status).toBe(400);
      expect(errorFields(bad.body)).toEqual(['id']);
    });
  });
});
