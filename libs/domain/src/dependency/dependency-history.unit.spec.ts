import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  EQUIPMENT_REPLACED,
  type HoldingChangeEffect,
  type UnitKind,
} from '../contract/contract.js';
import { VENDOR_REGISTERED, VENDOR_RISK_RECLASSIFIED } from '../vendor/vendor.js';
import {
  type DependencySeries,
  dependencySeries,
  flagAt,
  type HistoryScope,
  type LedgerRow,
  profilesAt,
  type RiskList,
  type VendorClassification,
  type VendorIdentity,
} from './dependency-history.js';
import type { DependencyBasis, FigureAmount, NetworkDomain } from './dependency-metrics.js';

const at = (iso: string) => new Date(iso);

/** The last millisecond of a month (1-based), as the history's monthly points are. */
const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - 1);

/** Dec 2020 … Jul 2021: index 0 is December, 3 is March, 6 is June. */
const POINTS = [monthEnd(2020, 12), ...Array.from({ length: 7 }, (_, i) => monthEnd(2021, i + 1))] as const;
const MARCH = 3;
const JUNE = 6;

const identities: VendorIdentity[] = [
  { vendorId: 'huawei', name: 'Huawei', origin: 'CN' },
  { vendorId: 'ericsson', name: 'Ericsson', origin: 'SE' },
  { vendorId: 'nokia', name: 'Nokia', origin: 'FI' },
  { vendorId: 'zte', name: 'ZTE', origin: 'CN' },
];

function classified(
  vendorId: string,
  iso: string,
  highRisk: boolean,
  eventId: string,
  eventType: string = VENDOR_RISK_RECLASSIFIED,
): VendorClassification {
  return { vendorId, effectiveAt: at(iso), highRisk, eventId, eventType };
}

/** Ericsson and Nokia are known not high-risk from 2020; Huawei is unknown until its listing on 2021-03-12. */
const HUAWEI_LISTED = classified('huawei', '2021-03-12T00:00:00Z', true, 'evt-cls-huawei');
const classifications: VendorClassification[] = [
  classified('ericsson', '2020-01-01T00:00:00Z', false, 'evt-reg-ericsson', VENDOR_REGISTERED),
  classified('nokia', '2020-01-01T00:00:00Z', false, 'evt-reg-nokia', VENDOR_REGISTERED),
  HUAWEI_LISTED,
];

function row(args: {
  contractId: string;
  domain: NetworkDomain;
  unitKind: UnitKind;
  vendorId: string;
  units: number;
  value?: number;
  currency?: string | null;
  at: string;
  eventId: string;
  eventType?: string;
  effect?: HoldingChangeEffect;
}): LedgerRow {
  return {
    contractId: args.contractId,
    domain: args.domain,
    unitKind: args.unitKind,
    vendorId: args.vendorId,
    unitsDelta: args.units,
    valueDelta: BigInt(args.value ?? 0),
    currency: args.currency === undefined ? 'USD' : args.currency,
    effectiveAt: at(args.at),
    causeEventId: args.eventId,
    causeType: args.eventType ?? CONTRACT_AWARDED,
    effect: args.effect ?? 'change',
  };
}

/**
 * The country: RAN counted in sites, core in units, all in USD.
 *   RAN  (2020-06-01): Huawei 600 sites for 30M (c-ran-hw), Ericsson 400 sites for 30M (c-ran-er).
 *   Core (2020-09-01): Huawei 100 units for 10M (c-core-hw), Nokia 300 units for 30M (c-core-nk).
 *   2021-06-15: 300 of Huawei's RAN sites replaced by Nokia's under c-ran-hw; the value moves with them,
 *   30M × 300/600 = 15M.
 */
