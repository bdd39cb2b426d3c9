import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { type Recorded, Recorder } from '../support/record.js';

interface Vendor {
  vendorId: string;
  highRisk: boolean;
  amount: number;
  sharePercent: number;
}
interface Metrics {
  domain: string;
  total: number;
  vendorCount: number;
  vendors: Vendor[];
  highRiskSharePercent: number;
  hhi: number;
  band: string | null;
  highRiskInCore: boolean;
}
interface Report {
  country: string;
  asOf: string;
  basis: string;
  currency: string | null;
  overall: Metrics;
  domains: Metrics[];
}
interface Point {
  at: string;
  highRiskSharePercent: number;
  hhi: number;
  band: string | null;
  vendorCount: number;
  highRiskInCore: boolean;
  preceding: Array<{ eventId: string; eventType: string; occurredAt: string; headline: string }> | null;
}

const SYNTHETIC = 'synthetic-transport';
const LATE = 'synthetic-late';
const USD = (amount: number) => ({ amount, currency: 'USD' });

/**
 * Syria (all figures synthetic): who holds the RAN, core and transport equipment, and how that moves.
 *
 *   2023-01-01  C1  RAN        Huawei    600 sites  60M USD
 *   2023-02-01  C6  transport  Synthetic  40 units   8M USD   (not high-risk until 2024-09-01)
 *   2023-02-15  C7  transport  Nokia      60 units  12M USD
 *   2023-03-01  C4  core       ZTE        50 units  20M USD   terminated 2025-01-01
 *   2023-06-01  C2  RAN        Ericsson  300 sites  36M USD
 *   2024-01-01  C3  RAN        Nokia     100 sites  10M USD
 *   2024-06-01  C1  200 Huawei sites replaced by Ericsson (value moves pro rata: 20M)
 *   2024-09-01      Synthetic reclassified high-risk
 *   2024-10-01  C5  core       Ericsson   30 units  15M USD
 *
 * Every event at 09:00 UTC. Engagements: meeting 2023-03-01 (M0), meeting 2024-03-10 (M1), incentive offer
 * 2024-04-15 (O1), meeting 2024-05-01 (M2, retracted), country response 2024-05-20 (R1), technical support
 * committed 2024-08-01 (T1) with a milestone 2024-08-20.
 */
