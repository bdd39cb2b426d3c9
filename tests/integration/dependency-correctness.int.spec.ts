import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import {
  competingOfferBody,
  contractBody,
  countryResponseBody,
  meetingBody,
  vendorBody,
} from '../support/fixtures.js';
import { Recorder } from '../support/record.js';

interface Figure {
  domain: string;
  unitKind: string | null;
  total: number;
  highRiskSharePercent: number;
  unknownRiskSharePercent: number;
  vendors: Array<{ vendorId: string; amount: number; highRisk: boolean | null }>;
}
interface Entry {
  eventId: string;
}
interface Move {
  at: string;
  causes: Array<{ kind: string; eventId: string; eventType: string; effect?: string }>;
  preceding: { ours: Entry[]; country: Entry[]; rivals: Entry[] } | null;
}
interface Series {
  domain: string;
  unitKind: string;
  points: Array<{ at: string; highRiskSharePercent: number; total: number; moves: Move[] }>;
}

/**
 * Lebanon, all synthetic, recorded through the HTTP API as an officer would:
 *
 *   K1  RAN        Huawei     600 sites   period 2025-01-01 –            awarded 2025-01-01
 *   K2  RAN        Ericsson   400 units   period 2025-01-01 –            awarded 2025-01-01
 *   K3  core       ZTE        100 units   period 2025-02-01 –            awarded 2025-02-01
 *       40 ZTE units replaced by Nokia 2025-03-01 12:00; terminated 2025-04-01, ZTE equipment decommissioned
 *   K4  transport  Huawei      50 units   period 2025-03-01 – 2025-06-30 awarded 2025-01-10
 *
 * Before the replacement: our meeting 2025-02-20, a rival's offer 2025-02-25, the country's response
 * 2025-02-27; after it, a meeting 2025-03-05.
 */