const ledger: LedgerRow[] = [
  row({
    contractId: 'c-ran-hw',
    domain: 'ran',
    unitKind: 'sites',
    vendorId: 'huawei',
    units: 600,
    value: 30_000_000,
    at: '2020-06-01T00:00:00Z',
    eventId: 'evt-ran-hw-award',
  }),
  row({
    contractId: 'c-ran-er',
    domain: 'ran',
    unitKind: 'sites',
    vendorId: 'ericsson',
    units: 400,
    value: 30_000_000,
    at: '2020-06-01T00:00:00Z',
    eventId: 'evt-ran-er-award',
  }),
  row({
    contractId: 'c-core-hw',
    domain: 'core',
    unitKind: 'units',
    vendorId: 'huawei',
    units: 100,
    value: 10_000_000,
    at: '2020-09-01T00:00:00Z',
    eventId: 'evt-core-hw-award',
  }),
  row({
    contractId: 'c-core-nk',
    domain: 'core',
    unitKind: 'units',
    vendorId: 'nokia',
    units: 300,
    value: 30_000_000,
    at: '2020-09-01T00:00:00Z',
    eventId: 'evt-core-nk-award',
  }),
  ...(['huawei', 'nokia'] as const).map((vendorId) =>
    row({
      contractId: 'c-ran-hw',
      domain: 'ran',
      unitKind: 'sites',
      vendorId,
      units: vendorId === 'huawei' ? -300 : 300,
      value: vendorId === 'huawei' ? -15_000_000 : 15_000_000,
      at: '2021-06-15T00:00:00Z',
      eventId: 'evt-ran-replace',
      eventType: EQUIPMENT_REPLACED,
    }),
  ),
];

function history(args: {
  basis: DependencyBasis;
  riskList: RiskList;
  scope?: HistoryScope;
  ledger?: readonly LedgerRow[];
  classifications?: readonly VendorClassification[];
  points?: readonly Date[];
}): DependencySeries[] {
  return dependencySeries({
    ledger: args.ledger ?? ledger,
    classifications: args.classifications ?? classifications,
    identities,
    points: args.points ?? POINTS,
    basis: args.basis,
    scope: args.scope ?? 'all',
    riskList: args.riskList,
  });
}

/** A figure's amount as a number: a count, or on the value basis its minor units. */
function counted(amount: FigureAmount): number {
  return typeof amount === 'number' ? amount : Number(amount.minor);
}

/** Each point as [month, total (units, or minor units), high-risk %, unknown %, HHI]. */
function headlines(series: DependencySeries | undefined) {
  return series?.points.map((p) => [
    p.at.toISOString().slice(0, 7),
    counted(p.figure.total),
    p.figure.highRiskSharePercent,
    p.figure.unknownRiskSharePercent,
    p.figure.hhi,
  ]);
}

/** Which points carry moves, as [point index, move instant, cause event ids]. */
function movesOf(series: DependencySeries | undefined) {
  return series?.points.flatMap((p, index) =>
    p.moves.map((m) => [index, m.at.toISOString(), m.causes.map((c) => c.eventId)]),
  );
}

const theReclassification = {
  kind: 'reclassification',
  eventId: 'evt-cls-huawei',
  eventType: VENDOR_RISK_RECLASSIFIED,
  vendorId: 'huawei',
  highRisk: true,
};

const theReplacement = {
  kind: 'contract',
  eventId: 'evt-ran-replace',
  eventType: EQUIPMENT_REPLACED,
  contractId: 'c-ran-hw',
  effect: 'change',
};

describe('flagAt', () => {
  const flags = [
    classified('zte', '2019-05-01T00:00:00Z', false, 'evt-1', VENDOR_REGISTERED),
    classified('zte', '2021-03-12T00:00:00Z', true, 'evt-2'),
    classified('zte', '2023-01-01T00:00:00Z', false, 'evt-3'),
  ];

  it('is unknown (null) before the first classification, never the earliest flag', () => {
    expect(flagAt(flags, 'zte', at('2019-04-30T23:59:59.999Z'), 'asOf')).toBeNull();
    expect(flagAt(classifications, 'huawei', at('2021-03-11T23:59:59.999Z'), 'asOf')).toBeNull();
  });

  it('takes the latest classification at or before the instant with asOf', () => {
    expect(flagAt(flags, 'zte', at('2019-05-01T00:00:00Z'), 'asOf')).toBe(false);
    expect(flagAt(flags, 'zte', at('2021-03-12T00:00:00Z'), 'asOf')).toBe(true);
    expect(flagAt(flags, 'zte', at('2022-12-31T23:59:59.999Z'), 'asOf')).toBe(true);
    expect(flagAt(flags, 'zte', at('2024-01-01T00:00:00Z'), 'asOf')).toBe(false);
  });

  it('takes the latest classification of all, whatever the instant, with current', () => {
    expect(flagAt(flags, 'zte', at('2000-01-01T00:00:00Z'), 'current')).toBe(false);
    expect(flagAt(classifications, 'huawei', at('2000-01-01T00:00:00Z'), 'current')).toBe(true);
  });

  it('is unknown for a vendor never classified, on either list', () => {
    expect(flagAt(flags, 'acme', at('2024-01-01T00:00:00Z'), 'asOf')).toBeNull();
    expect(flagAt(flags, 'acme', at('2024-01-01T00:00:00Z'), 'current')).toBeNull();
  });
});

