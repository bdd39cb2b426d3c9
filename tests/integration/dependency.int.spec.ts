import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { type Recorded, Recorder } from '../support/record.js';

/** Money as the API answers it. */
interface MoneyView {
  amount: string;
  minor: string;
  currency: string;
}
interface Vendor {
  vendorId: string;
  highRisk: boolean | null;
  /** A count on the units basis; money on the value basis. */
  amount: number | MoneyView;
  sharePercent: number;
}
interface Metrics {
  domain: string;
  unitKind: string | null;
  currency: string | null;
  total: number | MoneyView;
  vendorCount: number;
  vendors: Vendor[];
  highRiskSharePercent: number;
  unknownRiskSharePercent: number;
  hhi: number;
  band: string | null;
  highRiskInCore: boolean;
}
interface Report {
  country: string;
  asOf: string;
  knownAt: string;
  basis: string;
  riskList: string;
  domain: string;
  figures: Metrics[];
  domains: Metrics[];
}
interface Entry {
  eventId: string;
  eventType: string;
  occurredAt: string;
  headline: string;
}
interface Move {
  at: string;
  causes: Array<{ kind: string; eventId: string; eventType: string; effect?: string; vendorId?: string }>;
  before: { highRiskSharePercent: number; hhi: number };
  after: { highRiskSharePercent: number; hhi: number };
  preceding: { ours: Entry[]; country: Entry[]; rivals: Entry[] } | null;
}
interface Point {
  at: string;
  total: number;
  highRiskSharePercent: number;
  unknownRiskSharePercent: number;
  hhi: number;
  band: string | null;
  vendorCount: number;
  highRiskInCore: boolean;
  moves: Move[];
}
interface Series {
  domain: string;
  unitKind: string | null;
  currency: string | null;
  points: Point[];
}

const SYNTHETIC = 'synthetic-transport';
const LATE = 'synthetic-late';
/** Whole US dollars as events hold them, in cents. */
const USD = (dollars: number) => ({ minor: `${dollars}00`, currency: 'USD' });
/** Whole dollars or euros as the API answers them on the value basis. */
const money = (whole: number, currency = 'USD') => ({ amount: `${whole}.00`, minor: `${whole}00`, currency });

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
 * Every event at 09:00 UTC; equipment counts from the start of the award day (period.start). RAN contracts are
 * counted in sites, the others in units: two figures, never one sum. Engagements: meeting 2023-03-01 (M0),
 * meeting 2024-03-10 (M1), incentive offer 2024-04-15 (O1), meeting 2024-05-01 (M2, retracted), country
 * response 2024-05-20 (R1), meeting 2024-06-20 (M3), technical support committed 2024-08-01 (T1) with a
 * milestone 2024-08-20.
 */
