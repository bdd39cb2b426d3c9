import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { KEPT_OPEN_ITEMS, RECOUNTED_OPEN_ITEMS } from '../support/open-counts.js';
import { type Recorded, Recorder } from '../support/record.js';

type Item = Record<string, unknown> & { id: string; streamId: string; version: number; status: string };

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * Registers as they stand and the country overview. All figures synthetic.
 *
 * Jordan: contracts K1 (RAN Huawei 100, 2023-01-10), K2 (core Ericsson 20, 2023-05-10, terminated 2024-02-01),
 *   K3 (RAN Nokia 50, 2024-03-01); offers O1 (2024-01-05, open), O2 (2024-02-05, accepted), O3 (2024-04-05,
 *   withdrawn); support S1 (2023-11-01, active, one milestone), S2 (2024-01-15, completed 2024-06-01);
 *   meeting 2024-02-10, dialogue round 2024-07-01, meeting 2024-10-01 (retracted); stances neutral 2024-01-20,
 *   receptive 2024-06-10, resistant 2024-09-01 (retracted); a follow-up due 2099-01-01.
 * Lebanon: a meeting 2019-11-20 and three follow-ups from it: due 2020-01-10 (open, overdue), due 2021-06-01
 *   (done), due 2099-12-31 (open).
 * Tunisia: RAN Huawei 10 and core Nokia 5 since 2023-05-01; RAN Ericsson 30 awarded 30 days ago.
 */