describe('profilesAt', () => {
  const holdings = [
    { domain: 'ran', unitKind: 'sites', vendorId: 'huawei', units: 1, value: 0n, currency: null },
    { domain: 'core', unitKind: 'units', vendorId: 'huawei', units: 2, value: 0n, currency: null },
    { domain: 'core', unitKind: 'units', vendorId: 'acme', units: 3, value: 0n, currency: null },
  ] as const;

  it('gives one profile per vendor held, with its identity and the flag of the risk list', () => {
    const before = at('2021-01-01T00:00:00Z');
    expect(profilesAt(holdings, identities, classifications, before, 'asOf')).toEqual([
      { vendorId: 'huawei', name: 'Huawei', origin: 'CN', highRisk: null },
      { vendorId: 'acme', name: 'acme', origin: 'ZZ', highRisk: null },
    ]);
    expect(profilesAt(holdings, identities, classifications, before, 'current')[0]?.highRisk).toBe(true);
  });
});

describe('units basis, flags as of each date', () => {
  const [sites, units] = history({ basis: 'units', riskList: 'asOf' });

  it('answers one series per unit kind across all domains, never one sum', () => {
    const all = history({ basis: 'units', riskList: 'asOf' });
    expect(all.map((s) => [s.domain, s.basis, s.unitKind, s.currency])).toEqual([
      ['all', 'units', 'sites', null],
      ['all', 'units', 'units', null],
    ]);
  });

  it('measures the RAN sites at each month end', () => {
    // Dec–Feb: Huawei 600 (unknown), Ericsson 400 → total 1,000; high-risk 0 %, unknown 600/1,000 = 60 %;
    //   HHI 60² + 40² = 3600 + 1600 = 5200.
    // Mar–May: Huawei listed on 12 March → high-risk 60 %, unknown 0 %; amounts, and so the HHI, unchanged.
    // Jun–Jul: 300 sites to Nokia on 15 June → Huawei 300, Ericsson 400, Nokia 300; high-risk 30 %;
    //   HHI 30² + 40² + 30² = 900 + 1600 + 900 = 3400.
    expect(headlines(sites)).toEqual([
      ['2020-12', 1000, 0, 60, 5200],
      ['2021-01', 1000, 0, 60, 5200],
      ['2021-02', 1000, 0, 60, 5200],
      ['2021-03', 1000, 60, 0, 5200],
      ['2021-04', 1000, 60, 0, 5200],
      ['2021-05', 1000, 60, 0, 5200],
      ['2021-06', 1000, 30, 0, 3400],
      ['2021-07', 1000, 30, 0, 3400],
    ]);
  });

  it('reports the reclassification as a move of its own, with no contract cause', () => {
    const march = sites?.points[MARCH];
    expect(march?.moves).toEqual([
      {
        at: at('2021-03-12T00:00:00Z'),
        causes: [theReclassification],
        before: {
          total: 1000,
          highRiskSharePercent: 0,
          unknownRiskSharePercent: 60,
          hhi: 5200,
          vendorCount: 2,
          highRiskInCore: false,
        },
        after: {
          total: 1000,
          highRiskSharePercent: 60,
          unknownRiskSharePercent: 0,
          hhi: 5200,
          vendorCount: 2,
          highRiskInCore: false,
        },
      },
    ]);
  });

  it('reports the replacement as a move caused by its contract event, once for both of its rows', () => {
    const june = sites?.points[JUNE];
    expect(june?.moves).toHaveLength(1);
    expect(june?.moves[0]).toMatchObject({
      at: at('2021-06-15T00:00:00Z'),
      causes: [theReplacement],
      before: { highRiskSharePercent: 60, vendorCount: 2, hhi: 5200 },
      after: { highRiskSharePercent: 30, vendorCount: 3, hhi: 3400 },
    });
    expect(movesOf(sites)).toEqual([
      [MARCH, '2021-03-12T00:00:00.000Z', ['evt-cls-huawei']],
      [JUNE, '2021-06-15T00:00:00.000Z', ['evt-ran-replace']],
    ]);
  });

  it('measures the core units apart, moved only by the reclassification', () => {
    // Huawei 100 (unknown) + Nokia 300 = 400: unknown 100/400 = 25 %, HHI 25² + 75² = 625 + 5625 = 6250.
    // From 12 March Huawei is high-risk: 25 %, and the core holds a high-risk vendor. The RAN replacement
    // is in another figure.
    expect(headlines(units)).toEqual([
      ['2020-12', 400, 0, 25, 6250],
      ['2021-01', 400, 0, 25, 6250],
      ['2021-02', 400, 0, 25, 6250],
      ['2021-03', 400, 25, 0, 6250],
      ['2021-04', 400, 25, 0, 6250],
      ['2021-05', 400, 25, 0, 6250],
      ['2021-06', 400, 25, 0, 6250],
      ['2021-07', 400, 25, 0, 6250],
    ]);
    expect(units?.points.map((p) => p.figure.highRiskInCore)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(movesOf(units)).toEqual([[MARCH, '2021-03-12T00:00:00.000Z', ['evt-cls-huawei']]]);
  });
});

describe('units basis, today’s flags applied to all of history', () => {
  const [sites, units] = history({ basis: 'units', riskList: 'current' });

  it('counts Huawei high-risk before 2021 already, and moves only with the replacement', () => {
    // Dec–May: Huawei 600 of 1,000 sites, high-risk by today's list → 60 %, unknown 0 %; HHI 5200.
    // Jun–Jul: Huawei 300 of 1,000 → 30 %; HHI 3400.
    expect(headlines(sites)).toEqual([
      ['2020-12', 1000, 60, 0, 5200],
      ['2021-01', 1000, 60, 0, 5200],
      ['2021-02', 1000, 60, 0, 5200],
      ['2021-03', 1000, 60, 0, 5200],
      ['2021-04', 1000, 60, 0, 5200],
      ['2021-05', 1000, 60, 0, 5200],
      ['2021-06', 1000, 30, 0, 3400],
      ['2021-07', 1000, 30, 0, 3400],
    ]);
  });

  it('makes no move of the reclassification', () => {
    expect(sites?.points[MARCH]?.moves).toEqual([]);
    expect(movesOf(sites)).toEqual([[JUNE, '2021-06-15T00:00:00.000Z', ['evt-ran-replace']]]);
    expect(sites?.points[JUNE]?.moves[0]?.causes).toEqual([theReplacement]);
  });

  it('shows the core with a high-risk vendor throughout, and no move at all', () => {
    // Huawei 100 of 400 core units = 25 % at every point.
    expect(units?.points.map((p) => [p.figure.highRiskSharePercent, p.figure.highRiskInCore])).toEqual(
      POINTS.map(() => [25, true]),
    );
    expect(movesOf(units)).toEqual([]);
  });
});

describe('value basis, flags as of each date', () => {
  it('adds every domain’s USD into one figure, moved by the reclassification and then the replacement', () => {
    // All domains in USD: Huawei 30M + 10M = 40M, Ericsson 30M, Nokia 30M → 100M.
    // Dec–Feb: high-risk 0 %, unknown 40M/100M = 40 %; HHI 40² + 30² + 30² = 1600 + 900 + 900 = 3400.
    // Mar–May: Huawei listed → high-risk 40 %, unknown 0 %.
    // Jun–Jul: 15M moves from Huawei to Nokia → Huawei 25M, Nokia 45M, Ericsson 30M → high-risk 25 %;
    //   HHI 25² + 45² + 30² = 625 + 2025 + 900 = 3550.
    const all = history({ basis: 'value', riskList: 'asOf' });
    expect(all.map((s) => [s.domain, s.basis, s.unitKind, s.currency])).toEqual([
      ['all', 'value', null, 'USD'],
    ]);
    expect(headlines(all[0])).toEqual([
      ['2020-12', 100_000_000, 0, 40, 3400],
      ['2021-01', 100_000_000, 0, 40, 3400],
      ['2021-02', 100_000_000, 0, 40, 3400],
      ['2021-03', 100_000_000, 40, 0, 3400],
      ['2021-04', 100_000_000, 40, 0, 3400],
      ['2021-05', 100_000_000, 40, 0, 3400],
      ['2021-06', 100_000_000, 25, 0, 3550],
      ['2021-07', 100_000_000, 25, 0, 3550],
    ]);
    expect(movesOf(all[0])).toEqual([
      [MARCH, '2021-03-12T00:00:00.000Z', ['evt-cls-huawei']],
      [JUNE, '2021-06-15T00:00:00.000Z', ['evt-ran-replace']],
    ]);
    expect(all[0]?.points[MARCH]?.moves[0]?.causes).toEqual([theReclassification]);
  });

  it('gives each domain its own series when asked for each', () => {
    // RAN USD: Huawei 30M, Ericsson 30M → unknown 50 %; from March high-risk 50 %; from 15 June
    //   Huawei 15M, Ericsson 30M, Nokia 15M → 25 %, HHI 25² + 50² + 25² = 625 + 2500 + 625 = 3750.
    // Core USD: Huawei 10M, Nokia 30M → unknown 25 %, then high-risk 25 %; HHI 625 + 5625 = 6250.
    const each = history({ basis: 'value', riskList: 'asOf', scope: 'each' });
    expect(each.map((s) => [s.domain, s.currency])).toEqual([
      ['ran', 'USD'],
      ['core', 'USD'],
    ]);
    const [ran, core] = each;
    expect(headlines(ran)?.filter((_, i) => [0, MARCH, JUNE].includes(i))).toEqual([
      ['2020-12', 60_000_000, 0, 50, 5000],
      ['2021-03', 60_000_000, 50, 0, 5000],
      ['2021-06', 60_000_000, 25, 0, 3750],
    ]);
    expect(headlines(core)?.filter((_, i) => [0, MARCH, JUNE].includes(i))).toEqual([
      ['2020-12', 40_000_000, 0, 25, 6250],
      ['2021-03', 40_000_000, 25, 0, 6250],
      ['2021-06', 40_000_000, 25, 0, 6250],
    ]);
    expect(movesOf(core)).toEqual([[MARCH, '2021-03-12T00:00:00.000Z', ['evt-cls-huawei']]]);
  });
});

describe('value basis, today’s flags applied to all of history', () => {
  it('counts Huawei’s 40M high-risk from the start and moves only with the replacement', () => {
    // Dec–May: 40M of 100M = 40 %. Jun–Jul: 25M of 100M = 25 %.
    const [usd] = history({ basis: 'value', riskList: 'current' });
    expect(usd?.points.map((p) => [p.figure.highRiskSharePercent, p.figure.unknownRiskSharePercent])).toEqual(
      [
        [40, 0],
        [40, 0],
        [40, 0],
        [40, 0],
        [40, 0],
        [40, 0],
        [25, 0],
        [25, 0],
      ],
    );
    expect(movesOf(usd)).toEqual([[JUNE, '2021-06-15T00:00:00.000Z', ['evt-ran-replace']]]);
  });
});

describe('causes of a move', () => {
  const ranSites = (vendorId: string, units: number, iso: string, eventId: string, eventType?: string) =>
    row({
      contractId: `c-${eventId}`,
      domain: 'ran',
      unitKind: 'sites',
      vendorId,
      units,
      at: iso,
      eventId,
      eventType,
    });

  it('names every contract event that moved the figure at that instant, and none of another figure', () => {
    // On 10 May: Ericsson +100 RAN sites (an amendment), Nokia +200 RAN sites (an award), and a core award
    // of ZTE units, which is another figure. Sites: Huawei 600, Ericsson 500, Nokia 200 → 1,300.
    const may10 = '2021-05-10T09:00:00Z';
    const rows = [
      ...ledger,
      ranSites('ericsson', 100, may10, 'evt-ran-er-amend', CONTRACT_AMENDED),
      ranSites('nokia', 200, may10, 'evt-ran-nk-award'),
      row({
        contractId: 'c-core-zte',
        domain: 'core',
        unitKind: 'units',
        vendorId: 'zte',
        units: 50,
        at: may10,
        eventId: 'evt-core-zte-award',
      }),
    ];
    const [sites, units] = history({ basis: 'units', riskList: 'current', ledger: rows });
    const may = sites?.points[5];
    expect(may?.moves.map((m) => m.causes)).toEqual([
      [
        {
          kind: 'contract',
          eventId: 'evt-ran-er-amend',
          eventType: CONTRACT_AMENDED,
          contractId: 'c-evt-ran-er-amend',
          effect: 'change',
        },
        {
          kind: 'contract',
          eventId: 'evt-ran-nk-award',
          eventType: CONTRACT_AWARDED,
          contractId: 'c-evt-ran-nk-award',
          effect: 'change',
        },
      ],
    ]);
    expect(may?.figure.total).toBe(1300);
    expect(units?.points[5]?.moves.map((m) => m.causes.map((c) => c.eventId))).toEqual([
      ['evt-core-zte-award'],
    ]);
  });

  it('names the event that set the period when equipment goes out of service at its end', () => {
    // c-ran-er's period ends: Ericsson's 400 sites leave on 1 April; Huawei 600 alone → 100 % (current list).
    const rows = [
      ...ledger,
      row({
        contractId: 'c-ran-er',
        domain: 'ran',
        unitKind: 'sites',
        vendorId: 'ericsson',
        units: -400,
        value: -30_000_000,
        at: '2021-04-01T00:00:00Z',
        eventId: 'evt-ran-er-award',
        effect: 'period-ended',
      }),
    ];
    const [sites] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(sites?.points[4]?.moves).toMatchObject([
      {
        causes: [
          { kind: 'contract', eventId: 'evt-ran-er-award', contractId: 'c-ran-er', effect: 'period-ended' },
        ],
        before: { highRiskSharePercent: 60, total: 1000 },
        after: { highRiskSharePercent: 100, total: 600 },
      },
    ]);
  });

  it('lists a reclassification and a contract event falling on the same instant together', () => {
    // Nokia +400 RAN sites on the day Huawei is listed: Huawei 600 of 1,400 → 42.86 % high-risk.
    const rows = [...ledger, ranSites('nokia', 400, '2021-03-12T00:00:00Z', 'evt-ran-nk-award')];
    const [sites] = history({ basis: 'units', riskList: 'asOf', ledger: rows });
    expect(
      sites?.points[MARCH]?.moves.map((m) => [m.causes.map((c) => c.kind), m.after.highRiskSharePercent]),
    ).toEqual([[['contract', 'reclassification'], 42.86]]);
  });

  it('makes no move of a reclassification of a vendor the figure does not hold', () => {
    const extra = [...classifications, classified('zte', '2021-04-20T00:00:00Z', true, 'evt-cls-zte')];
    const [sites, units] = history({ basis: 'units', riskList: 'asOf', classifications: extra });
    expect(movesOf(sites)?.flatMap(([, , ids]) => ids)).not.toContain('evt-cls-zte');
    expect(movesOf(units)?.flatMap(([, , ids]) => ids)).not.toContain('evt-cls-zte');
  });

  it('names a first classification of a vendor as not high-risk as the cause of the unknown share falling', () => {
    // Without Ericsson's 2020 registration it is unknown until classified not high-risk on 5 Feb:
    // Dec–Jan: Huawei 600 + Ericsson 400 both unknown → unknown 100 %; from 5 Feb: unknown 60 %.
    const late = [
      classified('ericsson', '2021-02-05T00:00:00Z', false, 'evt-cls-ericsson'),
      ...classifications.filter((c) => c.vendorId !== 'ericsson'),
    ];
    const [sites] = history({ basis: 'units', riskList: 'asOf', classifications: late });
    expect(sites?.points.slice(0, 3).map((p) => p.figure.unknownRiskSharePercent)).toEqual([100, 100, 60]);
    expect(sites?.points[2]?.moves.map((m) => m.causes)).toEqual([
      [
        {
          kind: 'reclassification',
          eventId: 'evt-cls-ericsson',
          eventType: VENDOR_RISK_RECLASSIFIED,
          vendorId: 'ericsson',
          highRisk: false,
        },
      ],
    ]);
  });
});

describe('events at the instant of a move that did not move it', () => {
  const JUNE_15 = '2021-06-15T00:00:00Z';

  it('are not causes: a units-only change on the value basis, a value-only change on the units basis', () => {
    // With the replacement on 15 June: Nokia +50 core units with no value (an amendment of units only), and
    // Ericsson's RAN contract revalued by +6M with no change of sites. Neither moves the other basis' figure.
    const rows = [
      ...ledger,
      row({
        contractId: 'c-core-nk',
        domain: 'core',
        unitKind: 'units',
        vendorId: 'nokia',
        units: 50,
        value: 0,
        at: JUNE_15,
        eventId: 'evt-core-nk-units',
        eventType: CONTRACT_AMENDED,
      }),
      row({
        contractId: 'c-ran-er',
        domain: 'ran',
        unitKind: 'sites',
        vendorId: 'ericsson',
        units: 0,
        value: 6_000_000,
        at: JUNE_15,
        eventId: 'evt-ran-er-value',
        eventType: CONTRACT_AMENDED,
      }),
    ];
    const [usd] = history({ basis: 'value', riskList: 'current', ledger: rows });
    expect(usd?.points[JUNE]?.moves.map((m) => m.causes.map((c) => c.eventId))).toEqual([
      ['evt-ran-replace', 'evt-ran-er-value'],
    ]);
    const [sites, units] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(sites?.points[JUNE]?.moves.map((m) => m.causes.map((c) => c.eventId))).toEqual([
      ['evt-ran-replace'],
    ]);
    expect(units?.points[JUNE]?.moves.map((m) => m.causes.map((c) => c.eventId))).toEqual([
      ['evt-core-nk-units'],
    ]);
  });

  it('are not causes: a classification that leaves a vendor’s flag as it was', () => {
    // Nokia is confirmed not high-risk on the day of the replacement: its flag stays false, so only the
    // replacement moved the figure (and the move stays one a contract event caused).
    const reaffirmed = [...classifications, classified('nokia', JUNE_15, false, 'evt-cls-nokia-again')];
    const [sites] = history({ basis: 'units', riskList: 'asOf', classifications: reaffirmed });
    expect(sites?.points[JUNE]?.moves.map((m) => m.causes)).toEqual([[theReplacement]]);
  });

  it('make no move on their own', () => {
    // Ericsson's revaluation alone, in April, leaves the sites figure as it was.
    const rows = [
      ...ledger,
      row({
        contractId: 'c-ran-er',
        domain: 'ran',
        unitKind: 'sites',
        vendorId: 'ericsson',
        units: 0,
        value: 6_000_000,
        at: '2021-04-10T00:00:00Z',
        eventId: 'evt-ran-er-value',
        eventType: CONTRACT_AMENDED,
      }),
    ];
    const [sites] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(movesOf(sites)).toEqual([[JUNE, '2021-06-15T00:00:00.000Z', ['evt-ran-replace']]]);
  });
});

describe('which point a move belongs to', () => {
  const JAN_END = '2021-01-31T23:59:59.999Z';
  const FEB_START = '2021-02-01T00:00:00.000Z';
  const ranSites = (vendorId: string, units: number, iso: string, eventId: string) =>
    row({ contractId: `c-${eventId}`, domain: 'ran', unitKind: 'sites', vendorId, units, at: iso, eventId });

  it('assigns a move to the point whose window (previous point, point] holds it', () => {
    // Nokia +100 at the last millisecond of January counts in January's figure (1,100) and moves it;
    // Nokia +100 a millisecond later is February's (1,200).
    const rows = [
      ...ledger,
      ranSites('nokia', 100, JAN_END, 'evt-jan'),
      ranSites('nokia', 100, FEB_START, 'evt-feb'),
    ];
    const [sites] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(sites?.points.slice(0, 3).map((p) => p.figure.total)).toEqual([1000, 1100, 1200]);
    expect(movesOf(sites)?.filter(([index]) => (index as number) < MARCH)).toEqual([
      [1, JAN_END, ['evt-jan']],
      [2, FEB_START, ['evt-feb']],
    ]);
  });

  it('lists several moves of one window in time order', () => {
    const rows = [
      ...ledger,
      ranSites('nokia', 100, '2021-02-20T00:00:00Z', 'evt-late'),
      ranSites('nokia', 100, '2021-02-03T00:00:00Z', 'evt-early'),
    ];
    const [sites] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(sites?.points[2]?.moves.map((m) => m.causes.map((c) => c.eventId))).toEqual([
      ['evt-early'],
      ['evt-late'],
    ]);
  });

  it('does not list a change on the first point as a move: the series starts there', () => {
    // Nokia +100 exactly at the first point is part of its figure (1,100); Nokia +50 a millisecond later is
    // the first move, listed on the next point.
    const first = POINTS[0].toISOString();
    const justAfter = new Date(POINTS[0].getTime() + 1).toISOString();
    const rows = [
      ...ledger,
      ranSites('nokia', 100, first, 'evt-on-first'),
      ranSites('nokia', 50, justAfter, 'evt-after'),
    ];
    const [sites] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(sites?.points[0]?.figure.total).toBe(1100);
    expect(sites?.points[0]?.moves).toEqual([]);
    expect(sites?.points[1]?.figure.total).toBe(1150);
    expect(movesOf(sites)?.[0]).toEqual([1, justAfter, ['evt-after']]);
  });

  it('does not list a reclassification on the first point as a move', () => {
    const onFirst = [
      ...classifications.filter((c) => c.vendorId !== 'huawei'),
      { ...HUAWEI_LISTED, effectiveAt: POINTS[0] },
    ];
    const [sites] = history({ basis: 'units', riskList: 'asOf', classifications: onFirst });
    expect(sites?.points[0]?.figure.highRiskSharePercent).toBe(60);
    expect(movesOf(sites)).toEqual([[JUNE, '2021-06-15T00:00:00.000Z', ['evt-ran-replace']]]);
  });

  it('leaves changes after the last point out', () => {
    const rows = [...ledger, ranSites('nokia', 100, '2021-08-01T00:00:00Z', 'evt-august')];
    const [sites] = history({ basis: 'units', riskList: 'current', ledger: rows });
    expect(sites?.points.at(-1)?.figure.total).toBe(1000);
    expect(movesOf(sites)?.flatMap(([, , ids]) => ids)).not.toContain('evt-august');
  });
});

describe('a figure that starts within the range', () => {
  it('is empty at the points before its first holding, and moves from nothing', () => {
    // Only the core award of 2020-09-01, seen from monthly points Aug–Oct 2020: empty in August, then
    // Huawei 100 + Nokia 300 = 400 in September.
    const points = [monthEnd(2020, 8), monthEnd(2020, 9), monthEnd(2020, 10)];
    const coreOnly = ledger.filter((r) => r.domain === 'core');
    const [units] = history({ basis: 'units', riskList: 'current', ledger: coreOnly, points });
    expect(units?.points.map((p) => [p.figure.total, p.figure.band])).toEqual([
      [0, null],
      [400, 'high'],
      [400, 'high'],
    ]);
    expect(units?.points[1]?.moves).toMatchObject([
      {
        before: { total: 0, vendorCount: 0 },
        after: { total: 400, vendorCount: 2, highRiskSharePercent: 25 },
      },
    ]);
    expect(units?.points[1]?.moves[0]?.causes.map((c) => c.eventId)).toEqual([
      'evt-core-hw-award',
      'evt-core-nk-award',
    ]);
  });
});
