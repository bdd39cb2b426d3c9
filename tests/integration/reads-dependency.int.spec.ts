import { HOLDINGS_AT } from '../../apps/api/src/dependency/dependency.sql.js';
import { visibleTo } from '../../apps/api/src/timeline/read-scope.sql.js';
import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { Recorder } from '../support/record.js';

/**
 * Dependency figures read flat with history (issue 16): HOLDINGS_AT starts from the totals of the current ledger
 * rows that the contract-holdings projection keeps (contract_holding_totals) and corrects them by the rows near
 * the present, instead of summing the whole ledger. These tests hold it to the answers of the query it replaced,
 * which summed every ledger row, at many instants, as known at many times (before and after replacements,
 * terminations and retractions), for every clearance, country and domain; and check that the totals the
 * projection keeps, and their monthly sums (contract_holding_months), live and after a rebuild of the whole table
 * or of one country, are the ledger's own sums.
 * All data synthetic.
 */

/** The figure as it was computed before issue 16, kept here as the reference for its semantics. */
const PREVIOUS_HOLDINGS_AT = `
WITH points AS (
  SELECT p.at, p.ord FROM unnest($2::timestamptz[]) WITH ORDINALITY AS p(at, ord)
)
SELECT h.country, p.ord::int AS ord, h.domain, h.unit_kind, h.vendor_id, h.currency,
       sum(h.units_delta)::float8 AS units, sum(h.value_delta)::text AS value
FROM points p
JOIN contract_holdings h ON h.effective_at <= p.at
WHERE ($1::text IS NULL OR h.country = $1::text) AND ($3::text IS NULL OR h.domain = $3::text)
  AND h.known_from <= $4::timestamptz AND (h.known_until IS NULL OR h.known_until > $4::timestamptz)
  AND ${visibleTo('h', '$5', '$6')}
GROUP BY h.country, p.ord, h.domain, h.unit_kind, h.vendor_id, h.currency
HAVING sum(h.units_delta) <> 0 OR sum(h.value_delta) <> 0
ORDER BY h.country, p.ord, h.domain, h.unit_kind, h.vendor_id, h.currency`;

/** The totals recomputed from the ledger's current rows. */
const RECOMPUTED_TOTALS = `
SELECT country, classification_rank, domain, unit_kind, vendor_id, coalesce(currency, '') AS currency_key,
       sum(units_delta)::text AS units, sum(value_delta)::text AS value
FROM contract_holdings WHERE known_until IS NULL
GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(units_delta) <> 0 OR sum(value_delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`;

/** The monthly sums recomputed from the ledger's current rows, by the UTC month they take effect in. */
const RECOMPUTED_MONTHS = `
SELECT country, date_trunc('month', effective_at, 'UTC') AS month, classification_rank, domain, unit_kind, vendor_id,
       coalesce(currency, '') AS currency_key, sum(units_delta)::text AS units, sum(value_delta)::text AS value
FROM contract_holdings WHERE known_until IS NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(units_delta) <> 0 OR sum(value_delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`;

const KEPT_MONTHS = `
SELECT country, month, classification_rank, domain, unit_kind, vendor_id, currency_key, units::text, value::text
FROM contract_holding_months WHERE units <> 0 OR value <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`;

const KEPT_TOTALS = `
SELECT country, classification_rank, domain, unit_kind, vendor_id, currency_key, units::text, value::text
FROM contract_holding_totals WHERE units <> 0 OR value <> 0 ORDER BY 1, 2, 3, 4, 5, 6`;