describe('registers and the country overview', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let record: Recorder;
  const e: Record<string, Recorded> = {};

  async function get(url: string) {
    const response = await apps.api.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json(), type: response.headers['content-type'] };
  }

  async function items(url: string): Promise<Item[]> {
    const { status, body } = await get(url);
    expect(status).toBe(200);
    return body.items;
  }

  const ids = (list: readonly { id: string }[]) => list.map((i) => i.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('registers');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    record = new Recorder(db, apps.api);
    await record.registerCatalogueVendors(['huawei', 'ericsson', 'nokia']);

    e.K1 = await record.awardContract('JO', {
      occurredAt: '2023-01-10T09:00:00Z',
      domain: 'ran',
      vendorId: 'huawei',
      units: 100,
    });
    e.K2 = await record.awardContract('JO', {
      occurredAt: '2023-05-10T09:00:00Z',
      domain: 'core',
      vendorId: 'ericsson',
      units: 20,
    });
    await record.terminateContract(e.K2.id, '2024-02-01T09:00:00Z');
    e.K3 = await record.awardContract('JO', {
      occurredAt: '2024-03-01T09:00:00Z',
      domain: 'ran',
      vendorId: 'nokia',
      units: 50,
    });

    e.O1 = await record.offerIncentive('JO', '2024-01-05T09:00:00Z');
    e.O2 = await record.offerIncentive('JO', '2024-02-05T09:00:00Z');
    await record.closeIncentive(e.O2.id, 'AcceptIncentive', '2024-03-01T09:00:00Z');
    e.O3 = await record.offerIncentive('JO', '2024-04-05T09:00:00Z');
    await record.closeIncentive(e.O3.id, 'WithdrawIncentive', '2024-05-01T09:00:00Z');

    e.S1 = await record.commitSupport('JO', '2023-11-01T09:00:00Z');
    await record.deliverMilestone(e.S1.id, '2023-12-01T09:00:00Z');
    e.S2 = await record.commitSupport('JO', '2024-01-15T09:00:00Z');
    await record.closeSupport(e.S2.id, 'completed', '2024-06-01T09:00:00Z');

    e.JM1 = await record.meeting('JO', '2024-02-10T09:00:00Z', 'Amman');
    e.JD1 = await record.dialogueRound('JO', '2024-07-01T09:00:00Z');
    e.JM2 = await record.meeting('JO', '2024-10-01T09:00:00Z', 'Aqaba');
    await record.retract(e.JM2);
    e.JR1 = await record.observeResponse('JO', 'neutral', '2024-01-20T09:00:00Z');
    e.JR2 = await record.observeResponse('JO', 'receptive', '2024-06-10T09:00:00Z');
    e.JR3 = await record.observeResponse('JO', 'resistant', '2024-09-01T09:00:00Z');
    await record.retract(e.JR3);
    e.JF = await record.assignFollowUp(
      { ...e.JD1, country: 'JO' },
      { occurredAt: '2024-07-02T09:00:00Z', dueDate: '2099-01-01' },
    );

    e.LM = await record.meeting('LB', '2019-11-20T09:00:00Z', 'Beirut');
    const source = { ...e.LM, country: 'LB' };
    e.F1 = await record.assignFollowUp(source, { occurredAt: '2019-11-21T09:00:00Z', dueDate: '2020-01-10' });
    e.F3 = await record.assignFollowUp(source, { occurredAt: '2019-11-21T09:00:00Z', dueDate: '2021-06-01' });
    await record.completeFollowUp(e.F3.id, '2021-05-01T09:00:00Z');
    e.F2 = await record.assignFollowUp(source, { occurredAt: '2019-11-21T09:00:00Z', dueDate: '2099-12-31' });

    await record.awardContract('TN', {
      occurredAt: '2023-05-01T09:00:00Z',
      domain: 'ran',
      vendorId: 'huawei',
      units: 10,
    });
    await record.awardContract('TN', {
      occurredAt: '2023-05-01T09:00:00Z',
      domain: 'core',
      vendorId: 'nokia',
      units: 5,
    });
    await record.awardContract('TN', {
      occurredAt: daysAgo(30),
      domain: 'ran',
      vendorId: 'ericsson',
      units: 30,
    });

    await record.awaitProjected();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  describe('GET /v1/countries/{country}/contracts', () => {
    it('lists contracts newest first, each with id, stream and version', async () => {
      const contracts = await items('/v1/countries/JO/contracts');
      expect(ids(contracts)).toEqual([e.K3?.id, e.K2?.id, e.K1?.id]);
      expect(contracts[1]).toMatchObject({
        id: e.K2?.id,
        streamId: `contract-${e.K2?.id}`,
        version: 2,
        status: 'terminated',
        country: 'JO',
        domain: 'core',
        vendorId: 'ericsson',
        vendorName: 'Ericsson',
        units: 20,
        holdings: [],
        occurredAt: '2023-05-10T09:00:00.000Z',
        terminatedAt: '2024-02-01T09:00:00.000Z',
      });
      expect(contracts[0]).toMatchObject({
        version: 1,
        status: 'active',
        holdings: [{ vendorId: 'nokia', units: 50 }],
      });
    });

    it('filters by status', async () => {
      const { body } = await get('/v1/countries/JO/contracts?status=active');
      expect(body).toMatchObject({ country: 'JO', status: 'active', nextCursor: null });
      expect(ids(body.items)).toEqual([e.K3?.id, e.K1?.id]);
      expect(ids(await items('/v1/countries/JO/contracts?status=terminated'))).toEqual([e.K2?.id]);
      expect(await items('/v1/countries/LB/contracts')).toEqual([]);
    });
  });

  describe('GET /v1/countries/{country}/incentive-offers', () => {
    it('lists offers newest first and filters by status', async () => {
      const offers = await items('/v1/countries/jo/incentive-offers');
      expect(ids(offers)).toEqual([e.O3?.id, e.O2?.id, e.O1?.id]);
      expect(offers.map((o) => [o.status, o.version])).toEqual([
        ['withdrawn', 2],
        ['accepted', 2],
        ['offered', 1],
      ]);
      expect(offers[1]).toMatchObject({
        id: e.O2?.id,
        streamId: `incentive-${e.O2?.id}`,
        agency: 'DFC',
        instrument: 'financing',
        amount: { amount: '50000000.00', minor: '5000000000', currency: 'USD' },
        closedAt: '2024-03-01T09:00:00.000Z',
      });
      expect(ids(await items('/v1/countries/JO/incentive-offers?status=offered'))).toEqual([e.O1?.id]);
      expect(ids(await items('/v1/countries/JO/incentive-offers?status=accepted'))).toEqual([e.O2?.id]);
      expect(ids(await items('/v1/countries/JO/incentive-offers?status=withdrawn'))).toEqual([e.O3?.id]);
      expect(await items('/v1/countries/JO/incentive-offers?status=expired')).toEqual([]);
    });
  });

  describe('GET /v1/countries/{country}/technical-support', () => {
    it('lists support commitments newest first and filters by status', async () => {
      expect(ids(await items('/v1/countries/JO/technical-support'))).toEqual([e.S2?.id, e.S1?.id]);
      const [closed, ...noMoreClosed] = await items('/v1/countries/JO/technical-support?status=closed');
      expect(noMoreClosed).toEqual([]);
      expect(closed).toMatchObject({ id: e.S2?.id, outcome: 'completed', version: 2 });
      const [active] = await items('/v1/countries/JO/technical-support?status=active');
      expect(active).toMatchObject({
        id: e.S1?.id,
        version: 2,
        milestones: [{ milestone: 'Transition roadmap', deliveredAt: '2023-12-01T09:00:00.000Z' }],
      });
    });
  });

  it.each([
    ['/v1/countries/JO/contracts?status=cancelled', 'status'],
    ['/v1/countries/JO/incentive-offers?status=open', 'status'],
    ['/v1/countries/JO/technical-support?status=done', 'status'],
    ['/v1/countries/JO/contracts?limit=201', 'limit'],
    ['/v1/countries/JO/contracts?cursor=forged', 'cursor'],
    ['/v1/countries/JO/contracts?owner=me', 'owner'],
    ['/v1/countries/JOR/contracts', 'country'],
  ])('refuses %s with 400 naming %s', async (url, field) => {
    const { status, type, body } = await get(url);
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((x: { field: string }) => x.field)).toEqual([field]);
  });

  describe('GET /v1/follow-ups', () => {
    it('lists every follow-up, soonest due first, marking the overdue ones', async () => {
      const all = await items('/v1/follow-ups');
      expect(ids(all)).toEqual([e.F1?.id, e.F3?.id, e.JF?.id, e.F2?.id]);
      expect(all.map((f) => [f.status, f.overdue, f.dueDate])).toEqual([
        ['open', true, '2020-01-10'],
        ['done', false, '2021-06-01'],
        ['open', false, '2099-01-01'],
        ['open', false, '2099-12-31'],
      ]);
      expect(all[0]).toMatchObject({
        id: e.F1?.id,
        streamId: `follow-up-${e.F1?.id}`,
        version: 1,
        country: 'LB',
        owner: 'desk.officer',
        sourceEventId: e.LM?.eventId,
      });
      expect(all[1]).toMatchObject({ version: 2, completedAt: '2021-05-01T09:00:00.000Z' });
    });

    it('filters open (overdue included), overdue and done', async () => {
      expect(ids(await items('/v1/follow-ups?status=open'))).toEqual([e.F1?.id, e.JF?.id, e.F2?.id]);
      expect(ids(await items('/v1/follow-ups?status=overdue'))).toEqual([e.F1?.id]);
      expect(ids(await items('/v1/follow-ups?status=done'))).toEqual([e.F3?.id]);
    });

    it('filters by country, in either case', async () => {
      const { body } = await get('/v1/follow-ups?country=lb&status=open');
      expect(body).toMatchObject({
        country: 'LB',
        status: 'open',
        today: new Date().toISOString().slice(0, 10),
        nextCursor: null,
      });
      expect(ids(body.items)).toEqual([e.F1?.id, e.F2?.id]);
      expect(ids(await items('/v1/follow-ups?country=LB'))).toEqual([e.F1?.id, e.F3?.id, e.F2?.id]);
      expect(await items('/v1/follow-ups?country=JO&status=overdue')).toEqual([]);
      expect(await items('/v1/follow-ups?country=FR')).toEqual([]);
    });

    it.each([
      ['?country=XX', 'country'],
      ['?country=LBN', 'country'],
      ['?status=late', 'status'],
      ['?owner=me', 'owner'],
      ['?limit=0', 'limit'],
      ['?cursor=forged', 'cursor'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      const { status, body } = await get(`/v1/follow-ups${query}`);
      expect(status).toBe(400);
      expect(body.errors.map((x: { field: string }) => x.field)).toEqual([field]);
    });
  });

  describe('GET /v1/countries', () => {
    it('has one row per country with activity, with what leadership checks first', async () => {
      const { status, body } = await get('/v1/countries');
      expect(status).toBe(200);
      expect(Date.now() - Date.parse(body.asOf)).toBeLessThan(60_000);
      // Vendors' origin countries (CN, SE, FI) are registry data, not activity.
      expect(body.countries.map((c: { country: string }) => c.country)).toEqual(['JO', 'LB', 'TN']);
      const [jordan, lebanon, tunisia] = body.countries;

      expect(jordan).toEqual({
        country: 'JO',
        // The dialogue round of July; the later meeting was retracted.
        lastEngagement: {
          eventId: e.JD1?.eventId,
          occurredAt: '2024-07-01T09:00:00.000Z',
          headline: 'Synthetic Telecom Dialogue, round 1 (ministerial) in Capital',
        },
        // Receptive in June; the later "resistant" was retracted.
        stance: { stance: 'receptive', occurredAt: '2024-06-10T09:00:00.000Z', eventId: e.JR2?.eventId },
        openFollowUps: 1,
        overdueFollowUps: 0,
        openOffers: 1,
        // RAN sites: Huawei 100, Nokia 50 (the Ericsson core contract was terminated): 66.67 % high-risk;
        // HHI (100² + 50²) / 150² × 10,000 = 12,500 / 22,500 × 10,000 = 5555.56 → 5556. Unchanged for a year.
        dependency: {
          now: [
            {
              domain: 'ran',
              unitKind: 'sites',
              total: 150,
              highRiskSharePercent: 66.67,
              unknownRiskSharePercent: 0,
              hhi: 5556,
              band: 'high',
            },
          ],
          twelveMonthsAgo: [
            {
              domain: 'ran',
              unitKind: 'sites',
              total: 150,
              highRiskSharePercent: 66.67,
              unknownRiskSharePercent: 0,
              hhi: 5556,
              band: 'high',
            },
          ],
        },
      });

      expect(lebanon).toEqual({
        country: 'LB',
        lastEngagement: {
          eventId: e.LM?.eventId,
          occurredAt: '2019-11-20T09:00:00.000Z',
          headline: 'Envoy meeting in Beirut with Ministry of Communications',
        },
        stance: null,
        openFollowUps: 2,
        overdueFollowUps: 1,
        openOffers: 0,
        dependency: { now: [], twelveMonthsAgo: [] },
      });

      expect(tunisia).toEqual({
        country: 'TN',
        lastEngagement: null,
        stance: null,
        openFollowUps: 0,
        overdueFollowUps: 0,
        openOffers: 0,
        dependency: {
          // RAN sites: Huawei 10, Ericsson 30 (awarded 30 days ago): 10/40 = 25 %;
          //   HHI (10² + 30²) / 40² × 10,000 = 1,000 / 1,600 × 10,000 = 6250. Core units: Nokia 5 alone.
          now: [
            {
              domain: 'ran',
              unitKind: 'sites',
              total: 40,
              highRiskSharePercent: 25,
              unknownRiskSharePercent: 0,
              hhi: 6250,
              band: 'high',
            },
            {
              domain: 'core',
              unitKind: 'units',
              total: 5,
              highRiskSharePercent: 0,
              unknownRiskSharePercent: 0,
              hhi: 10000,
              band: 'high',
            },
          ],
          // RAN sites: Huawei 10 alone → 100 %; core units: Nokia 5 alone.
          twelveMonthsAgo: [
            {
              domain: 'ran',
              unitKind: 'sites',
              total: 10,
              highRiskSharePercent: 100,
              unknownRiskSharePercent: 0,
              hhi: 10000,
              band: 'high',
            },
            {
              domain: 'core',
              unitKind: 'units',
              total: 5,
              highRiskSharePercent: 0,
              unknownRiskSharePercent: 0,
              hhi: 10000,
              band: 'high',
            },
          ],
        },
      });
    });
  });

  it('keeps the open-item counts of the overview equal to the current revisions', async () => {
    const recounted = (await db.pool.query(RECOUNTED_OPEN_ITEMS)).rows;
    const kept = async () => (await db.pool.query(KEPT_OPEN_ITEMS)).rows;
    // Follow-ups were completed and offers answered, so counts have been taken from as well as added to.
    expect(recounted.map((r) => [r.country, r.kind, r.n])).toEqual([
      ['JO', 'follow-up', 1],
      ['JO', 'incentive-offer', 1],
      ['LB', 'follow-up', 1],
      ['LB', 'follow-up', 1],
    ]);
    expect(await kept()).toEqual(recounted);
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'registers' });
    expect(await kept()).toEqual(recounted);
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'registers', country: 'LB' });
    expect(await kept()).toEqual(recounted);
    expect((await db.pool.query(RECOUNTED_OPEN_ITEMS)).rows).toEqual(recounted);
  });
});