describe('dependency figures a leadership brief can rely on', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let record: Recorder;
  const ids: Record<string, string> = {};

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  async function get(url: string) {
    const response = await apps.api.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    return response.json();
  }
  const dependency = (query: string): Promise<{ figures: Figure[]; domains: Figure[] }> =>
    get(`/v1/countries/LB/dependency${query}`);
  const contract = async (key: string, overrides: Record<string, unknown>) => {
    const { entryId, eventId } = await recorded(
      apps.api,
      '/v1/countries/LB/contracts',
      contractBody({ operator: 'Synthetic Telecom', ...overrides }),
    );
    ids[key] = entryId;
    ids[`${key}.award`] = eventId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('dependency-correctness');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    record = new Recorder(db, apps.api);
    const period = (start: string, end: string | null = null) => ({ start, end });
    await contract('K1', {
      occurredAt: '2025-01-01T09:00:00Z',
      vendorId: 'huawei',
      domain: 'ran',
      units: 600,
      unitKind: 'sites',
      period: period('2025-01-01'),
    });
    await contract('K2', {
      occurredAt: '2025-01-01T09:00:00Z',
      vendorId: 'ericsson',
      domain: 'ran',
      units: 400,
      unitKind: 'units',
      period: period('2025-01-01'),
    });
    await contract('K3', {
      occurredAt: '2025-02-01T09:00:00Z',
      vendorId: 'zte',
      domain: 'core',
      units: 100,
      unitKind: 'units',
      value: { amount: '10000000', currency: 'USD' },
      period: period('2025-02-01'),
    });
    await contract('K4', {
      occurredAt: '2025-01-10T09:00:00Z',
      vendorId: 'huawei',
      domain: 'transport',
      units: 50,
      unitKind: 'units',
      period: period('2025-03-01', '2025-06-30'),
    });
    ids.ourMeeting = (
      await recorded(
        apps.api,
        '/v1/countries/LB/meetings',
        meetingBody({ occurredAt: '2025-02-20T10:00:00Z' }),
      )
    ).eventId;
    ids.rivalOffer = (
      await recorded(
        apps.api,
        '/v1/countries/LB/competing-offers',
        competingOfferBody({ occurredAt: '2025-02-25T10:00:00Z' }),
      )
    ).eventId;
    ids.response = (
      await recorded(
        apps.api,
        '/v1/countries/LB/responses',
        countryResponseBody({ occurredAt: '2025-02-27T10:00:00Z' }),
      )
    ).eventId;
    ids.replacement = (
      await recorded(apps.api, `/v1/contracts/${ids.K3}/replace`, {
        occurredAt: '2025-03-01T12:00:00Z',
        fromVendorId: 'zte',
        toVendorId: 'nokia',
        units: 40,
        note: 'Synthetic core swap, phase 1.',
      })
    ).eventId;
    ids.laterMeeting = (
      await recorded(
        apps.api,
        '/v1/countries/LB/meetings',
        meetingBody({ occurredAt: '2025-03-05T10:00:00Z' }),
      )
    ).eventId;
    ids.termination = (
      await recorded(apps.api, `/v1/contracts/${ids.K3}/terminate`, {
        occurredAt: '2025-04-01T09:00:00Z',
        reason: 'Synthetic: operator ended the ZTE core contract.',
        equipment: 'decommissioned',
      })
    ).eventId;
    await record.awaitProjected();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('answers one figure per unit kind for a domain holding sites and units, never one sum', async () => {
    const report = await dependency('?domain=ran&asOf=2025-01-31');
    // Sites: Huawei 600 alone → 100 % high-risk. Units: Ericsson 400 alone → 0 %.
    expect(report.figures.map((f) => [f.domain, f.unitKind, f.total, f.highRiskSharePercent])).toEqual([
      ['ran', 'sites', 600, 100],
      ['ran', 'units', 400, 0],
    ]);
  });

  it('counts equipment from period.start and not after period.end', async () => {
    const transport = async (asOf: string) =>
      (await dependency(`?domain=transport&asOf=${asOf}`)).figures.map((f) => f.total);
    // K4 was awarded on 10 January but is in service from 1 March through 30 June.
    expect(await transport('2025-02-28')).toEqual([]);
    expect(await transport('2025-03-01')).toEqual([50]);
    expect(await transport('2025-06-30')).toEqual([50]);
    expect(await transport('2025-07-01')).toEqual([]);
  });

  it('keeps units swapped in under a contract in service when the contract is terminated', async () => {
    // Core after the termination: the 60 remaining ZTE units are decommissioned; Nokia's 40 swapped-in units stay.
    const [core] = (await dependency('?domain=core&asOf=2025-04-02')).figures;
    expect(core?.vendors.map((v) => [v.vendorId, v.amount])).toEqual([['nokia', 40]]);
    expect(core?.highRiskSharePercent).toBe(0);
    // Before it: ZTE 60, Nokia 40 → 60 % high-risk.
    expect((await dependency('?domain=core&asOf=2025-03-31')).figures[0]?.highRiskSharePercent).toBe(60);
  });

  it('names the contract events behind each move and lists only what preceded it, by whose action', async () => {
    const body = await get('/v1/countries/LB/dependency/history?from=2025-01-01&to=2025-06-30&domain=core');
    const [core] = body.series as Series[];
    // Points: Jan 31 (nothing yet), Feb 28 (ZTE 100 → 100 %), Mar 31 (ZTE 60, Nokia 40 → 60 %), Apr 30 (Nokia 40).
    expect(core?.points.map((p) => [p.total, p.highRiskSharePercent])).toEqual([
      [0, 0],
      [100, 100],
      [100, 60],
      [40, 0],
      [40, 0],
      [40, 0],
    ]);
    const [march] = core?.points[2]?.moves ?? [];
    expect(march?.at).toBe('2025-03-01T12:00:00.000Z');
    expect(march?.causes).toEqual([
      expect.objectContaining({ kind: 'contract', eventId: ids.replacement, eventType: 'EquipmentReplaced' }),
    ]);
    expect(march?.preceding?.ours.map((x) => x.eventId)).toEqual([ids.ourMeeting]);
    expect(march?.preceding?.country.map((x) => x.eventId)).toEqual([ids.response]);
    expect(march?.preceding?.rivals.map((x) => x.eventId)).toEqual([ids.rivalOffer]);
    const [april] = core?.points[3]?.moves ?? [];
    expect(april?.causes).toEqual([
      expect.objectContaining({ eventId: ids.termination, eventType: 'ContractTerminated' }),
    ]);
    // The meeting of 5 March came after the replacement: it precedes only the termination.
    expect(april?.preceding?.ours.map((x) => x.eventId)).toEqual([ids.laterMeeting, ids.ourMeeting]);
  });

  it('reports a vendor reclassification as its own move, credited to no engagement', async () => {
    await recorded(apps.api, '/v1/vendors', vendorBody({ vendorId: 'synthetic-radio', highRisk: false }));
    await contract('K5', {
      occurredAt: '2025-05-01T09:00:00Z',
      vendorId: 'synthetic-radio',
      domain: 'subsea',
      units: 10,
      unitKind: 'units',
      period: { start: '2025-05-01', end: null },
    });
    const reclassified = await recorded(apps.api, '/v1/vendors/synthetic-radio/risk', {
      occurredAt: '2025-06-15T00:00:00Z',
      highRisk: true,
      riskBasis: 'Synthetic list',
    });
    await record.awaitProjected();
    const body = await get('/v1/countries/LB/dependency/history?from=2025-05-01&to=2025-07-31&domain=subsea');
    const [subsea] = body.series as Series[];
    expect(subsea?.points.map((p) => p.highRiskSharePercent)).toEqual([0, 100, 100]);
    expect(subsea?.points[1]?.moves).toEqual([
      expect.objectContaining({
        at: '2025-06-15T00:00:00.000Z',
        causes: [expect.objectContaining({ kind: 'reclassification', eventId: reclassified.eventId })],
        preceding: null,
      }),
    ]);
  });

  it('gives back the figure as it was known before a late correction, and the corrected one after', async () => {
    const briefedAt = new Date().toISOString();
    // Later it turns out K1 covered 500 sites, not 600.
    const correction = await post(`/v1/entries/${ids['K1.award']}/corrections`, {
      changes: { units: 500 },
      reason: 'The operator’s filing lists 500 sites.',
    });
    expect(correction.status).toBe(201);
    await record.awaitProjected();
    const asBriefed = await dependency(`?domain=ran&asOf=2025-01-31&knownAt=${briefedAt}`);
    const now = await dependency('?domain=ran&asOf=2025-01-31');
    expect(asBriefed.figures.find((f) => f.unitKind === 'sites')?.total).toBe(600);
    expect(now.figures.find((f) => f.unitKind === 'sites')?.total).toBe(500);
    // Asked again with the same knownAt, the briefed figure is identical.
    expect(await dependency(`?domain=ran&asOf=2025-01-31&knownAt=${briefedAt}`)).toEqual(asBriefed);
    const history = await get(
      `/v1/countries/LB/dependency/history?from=2025-01-01&to=2025-01-31&domain=ran&knownAt=${briefedAt}`,
    );
    expect((history.series as Series[]).find((s) => s.unitKind === 'sites')?.points[0]?.total).toBe(600);
  });

  it('shows per-domain figures in the overview, as known at a time', async () => {
    const overview = await get('/v1/countries');
    const lebanon = (overview.countries as Array<{ country: string; dependency: { now: Figure[] } }>).find(
      (c) => c.country === 'LB',
    );
    expect(overview).toMatchObject({ riskList: 'asOf', dependencyScope: expect.any(String) });
    expect(lebanon?.dependency.now.map((f) => [f.domain, f.unitKind])).toEqual([
      ['ran', 'sites'],
      ['ran', 'units'],
      ['core', 'units'],
      ['subsea', 'units'],
    ]);
  });
});