describe('reads: dependency figures from the kept totals answer as the whole ledger did', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let record: Recorder;
  /** Times at which the ledger stood differently: before, between and after the stages below. */
  const knownAts: Date[] = [];

  const usd = (amount: string) => ({ amount, currency: 'USD' });

  async function award(
    country: string,
    occurredAt: string,
    domain: 'ran' | 'core' | 'transport',
    vendorId: string,
    units: number,
    extra: Record<string, unknown> = {},
  ) {
    return recorded(apps.api, `/v1/countries/${country}/contracts`, {
      occurredAt,
      operator: 'Synthetic Mobile',
      vendorId,
      domain,
      generation: '4G',
      units,
      unitKind: domain === 'ran' ? 'sites' : 'units',
      value: null,
      financing: null,
      period: { start: occurredAt.slice(0, 10), end: null },
      description: 'Synthetic test contract.',
      ...extra,
    });
  }

  async function stage() {
    await record.awaitProjected();
    knownAts.push(new Date());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('reads-dependency') }));
    record = new Recorder(db, apps.api);
    await record.registerCatalogueVendors(['huawei', 'ericsson', 'nokia', 'zte']);
    knownAts.push(new Date());

    const k1 = await award('SY', '2023-01-10T09:00:00Z', 'ran', 'huawei', 100, { value: usd('1000000.00') });
    const k2 = await award('SY', '2023-05-10T09:00:00Z', 'core', 'zte', 20, { value: usd('250000.50') });
    await award('SY', '2024-02-01T09:00:00Z', 'core', 'ericsson', 10, { classification: 'secret' });
    const k4 = await award('IQ', '2023-03-01T09:00:00Z', 'transport', 'nokia', 7, {
      classification: 'confidential',
      period: { start: '2023-03-01', end: '2025-03-01' },
    });
    const k5 = await award('IQ', '2024-06-01T09:00:00Z', 'ran', 'huawei', 40);
    await stage();

    await record.replaceEquipment(k1.entryId, {
      occurredAt: '2024-01-15T09:00:00Z',
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 30,
    });
    await record.terminateContract(k2.entryId, '2024-04-01T09:00:00Z');
    await stage();

    // A retraction closes every row its contract had; a later award opens new ones at the same instants.
    await record.retract({ eventId: k5.eventId });
    await award('IQ', '2024-06-01T09:00:00Z', 'ran', 'huawei', 45);
    await record.terminateContract(k4.entryId, '2024-09-01T09:00:00Z');
    // Current rows at the first instant of a month and later in it: one month's sum, read in part before the instant.
    await award('SY', '2024-08-01T00:00:00Z', 'transport', 'nokia', 5);
    await award('SY', '2024-08-20T12:00:00Z', 'transport', 'huawei', 3);
    // At the very instant of a history's monthly point: held at that point, not a move after it.
    await award('SY', '2024-03-31T23:59:59.999Z', 'ran', 'nokia', 12, { value: usd('5000.00') });
    await stage();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const POINTS = [
    '2022-12-31T00:00:00Z',
    '2023-01-10T09:00:00Z',
    '2023-06-01T00:00:00Z',
    '2024-01-15T09:00:00Z',
    '2024-03-31T23:59:59Z',
    '2024-06-01T09:00:00Z',
    '2024-07-31T23:59:59.999Z',
    '2024-08-01T00:00:00Z',
    '2024-08-10T00:00:00Z',
    '2024-08-20T12:00:00Z',
    '2025-01-01T00:00:00Z',
    // Around the first instant of a month, at which a contract's period ends (a row of that month's sum).
    '2025-02-28T23:59:59.999Z',
    '2025-03-01T00:00:00Z',
    '2025-03-01T00:00:00.001Z',
    '2025-03-02T00:00:00Z',
    '2099-01-01T00:00:00Z',
  ].map((p) => new Date(p));

  async function figures(sql: string, params: unknown[]) {
    return (await db.pool.query(sql, params)).rows;
  }

  it('gives the same figures as the whole ledger at every instant, knownAt, clearance, country and domain', async () => {
    let compared = 0;
    const pointSets = [
      POINTS,
      [POINTS[5] as Date],
      [POINTS[15] as Date, POINTS[2] as Date, POINTS[15] as Date],
    ];
    for (const knownAt of [...knownAts, new Date(Date.now() + 86_400_000)])
      for (const points of pointSets)
        for (const country of [null, 'SY', 'IQ'])
          for (const domain of [null, 'core'])
            for (const [rank, countries] of [
              [3, null],
              [0, null],
              [2, null],
              [3, ['IQ']],
              [3, []],
            ] as const) {
              const params = [country, points, domain, knownAt, rank, countries];
              const expected = await figures(PREVIOUS_HOLDINGS_AT, params);
              const actual = await figures(HOLDINGS_AT, params);
              expect({ params, rows: actual }).toEqual({ params, rows: expected });
              compared += expected.length;
            }
    expect(compared).toBeGreaterThan(500);
  });

  it('answers a history from what was held at its first point as one read from before all contracts', async () => {
    type Point = { at: string; moves: unknown[] } & Record<string, unknown>;
    type Series = { domain: string; unitKind: string | null; currency: string | null; points: Point[] };
    async function history(query: string): Promise<Series[]> {
      const response = await apps.api.inject({
        method: 'GET',
        url: `/v1/countries/SY/dependency/history?${query}`,
      });
      expect(response.statusCode).toBe(200);
      return response.json().series;
    }
    let compared = 0;
    for (const knownAt of [...knownAts.slice(1), new Date(Date.now() + 86_400_000)])
      for (const view of [
        'domain=each&basis=units',
        'domain=all&basis=value',
        'domain=ran&riskList=current',
      ]) {
        const common = `${view}&to=2025-03-31&knownAt=${knownAt.toISOString()}`;
        // From before the first contract: the whole ledger is read from nothing, as every history was before.
        const whole = await history(`from=2022-12-01&${common}`);
        for (const from of ['2023-01-01', '2023-06-01', '2024-02-01', '2024-03-01', '2024-08-01']) {
          const part = await history(`from=${from}&${common}`);
          for (const series of part) {
            const same = whole.find(
              (s) =>
                s.domain === series.domain &&
                s.unitKind === series.unitKind &&
                s.currency === series.currency,
            );
            const points = same?.points.filter((p) => p.at >= (series.points[0]?.at ?? '')) ?? [];
            // The first point starts the series: what led up to it is not listed as its moves.
            const expected = points.map((p, i) => (i === 0 ? { ...p, moves: [] } : p));
            expect({ knownAt, view, from, series: series.points }).toEqual({
              knownAt,
              view,
              from,
              series: expected,
            });
            compared += expected.length;
          }
        }
      }
    expect(compared).toBeGreaterThan(300);
  });

  it('keeps the totals and monthly sums equal to the sums of the current ledger rows, live and after rebuilds', async () => {
    // Rows were closed (the retraction, the terminations), so the totals have had rows taken out as well as added.
    expect(
      await db.count('SELECT count(*) AS n FROM contract_holdings WHERE known_until IS NOT NULL'),
    ).toBeGreaterThan(0);
    const recomputed = await figures(RECOMPUTED_TOTALS, []);
    const months = await figures(RECOMPUTED_MONTHS, []);
    expect(recomputed.length).toBeGreaterThan(3);
    expect(months.length).toBeGreaterThan(recomputed.length);
    expect(await figures(KEPT_TOTALS, [])).toEqual(recomputed);
    expect(await figures(KEPT_MONTHS, [])).toEqual(months);

    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'contract-holdings' });
    expect(await figures(KEPT_TOTALS, [])).toEqual(recomputed);
    expect(await figures(KEPT_MONTHS, [])).toEqual(months);

    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, {
      projection: 'contract-holdings',
      country: 'IQ',
    });
    expect(await figures(KEPT_TOTALS, [])).toEqual(recomputed);
    expect(await figures(KEPT_MONTHS, [])).toEqual(months);
    expect(await figures(RECOMPUTED_TOTALS, [])).toEqual(recomputed);
  });
});