describe('vendor dependency from the contract ledger', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let record: Recorder;
  const e: Record<string, Recorded> = {};
  let milestoneEventId: string;
  let replacementEventId: string;
  let reclassificationEventId: string;

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
  ): Promise<{ series: Series[] } & Record<string, unknown>> {
    const { status, body } = await get(`/v1/countries/${country}/dependency/history${query}`);
    expect(status).toBe(200);
    return body;
  }

  const at = (day: string) => `${day}T09:00:00Z`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('dependency');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    record = new Recorder(db, apps.api);

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
    replacementEventId = await record.replaceEquipment(c1.id, {
      occurredAt: at('2024-06-01'),
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 200,
    });
    reclassificationEventId = await record.reclassifyVendor(SYNTHETIC, true, '2024-09-01T00:00:00Z');
    e.C5 = await record.awardContract('SY', {
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
    // After the June replacement: never listed as preceding it.
    e.M3 = await record.meeting('SY', '2024-06-20T10:00:00Z');

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
      value: { minor: '50000000', currency: 'EUR' },
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

  const figure = (report: Report, unitKind: string) => report.figures.find((f) => f.unitKind === unitKind);

  describe('GET /v1/countries/{country}/dependency', () => {
    it('is empty before any contract', async () => {
      const report = await dependency('SY', '?asOf=2022-12-31');
      expect(report).toMatchObject({
        country: 'SY',
        asOf: '2022-12-31T23:59:59.999Z',
        basis: 'units',
        riskList: 'asOf',
        domain: 'all',
      });
      expect(report.figures).toEqual([]);
      expect(report.domains).toEqual([]);
    });

    it('measures each domain and the whole network at the end of 2023, sites and units apart', async () => {
      const report = await dependency('SY', '?asOf=2023-12-31');
      // Sites (RAN): Huawei 600, Ericsson 300 = 900. High-risk 600/900 = 66.67 %;
      //   HHI (600² + 300²) / 900² × 10,000 = 450,000 / 810,000 × 10,000 = 5555.56 → 5556.
      // Units (core + transport): Nokia 60, ZTE 50, Synthetic 40 = 150. High-risk (ZTE) 50/150 = 33.33 %;
      //   HHI (60² + 50² + 40²) / 150² × 10,000 = 7,700 / 22,500 × 10,000 = 3422.22 → 3422.
      expect(
        report.figures.map((f) => [f.domain, f.unitKind, f.total, f.highRiskSharePercent, f.hhi]),
      ).toEqual([
        ['all', 'sites', 900, 66.67, 5556],
        ['all', 'units', 150, 33.33, 3422],
      ]);
      expect(figure(report, 'units')).toMatchObject({ vendorCount: 3, band: 'high', highRiskInCore: true });
      expect(figure(report, 'units')?.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
        ['nokia', 60, 40],
        ['zte', 50, 33.33],
        [SYNTHETIC, 40, 26.67],
      ]);
      // Core: ZTE 50 alone → 100 %, HHI 10,000. Transport: Synthetic 40, Nokia 60 → 0 % high-risk, HHI 5200.
      expect(
        report.domains.map((d) => [d.domain, d.unitKind, d.total, d.highRiskSharePercent, d.hhi, d.band]),
      ).toEqual([
        ['ran', 'sites', 900, 66.67, 5556, 'high'],
        ['core', 'units', 50, 100, 10000, 'high'],
        ['transport', 'units', 100, 0, 5200, 'high'],
      ]);
    });

    it('counts a replacement from the moment it happened (a bare asOf date is the end of that day)', async () => {
      // Before: RAN Huawei 600, Ericsson 300, Nokia 100 → 60 % high-risk; HHI 3600 + 900 + 100 = 4600.
      const before = await dependency('SY', '?domain=ran&asOf=2024-06-01T08:59:59Z');
      expect(before.figures).toEqual([
        expect.objectContaining({
          domain: 'ran',
          unitKind: 'sites',
          total: 1000,
          highRiskSharePercent: 60,
          hhi: 4600,
        }),
      ]);
      expect((await dependency('SY', '?domain=ran&asOf=2024-05-31')).figures[0]?.highRiskSharePercent).toBe(
        60,
      );
      // After 200 sites went to Ericsson: Huawei 400, Ericsson 500, Nokia 100 → 40 %; HHI 1600 + 2500 + 100 = 4200.
      const after = await dependency('SY', '?domain=ran&asOf=2024-06-01');
      expect(after.asOf).toBe('2024-06-01T23:59:59.999Z');
      expect(after.figures[0]).toMatchObject({
        domain: 'ran',
        total: 1000,
        vendorCount: 3,
        highRiskSharePercent: 40,
        unknownRiskSharePercent: 0,
        hhi: 4200,
        band: 'high',
        highRiskInCore: false,
      });
      expect(
        after.figures[0]?.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent, v.highRisk]),
      ).toEqual([
        ['ericsson', 500, 50, false],
        ['huawei', 400, 40, true],
        ['nokia', 100, 10, false],
      ]);
      // With a domain asked for, `domains` holds just its figures.
      expect(after.domains).toEqual(after.figures);
    });

    it('applies a reclassification only from its date on (riskList=asOf, the default)', async () => {
      // Transport: Synthetic 40 of 100. Not high-risk on 31 August, high-risk from 1 September 2024.
      const august = await dependency('SY', '?domain=transport&asOf=2024-08-31');
      expect(august.figures[0]).toMatchObject({ highRiskSharePercent: 0, hhi: 5200, vendorCount: 2 });
      expect(august.figures[0]?.vendors.find((v) => v.vendorId === SYNTHETIC)?.highRisk).toBe(false);
      const september = await dependency('SY', '?domain=transport&asOf=2024-09-01');
      expect(september.figures[0]).toMatchObject({ highRiskSharePercent: 40, hhi: 5200, vendorCount: 2 });
      // Units, whole network: ZTE 50 of 150 = 33.33 % → (50 + 40) / 150 = 60 %.
      expect(figure(await dependency('SY', '?asOf=2024-08-31'), 'units')?.highRiskSharePercent).toBe(33.33);
      expect(figure(await dependency('SY', '?asOf=2024-09-01'), 'units')?.highRiskSharePercent).toBe(60);
    });

    it('applies today’s flags to any date with riskList=current', async () => {
      // August 2024 under today's list: Synthetic counts as high-risk already → (50 + 40) / 150 = 60 %.
      const report = await dependency('SY', '?asOf=2024-08-31&riskList=current');
      expect(report.riskList).toBe('current');
      expect(figure(report, 'units')?.highRiskSharePercent).toBe(60);
    });

    it('sees a high-risk vendor in the core until its contract is terminated', async () => {
      // Core, 2024-12-31: ZTE 50, Ericsson 30 → 62.5 % high-risk; HHI 3906.25 + 1406.25 = 5312.5 → 5313.
      const december = await dependency('SY', '?domain=core&asOf=2024-12-31');
      expect(december.figures[0]).toMatchObject({
        total: 80,
        highRiskSharePercent: 62.5,
        hhi: 5313,
        highRiskInCore: true,
      });
      // Core, 2025-01-01: the ZTE equipment decommissioned with its contract → Ericsson 30 alone.
      const january = await dependency('SY', '?domain=core&asOf=2025-01-01');
      expect(january.figures[0]).toMatchObject({
        total: 30,
        vendorCount: 1,
        highRiskSharePercent: 0,
        hhi: 10000,
        band: 'high',
        highRiskInCore: false,
      });
    });

    it('answers for now by default, per domain and per unit kind', async () => {
      const report = await dependency('SY');
      expect(Date.now() - Date.parse(report.asOf)).toBeLessThan(60_000);
      expect(Date.now() - Date.parse(report.knownAt)).toBeLessThan(60_000);
      // Sites: Ericsson 500, Huawei 400, Nokia 100 → 40 %, HHI 4200.
      // Units: Nokia 60, Synthetic 40, Ericsson 30 = 130; high-risk (Synthetic) 40/130 = 30.77 %;
      //   HHI (60² + 40² + 30²) / 130² × 10,000 = 6,100 / 16,900 × 10,000 = 3609.47 → 3609.
      expect(report.figures.map((f) => [f.unitKind, f.total, f.highRiskSharePercent, f.hhi])).toEqual([
        ['sites', 1000, 40, 4200],
        ['units', 130, 30.77, 3609],
      ]);
      expect(report.domains.map((d) => [d.domain, d.highRiskSharePercent, d.hhi, d.highRiskInCore])).toEqual([
        ['ran', 40, 4200, false],
        ['core', 0, 10000, false],
        ['transport', 40, 5200, false],
      ]);
    });

    it('measures contract value on the value basis, one figure per currency', async () => {
      // Ericsson 20M (moved from Huawei) + 36M + 15M = 71M, Huawei 40M, Nokia 10M + 12M = 22M, Synthetic 8M:
      // 141M. High-risk (Huawei + Synthetic) 48/141 = 34.04 %;
      // HHI (71² + 40² + 22² + 8²) / 141² × 10,000 = 7189 / 19,881 × 10,000 = 3616.03 → 3616.
      const report = await dependency('SY', '?basis=value&asOf=2025-06-30');
      expect(report).toMatchObject({ basis: 'value' });
      expect(report.figures).toHaveLength(1);
      expect(report.figures[0]).toMatchObject({
        basis: 'value',
        currency: 'USD',
        unitKind: null,
        total: money(141_000_000),
        highRiskSharePercent: 34.04,
        hhi: 3616,
        band: 'high',
      });
      expect(report.figures[0]?.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
        ['ericsson', money(71_000_000), 50.35],
        ['huawei', money(40_000_000), 28.37],
        ['nokia', money(22_000_000), 15.6],
        [SYNTHETIC, money(8_000_000), 5.67],
      ]);
      // RAN by value: Ericsson 56M, Huawei 40M, Nokia 10M of 106M → 37.74 %;
      // HHI (56² + 40² + 10²) / 106² × 10,000 = 4836 / 11,236 × 10,000 = 4304.02 → 4304.
      const ran = await dependency('SY', '?basis=value&domain=ran&asOf=2025-06-30');
      expect(ran.figures[0]).toMatchObject({
        total: money(106_000_000),
        highRiskSharePercent: 37.74,
        hhi: 4304,
      });
    });

    it('never adds one currency to another: two currencies give two figures', async () => {
      const mixed = await dependency('IQ', '?basis=value');
      expect(mixed.figures.map((f) => [f.currency, f.total, f.highRiskSharePercent])).toEqual([
        ['EUR', money(500_000, 'EUR'), 0],
        ['USD', money(1_000_000), 100],
      ]);
      // Units never mix with sites: RAN Huawei 10 sites; core Nokia 5 units.
      expect(
        (await dependency('IQ')).figures.map((f) => [f.unitKind, f.total, f.highRiskSharePercent]),
      ).toEqual([
        ['sites', 10, 100],
        ['units', 5, 0],
      ]);
    });

    it('reports a vendor not yet classified as unknown risk, never guessed', async () => {
      // LATE was first classified (high-risk) on 2024-01-01; in mid-2023 its flag is unknown.
      const report = await dependency('YE', '?asOf=2023-06-30');
      expect(report.figures[0]).toMatchObject({
        total: 20,
        highRiskSharePercent: 0,
        unknownRiskSharePercent: 100,
      });
      expect(report.figures[0]?.vendors).toEqual([
        expect.objectContaining({ vendorId: LATE, highRisk: null }),
      ]);
      // Today's list applied to 2023 counts it high-risk.
      const current = await dependency('YE', '?asOf=2023-06-30&riskList=current');
      expect(current.figures[0]).toMatchObject({ highRiskSharePercent: 100, unknownRiskSharePercent: 0 });
    });

    it.each([
      ['?basis=sites', 'basis'],
      ['?domain=radio', 'domain'],
      ['?asOf=last-week', 'asOf'],
      ['?asOf=2024-02-30', 'asOf'],
      ['?knownAt=yesterday', 'knownAt'],
      ['?riskList=latest', 'riskList'],
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

    const ids = (entries: readonly Entry[] | undefined) => entries?.map((x) => x.eventId);

    it('measures every month end, each domain apart by default, and names every move and its cause', async () => {
      const body = await history('SY', '?from=2024-01-01&to=2024-12-31');
      expect(body).toMatchObject({
        country: 'SY',
        from: '2024-01-01',
        to: '2024-12-31',
        interval: 'month',
        basis: 'units',
        domain: 'each',
        riskList: 'asOf',
        lookbackDays: 365,
      });
      const series = body.series as Series[];
      expect(series.map((s) => [s.domain, s.unitKind])).toEqual([
        ['ran', 'sites'],
        ['core', 'units'],
        ['transport', 'units'],
      ]);
      const ran = series[0] as Series;
      expect(ran.points.map((p) => p.at)).toEqual(monthEnds2024);
      // RAN: Jan–May Huawei 600, Ericsson 300, Nokia 100 → 60 %, HHI 4600; from June 40 %, HHI 4200.
      expect(ran.points.map((p) => [p.highRiskSharePercent, p.hhi])).toEqual([
        ...Array(5).fill([60, 4600]),
        ...Array(7).fill([40, 4200]),
      ]);
      expect(ran.points.map((p) => p.moves.length)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
      const june = ran.points[5]?.moves[0] as Move;
      expect(june).toMatchObject({
        at: '2024-06-01T09:00:00.000Z',
        causes: [
          { kind: 'contract', eventId: replacementEventId, eventType: 'EquipmentReplaced', effect: 'change' },
        ],
        before: { highRiskSharePercent: 60, hhi: 4600 },
        after: { highRiskSharePercent: 40, hhi: 4200 },
      });
      // Dated in [2023-06-02 09:00, 2024-06-01 09:00), newest first: not the retracted M2, not M3 of 20 June
      // (after the move), not M0 of March 2023 (beyond the 365 days), not the contract events.
      expect(ids(june.preceding?.ours)).toEqual([e.O1?.eventId, e.M1?.eventId]);
      expect(ids(june.preceding?.country)).toEqual([e.R1?.eventId]);
      expect(june.preceding?.rivals).toEqual([]);
      expect(june.preceding?.ours[1]).toMatchObject({
        eventType: 'EnvoyMeetingHeld',
        occurredAt: '2024-03-10T10:00:00.000Z',
        headline: 'Envoy meeting in Capital with Ministry of Communications',
      });
    });

    it('reports a reclassification as its own cause, credited to no engagement', async () => {
      const body = await history('SY', '?from=2024-01-01&to=2024-12-31&domain=all');
      const units = (body.series as Series[]).find((s) => s.unitKind === 'units') as Series;
      // Units: Jan–Aug ZTE 50 of 150 = 33.33 %, HHI 3422; Sep Synthetic high-risk → 60 %;
      // Oct Ericsson core 30: (50 + 40) / 180 = 50 %, HHI (60² + 50² + 40² + 30²) / 180² × 10,000
      //   = 8,600 / 32,400 × 10,000 = 2654.32 → 2654.
      expect(units.points.map((p) => [p.highRiskSharePercent, p.hhi])).toEqual([
        ...Array(8).fill([33.33, 3422]),
        [60, 3422],
        ...Array(3).fill([50, 2654]),
      ]);
      const september = units.points[8]?.moves as Move[];
      expect(september).toEqual([
        expect.objectContaining({
          at: '2024-09-01T00:00:00.000Z',
          causes: [
            expect.objectContaining({
              kind: 'reclassification',
              eventId: reclassificationEventId,
              eventType: 'VendorRiskReclassified',
              vendorId: SYNTHETIC,
            }),
          ],
          preceding: null,
        }),
      ]);
      const october = units.points[9]?.moves[0] as Move;
      expect(october.causes).toEqual([
        expect.objectContaining({ kind: 'contract', eventId: e.C5?.eventId, eventType: 'ContractAwarded' }),
      ]);
      // [2023-10-02 00:00, 2024-10-01 00:00): now M3 (June) is before the move.
      expect(ids(october.preceding?.ours)).toEqual([
        milestoneEventId,
        e.T1?.eventId,
        e.M3?.eventId,
        e.O1?.eventId,
        e.M1?.eventId,
      ]);
    });

    it('shows no move for a list change under riskList=current', async () => {
      const body = await history('SY', '?from=2024-01-01&to=2024-12-31&domain=all&riskList=current');
      const units = (body.series as Series[]).find((s) => s.unitKind === 'units') as Series;
      // Synthetic counted high-risk all year: (50 + 40) / 150 = 60 % until October, then 90 / 180 = 50 %.
      expect(units.points.map((p) => p.highRiskSharePercent)).toEqual([...Array(9).fill(60), 50, 50, 50]);
      expect(units.points[8]?.moves).toEqual([]);
    });

    it('looks back no further than lookbackDays', async () => {
      const body = await history('SY', '?from=2024-01-01&to=2024-12-31&domain=ran&lookbackDays=30');
      const june = (body.series as Series[])[0]?.points[5]?.moves[0] as Move;
      // [2024-05-02 09:00, 2024-06-01 09:00): only the response of 20 May.
      expect(june.preceding).toEqual({
        ours: [],
        country: [expect.objectContaining({ eventId: e.R1?.eventId })],
        rivals: [],
      });
    });

    it('ends with `to` itself when it is not a month end, and follows one domain', async () => {
      const body = await history('SY', '?from=2024-04-01&to=2024-06-15&domain=ran');
      const [ran] = body.series as Series[];
      expect(ran?.points.map((p) => [p.at, p.highRiskSharePercent, p.hhi])).toEqual([
        ['2024-04-30T23:59:59.999Z', 60, 4600],
        ['2024-05-31T23:59:59.999Z', 60, 4600],
        ['2024-06-15T23:59:59.999Z', 40, 4200],
      ]);
    });

    it('defaults to the 36 months up to today, ending on the figure the dependency endpoint gives', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const body = await history('SY', '?domain=all');
      expect(body.to).toBe(today);
      const now = await dependency('SY');
      for (const series of body.series as Series[]) {
        expect(series.points).toHaveLength(37);
        const last = series.points.at(-1);
        const same = now.figures.find((f) => f.unitKind === series.unitKind);
        expect(last).toMatchObject({
          at: `${today}T23:59:59.999Z`,
          highRiskSharePercent: same?.highRiskSharePercent,
          hhi: same?.hhi,
        });
      }
    });

    it.each([
      ['?from=2000-01-01&to=2024-12-31', 'from'],
      ['?from=2024-06-01&to=2024-01-01', 'from'],
      ['?from=2024-01-01T00:00:00Z', 'from'],
      ['?interval=week', 'interval'],
      ['?lookbackDays=0', 'lookbackDays'],
      ['?basis=subscribers', 'basis'],
      ['?riskList=today', 'riskList'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      const { status, body } = await get(`/v1/countries/SY/dependency/history${query}`);
      expect(status).toBe(400);
      expect(body.errors.map((x: { field: string }) => x.field)).toContain(field);
    });
  });
});