describe('vendor dependency from the contract ledger', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let record: Recorder;
  const e: Record<string, Recorded> = {};
  let milestoneEventId: string;

  async function get(url: string) {
    const response = await apps.api.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json(), type: response.headers['content-type'] };
  }

  async function dependency(country: string, query = ''): Promise<Report> {
    const { status, body } = await get(`/v1/countries/${country}/dependency${query}`);
    expect(status).toBe(200);
    return body;
  }

  async function history(
    country: string,
    query = '',
  ): Promise<{ points: Point[] } & Record<string, unknown>> {
    const { status, body } = await get(`/v1/countries/${country}/dependency/history${query}`);
    expect(status).toBe(200);
    return body;
  }

  const at = (day: string) => `${day}T09:00:00Z`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('dependency');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    record = new Recorder(db, topicPrefix);

    await record.registerCatalogueVendors(['huawei', 'zte', 'ericsson', 'nokia']);
    await record.registerVendor(
      {
        vendorId: SYNTHETIC,
        name: 'Synthetic Transport Co.',
        origin: 'AE',
        highRisk: false,
        riskBasis: null,
      },
      '2022-01-01T00:00:00Z',
    );

    const c1 = await record.awardContract('SY', {
      occurredAt: at('2023-01-01'),
      domain: 'ran',
      vendorId: 'huawei',
      units: 600,
      value: USD(60_000_000),
    });
    await record.awardContract('SY', {
      occurredAt: at('2023-02-01'),
      domain: 'transport',
      vendorId: SYNTHETIC,
      units: 40,
      value: USD(8_000_000),
    });
    await record.awardContract('SY', {
      occurredAt: at('2023-02-15'),
      domain: 'transport',
      vendorId: 'nokia',
      units: 60,
      value: USD(12_000_000),
    });
    const c4 = await record.awardContract('SY', {
      occurredAt: at('2023-03-01'),
      domain: 'core',
      vendorId: 'zte',
      units: 50,
      value: USD(20_000_000),
    });
    await record.awardContract('SY', {
      occurredAt: at('2023-06-01'),
      domain: 'ran',
      vendorId: 'ericsson',
      units: 300,
      value: USD(36_000_000),
    });
    await record.awardContract('SY', {
      occurredAt: at('2024-01-01'),
      domain: 'ran',
      vendorId: 'nokia',
      units: 100,
      value: USD(10_000_000),
    });
    await record.replaceEquipment(c1.id, {
      occurredAt: at('2024-06-01'),
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 200,
    });
    await record.reclassifyVendor(SYNTHETIC, true, '2024-09-01T00:00:00Z');
    await record.awardContract('SY', {
      occurredAt: at('2024-10-01'),
      domain: 'core',
      vendorId: 'ericsson',
      units: 30,
      value: USD(15_000_000),
    });
    await record.terminateContract(c4.id, at('2025-01-01'));

    e.M0 = await record.meeting('SY', '2023-03-01T10:00:00Z');
    e.M1 = await record.meeting('SY', '2024-03-10T10:00:00Z');
    e.O1 = await record.offerIncentive('SY', '2024-04-15T10:00:00Z');
    e.M2 = await record.meeting('SY', '2024-05-01T10:00:00Z');
    await record.retract(e.M2);
    e.R1 = await record.observeResponse('SY', 'receptive', '2024-05-20T10:00:00Z');
    e.T1 = await record.commitSupport('SY', '2024-08-01T10:00:00Z');
    milestoneEventId = await record.deliverMilestone(e.T1.id, '2024-08-20T10:00:00Z');

    // Iraq: values in two currencies. Yemen: a vendor whose only classification postdates its contract.
    await record.awardContract('IQ', {
      occurredAt: at('2023-05-01'),
      domain: 'ran',
      vendorId: 'huawei',
      units: 10,
      value: USD(1_000_000),
    });
    await record.awardContract('IQ', {
      occurredAt: at('2023-05-01'),
      domain: 'core',
      vendorId: 'nokia',
      units: 5,
      value: { amount: 500_000, currency: 'EUR' },
    });
    await record.registerVendor(
      { vendorId: LATE, name: 'Synthetic Late Co.', origin: 'CN', highRisk: true, riskBasis: 'Synthetic' },
      '2024-01-01T00:00:00Z',
    );
    await record.awardContract('YE', {
      occurredAt: at('2023-01-01'),
      domain: 'ran',
      vendorId: LATE,
      units: 20,
    });

    await record.awaitProjected();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  describe('GET /v1/countries/{country}/dependency', () => {
    it('is empty before any contract', async () => {
      const report = await dependency('SY', '?asOf=2022-12-31');
      expect(report).toMatchObject({ country: 'SY', asOf: '2022-12-31T23:59:59.999Z', basis: 'units' });
      expect(report.overall).toMatchObject({
        domain: 'all',
        total: 0,
        vendorCount: 0,
        vendors: [],
        highRiskSharePercent: 0,
        hhi: 0,
        band: null,
        highRiskInCore: false,
      });
      expect(report.domains).toEqual([]);
    });

    it('measures each domain and the whole network at the end of 2023', async () => {
      const report = await dependency('SY', '?asOf=2023-12-31');
      // All: Huawei 600, Ericsson 300, Nokia 60, ZTE 50, Synthetic 40 = 1050.
      //   High-risk (Huawei + ZTE) 650/1050 = 61.90 %.
      //   HHI = (600² + 300² + 60² + 50² + 40²) / 1050² × 10,000 = 457,700 / 1,102,500 × 10,000 = 4151.47 → 4151.
      expect(report.overall).toMatchObject({
        total: 1050,
        vendorCount: 5,
        highRiskSharePercent: 61.9,
        hhi: 4151,
        band: 'high',
        highRiskInCore: true,
      });
      expect(report.overall.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
        ['huawei', 600, 57.14],
        ['ericsson', 300, 28.57],
        ['nokia', 60, 5.71],
        ['zte', 50, 4.76],
        [SYNTHETIC, 40, 3.81],
      ]);
      // RAN: Huawei 600, Ericsson 300 → 66.67 / 33.33 %; HHI 4444.44 + 1111.11 = 5555.56 → 5556.
      // Core: ZTE 50 alone → 100 %, HHI 10,000. Transport: Synthetic 40, Nokia 60 → 0 % high-risk, HHI 5200.
      expect(report.domains.map((d) => [d.domain, d.total, d.highRiskSharePercent, d.hhi, d.band])).toEqual([
        ['ran', 900, 66.67, 5556, 'high'],
        ['core', 50, 100, 10000, 'high'],
        ['transport', 100, 0, 5200, 'high'],
      ]);
    });

    it('counts a replacement from the moment it happened (a bare asOf date is the end of that day)', async () => {
      // Before: RAN Huawei 600, Ericsson 300, Nokia 100 → 60 % high-risk; HHI 3600 + 900 + 100 = 4600.
      const before = await dependency('SY', '?domain=ran&asOf=2024-06-01T08:59:59Z');
      expect(before.overall).toMatchObject({
        domain: 'ran',
        total: 1000,
        highRiskSharePercent: 60,
        hhi: 4600,
      });
      expect((await dependency('SY', '?domain=ran&asOf=2024-05-31')).overall.highRiskSharePercent).toBe(60);
      // After 200 sites went to Ericsson: Huawei 400, Ericsson 500, Nokia 100 → 40 %; HHI 1600 + 2500 + 100 = 4200.
      const after = await dependency('SY', '?domain=ran&asOf=2024-06-01');
      expect(after.asOf).toBe('2024-06-01T23:59:59.999Z');
      expect(after.overall).toMatchObject({
        domain: 'ran',
        total: 1000,
        vendorCount: 3,
        highRiskSharePercent: 40,
        hhi: 4200,
        band: 'high',
        highRiskInCore: false,
      });
      expect(after.overall.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent, v.highRisk])).toEqual([
        ['ericsson', 500, 50, false],
        ['huawei', 400, 40, true],
        ['nokia', 100, 10, false],
      ]);
      // With a domain asked for, `domains` holds just that one and `overall` is it.
      expect(after.domains).toEqual([after.overall]);
      // Whole network after the replacement: Huawei 400 + ZTE 50 of 1150 = 39.13 %;
      // HHI (400² + 500² + 160² + 50² + 40²) / 1150² × 10,000 = 439,700 / 1,322,500 × 10,000 = 3324.76 → 3325.
      expect((await dependency('SY', '?asOf=2024-06-01')).overall).toMatchObject({
        total: 1150,
        highRiskSharePercent: 39.13,
        hhi: 3325,
      });
    });

    it('applies a reclassification only from its date on', async () => {
      // Transport: Synthetic 40 of 100. Not high-risk on 31 August, high-risk from 1 September 2024.
      const august = await dependency('SY', '?domain=transport&asOf=2024-08-31');
      expect(august.overall).toMatchObject({ highRiskSharePercent: 0, hhi: 5200, vendorCount: 2 });
      expect(august.overall.vendors.find((v) => v.vendorId === SYNTHETIC)?.highRisk).toBe(false);
      const september = await dependency('SY', '?domain=transport&asOf=2024-09-01');
      expect(september.overall).toMatchObject({ highRiskSharePercent: 40, hhi: 5200, vendorCount: 2 });
      expect(september.overall.vendors.find((v) => v.vendorId === SYNTHETIC)?.highRisk).toBe(true);
      // Whole network: (400 + 50) / 1150 = 39.13 % → (400 + 50 + 40) / 1150 = 42.61 %.
      expect((await dependency('SY', '?asOf=2024-08-31')).overall.highRiskSharePercent).toBe(39.13);
      expect((await dependency('SY', '?asOf=2024-09-01')).overall.highRiskSharePercent).toBe(42.61);
    });

    it('sees a high-risk vendor in the core until its contract is terminated', async () => {
      // Core, 2024-12-31: ZTE 50, Ericsson 30 → 62.5 % high-risk; HHI 3906.25 + 1406.25 = 5312.5 → 5313.
      const december = await dependency('SY', '?domain=core&asOf=2024-12-31');
      expect(december.overall).toMatchObject({
        total: 80,
        highRiskSharePercent: 62.5,
        hhi: 5313,
        highRiskInCore: true,
      });
      // Core, 2025-01-01: the ZTE contract nets to zero → Ericsson 30 alone.
      const january = await dependency('SY', '?domain=core&asOf=2025-01-01');
      expect(january.overall).toMatchObject({
        total: 30,
        vendorCount: 1,
        highRiskSharePercent: 0,
        hhi: 10000,
        band: 'high',
        highRiskInCore: false,
      });
    });

    it('answers for now by default, per domain and overall', async () => {
      const report = await dependency('SY');
      expect(Date.now() - Date.parse(report.asOf)).toBeLessThan(60_000);
      // All: Ericsson 530, Huawei 400, Nokia 160, Synthetic 40 = 1130. High-risk (Huawei + Synthetic) 440/1130
      // = 38.94 %; HHI (530² + 400² + 160² + 40²) / 1130² × 10,000 = 468,100 / 1,276,900 × 10,000 = 3665.9 → 3666.
      expect(report.overall).toMatchObject({
        total: 1130,
        vendorCount: 4,
        highRiskSharePercent: 38.94,
        hhi: 3666,
        band: 'high',
        highRiskInCore: false,
      });
      expect(report.overall.vendors.map((v) => [v.vendorId, v.sharePercent])).toEqual([
        ['ericsson', 46.9],
        ['huawei', 35.4],
        ['nokia', 14.16],
        [SYNTHETIC, 3.54],
      ]);
      expect(report.domains.map((d) => [d.domain, d.highRiskSharePercent, d.hhi, d.highRiskInCore])).toEqual([
        ['ran', 40, 4200, false],
        ['core', 0, 10000, false],
        ['transport', 40, 5200, false],
      ]);
    });

    it('measures contract value on the value basis', async () => {
      // Ericsson 20M (moved from Huawei) + 36M + 15M = 71M, Huawei 40M, Nokia 10M + 12M = 22M, Synthetic 8M:
      // 141M. High-risk (Huawei + Synthetic) 48/141 = 34.04 %;
      // HHI (71² + 40² + 22² + 8²) / 141² × 10,000 = 7189 / 19,881 × 10,000 = 3616.03 → 3616.
      const report = await dependency('SY', '?basis=value&asOf=2025-06-30');
      expect(report).toMatchObject({ basis: 'value', currency: 'USD' });
      expect(report.overall).toMatchObject({
        basis: 'value',
        total: 141_000_000,
        highRiskSharePercent: 34.04,
        hhi: 3616,
        band: 'high',
      });
      expect(report.overall.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
        ['ericsson', 71_000_000, 50.35],
        ['huawei', 40_000_000, 28.37],
        ['nokia', 22_000_000, 15.6],
        [SYNTHETIC, 8_000_000, 5.67],
      ]);
      // RAN by value: Ericsson 56M, Huawei 40M, Nokia 10M of 106M → 37.74 %;
      // HHI (56² + 40² + 10²) / 106² × 10,000 = 4836 / 11,236 × 10,000 = 4304.02 → 4304.
      const ran = await dependency('SY', '?basis=value&domain=ran&asOf=2025-06-30');
      expect(ran.overall).toMatchObject({ total: 106_000_000, highRiskSharePercent: 37.74, hhi: 4304 });
    });

    it('refuses to add values in different currencies with 422, but measures each domain alone', async () => {
      const mixed = await get('/v1/countries/IQ/dependency?basis=value');
      expect(mixed.status).toBe(422);
      expect(mixed.type).toMatch(/^application\/problem\+json/);
      expect(mixed.body).toMatchObject({ code: 'MIXED_CURRENCIES', currencies: ['EUR', 'USD'] });
      const ran = await dependency('IQ', '?basis=value&domain=ran');
      expect(ran).toMatchObject({ currency: 'USD' });
      expect(ran.overall).toMatchObject({ total: 1_000_000, highRiskSharePercent: 100, hhi: 10000 });
      // Units never mix: Huawei 10, Nokia 5 → 66.67 %; HHI (100 + 25) / 225 × 10,000 = 5555.56 → 5556.
      expect((await dependency('IQ')).overall).toMatchObject({ highRiskSharePercent: 66.67, hhi: 5556 });
    });

    it('uses the earliest classification for dates before a vendor was classified', async () => {
      const report = await dependency('YE', '?asOf=2023-06-30');
      expect(report.overall).toMatchObject({ total: 20, highRiskSharePercent: 100 });
      expect(report.overall.vendors).toEqual([expect.objectContaining({ vendorId: LATE, highRisk: true })]);
    });

    it.each([
      ['?basis=sites', 'basis'],
      ['?domain=radio', 'domain'],
      ['?asOf=last-week', 'asOf'],
      ['?asOf=2024-02-30', 'asOf'],
      ['?unknown=1', 'unknown'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      const { status, type, body } = await get(`/v1/countries/SY/dependency${query}`);
      expect(status).toBe(400);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(body.errors.map((x: { field: string }) => x.field)).toEqual([field]);
    });

    it('refuses a country that is not an ISO code', async () => {
      const { status, body } = await get('/v1/countries/S1/dependency');
      expect(status).toBe(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'country' })]);
    });
  });

  describe('GET /v1/countries/{country}/dependency/history', () => {
    const monthEnds2024 = [
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
      '2024-11-30',
      '2024-12-31',
    ].map((d) => `${d}T23:59:59.999Z`);

    it('measures every month end and lists the engagements that preceded each move', async () => {
      const series = await history('SY', '?from=2024-01-01&to=2024-12-31');
      expect(series).toMatchObject({
        country: 'SY',
        from: '2024-01-01',
        to: '2024-12-31',
        interval: 'month',
        basis: 'units',
        domain: 'all',
        lookbackDays: 365,
      });
      expect(series.points.map((p) => p.at)).toEqual(monthEnds2024);
      // Jan–May: (600 + 50) / 1150 = 56.52 %, HHI 479,700 / 1,322,500 × 10,000 = 3627.22 → 3627.
      // Jun–Aug: the replacement → 39.13 %, HHI 3325. Sep: Synthetic high-risk → (400 + 50 + 40) / 1150 = 42.61 %.
      // Oct–Dec: Ericsson core 30 → 490 / 1180 = 41.53 %; HHI (400² + 530² + 160² + 50² + 40²) / 1180² × 10,000
      //   = 470,600 / 1,392,400 × 10,000 = 3379.78 → 3380.
      expect(
        series.points.map((p) => [p.highRiskSharePercent, p.hhi, p.band, p.vendorCount, p.highRiskInCore]),
      ).toEqual([
        ...Array(5).fill([56.52, 3627, 'high', 5, true]),
        ...Array(3).fill([39.13, 3325, 'high', 5, true]),
        [42.61, 3325, 'high', 5, true],
        ...Array(3).fill([41.53, 3380, 'high', 5, true]),
      ]);
      expect(
        series.points.map((p) => (p.preceding === null ? null : p.preceding.map((x) => x.eventId))),
      ).toEqual([
        null,
        null,
        null,
        null,
        null,
        // June: the year before (after 2023-07-01), newest first; not the retracted meeting M2, not the contract
        // events, not the meeting of March 2023 (beyond the 365-day lookback).
        [e.R1?.eventId, e.O1?.eventId, e.M1?.eventId],
        null,
        null,
        // September: only what came after the June move.
        [milestoneEventId, e.T1?.eventId],
        // October: a move with no engagement since September.
        [],
        null,
        null,
      ]);
      expect(series.points[5]?.preceding?.map((p) => [p.eventType, p.occurredAt])).toEqual([
        ['CountryResponseObserved', '2024-05-20T10:00:00.000Z'],
        ['IncentiveOffered', '2024-04-15T10:00:00.000Z'],
        ['EnvoyMeetingHeld', '2024-03-10T10:00:00.000Z'],
      ]);
      expect(series.points[5]?.preceding?.[2]?.headline).toBe(
        'Envoy meeting in Capital with Ministry of Communications',
      );
    });

    it('looks back no further than lookbackDays', async () => {
      const series = await history('SY', '?from=2024-01-01&to=2024-12-31&lookbackDays=30');
      expect(series.points.map((p) => p.preceding)).toEqual([
        null,
        null,
        null,
        null,
        null,
        [],
        null,
        null,
        [],
        [],
        null,
        null,
      ]);
    });

    it('ends with `to` itself when it is not a month end, and follows one domain', async () => {
      const series = await history('SY', '?from=2024-04-01&to=2024-06-15&domain=ran');
      expect(series.points.map((p) => [p.at, p.highRiskSharePercent, p.hhi])).toEqual([
        ['2024-04-30T23:59:59.999Z', 60, 4600],
        ['2024-05-31T23:59:59.999Z', 60, 4600],
        ['2024-06-15T23:59:59.999Z', 40, 4200],
      ]);
      expect(series.points[2]?.preceding?.map((p) => p.eventId)).toEqual([
        e.R1?.eventId,
        e.O1?.eventId,
        e.M1?.eventId,
      ]);
    });

    it('defaults to the 36 months up to today', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const series = await history('SY');
      expect(series.to).toBe(today);
      expect(series.points).toHaveLength(37);
      expect(series.points.at(-1)).toMatchObject({
        at: `${today}T23:59:59.999Z`,
        highRiskSharePercent: 38.94,
      });
    });

    it.each([
      ['?from=2000-01-01&to=2024-12-31', 'from'],
      ['?from=2024-06-01&to=2024-01-01', 'from'],
      ['?from=2024-01-01T00:00:00Z', 'from'],
      ['?interval=week', 'interval'],
      ['?lookbackDays=0', 'lookbackDays'],
      ['?basis=subscribers', 'basis'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      const { status, body } = await get(`/v1/countries/SY/dependency/history${query}`);
      expect(status).toBe(400);
      expect(body.errors.map((x: { field: string }) => x.field)).toContain(field);
    });
  });
});
