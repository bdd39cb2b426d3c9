import type { UnitKind } from '../contract/contract.js';
import {
  concentrationBand,
  dependencyByDomain,
  dependencyFigures,
  dependencyMetrics,
  type FigureAmount,
  type Holding,
  measuresOf,
  type NetworkDomain,
  type VendorProfile,
} from './dependency-metrics.js';

/** A figure's amount as a number: a count, or on the value basis its minor units. */
function counted(amount: FigureAmount): number {
  return typeof amount === 'number' ? amount : Number(amount.minor);
}

const registry: VendorProfile[] = [
  { vendorId: 'huawei', name: 'Huawei', origin: 'CN', highRisk: true },
  { vendorId: 'zte', name: 'ZTE', origin: 'CN', highRisk: true },
  { vendorId: 'ericsson', name: 'Ericsson', origin: 'SE', highRisk: false },
  { vendorId: 'nokia', name: 'Nokia', origin: 'FI', highRisk: false },
  { vendorId: 'samsung', name: 'Samsung', origin: 'KR', highRisk: false },
  // Registered, but not yet classified at the date measured.
  { vendorId: 'newco', name: 'NewCo', origin: 'XX', highRisk: null },
];

function holding(
  domain: NetworkDomain,
  vendorId: string,
  units: number,
  value = 0,
  currency: string | null = null,
  unitKind: UnitKind = 'units',
): Holding {
  // Values in minor units of the currency.
  return { domain, unitKind, vendorId, units, value: BigInt(value), currency };
}

function sites(domain: NetworkDomain, vendorId: string, count: number): Holding {
  return holding(domain, vendorId, count, 0, null, 'sites');
}

/** n vendors v00, v01, … each holding the given units in RAN. */
function ranVendors(units: readonly number[]): Holding[] {
  return units.map((u, i) => holding('ran', `v${String(i).padStart(2, '0')}`, u));
}

/** The units-basis figure of a scope counted in equipment units. */
function inUnits(holdings: readonly Holding[], domain: NetworkDomain | 'all', vendors = registry) {
  return dependencyMetrics(holdings, vendors, 'units', domain, 'units');
}

describe('vendor shares and HHI of one domain', () => {
  // RAN: Huawei 600, Ericsson 300, Nokia 100 → total 1000, shares 60 / 30 / 10.
  // HHI = 60² + 30² + 10² = 3600 + 900 + 100 = 4600 → 0.46 normalised → high.
  // High-risk share = Huawei only = 60 %.
  const ran = [holding('ran', 'huawei', 600), holding('ran', 'ericsson', 300), holding('ran', 'nokia', 100)];

  it('gives each vendor its share of the total, largest first, with registry details', () => {
    const result = inUnits(ran, 'ran');
    expect(result.total).toBe(1000);
    expect(result.vendorCount).toBe(3);
    expect(result.vendors).toEqual([
      { vendorId: 'huawei', name: 'Huawei', origin: 'CN', highRisk: true, amount: 600, sharePercent: 60 },
      {
        vendorId: 'ericsson',
        name: 'Ericsson',
        origin: 'SE',
        highRisk: false,
        amount: 300,
        sharePercent: 30,
      },
      { vendorId: 'nokia', name: 'Nokia', origin: 'FI', highRisk: false, amount: 100, sharePercent: 10 },
    ]);
  });

  it('sums the squared percentage shares into the HHI and bands it', () => {
    const result = inUnits(ran, 'ran');
    expect(result.hhi).toBe(4600);
    expect(result.band).toBe('high');
  });

  it('reports the share held by high-risk vendors, and none of unknown risk', () => {
    const result = inUnits(ran, 'ran');
    expect(result.highRiskSharePercent).toBe(60);
    expect(result.unknownRiskSharePercent).toBe(0);
  });

  it('echoes the domain, basis and unit it measured', () => {
    const result = inUnits(ran, 'ran');
    expect(result).toMatchObject({ domain: 'ran', basis: 'units', unitKind: 'units', currency: null });
  });

  it('only counts holdings of the domain asked about', () => {
    // Core Huawei 1000 must not leak into RAN: RAN stays Ericsson 300 / Nokia 100 → 75 / 25.
    const holdings = [
      holding('core', 'huawei', 1000),
      holding('ran', 'ericsson', 300),
      holding('ran', 'nokia', 100),
    ];
    const result = inUnits(holdings, 'ran');
    expect(result.total).toBe(400);
    expect(result.vendors.map((v) => [v.vendorId, v.sharePercent])).toEqual([
      ['ericsson', 75],
      ['nokia', 25],
    ]);
    expect(result.highRiskSharePercent).toBe(0);
  });

  it('adds up several holdings of the same vendor', () => {
    // Two operators each with 150 Ericsson units + Nokia 100 → Ericsson 300 of 400 = 75 %.
    const holdings = [
      holding('ran', 'ericsson', 150),
      holding('ran', 'ericsson', 150),
      holding('ran', 'nokia', 100),
    ];
    const result = inUnits(holdings, 'ran');
    expect(result.vendorCount).toBe(2);
    expect(result.vendors[0]).toMatchObject({ vendorId: 'ericsson', amount: 300, sharePercent: 75 });
  });

  it('orders vendors with equal amounts by vendorId', () => {
    const holdings = [
      holding('ran', 'nokia', 100),
      holding('ran', 'ericsson', 100),
      holding('ran', 'huawei', 50),
    ];
    expect(inUnits(holdings, 'ran').vendors.map((v) => v.vendorId)).toEqual(['ericsson', 'nokia', 'huawei']);
  });

  it('rounds shares to two decimals without float artefacts, and the HHI to an integer', () => {
    // Three equal vendors: 100/3 = 33.333… → 33.33 each; HHI = 3 × (100/3)² = 3333.33… → 3333.
    const result = inUnits(ranVendors([1, 1, 1]), 'ran');
    expect(result.vendors.map((v) => v.sharePercent)).toEqual([33.33, 33.33, 33.33]);
    expect(result.hhi).toBe(3333);
  });

  it('rounds a share that ends in exactly half a hundredth away from zero', () => {
    // 1 of 800 = 0.125 % → 0.13; 799 of 800 = 99.875 % → 99.88 (both exact in binary floating point).
    const result = inUnits([holding('ran', 'a', 799), holding('ran', 'b', 1)], 'ran');
    expect(result.vendors.map((v) => v.sharePercent)).toEqual([99.88, 0.13]);
  });
});

describe('concentration bands (HHI/10,000: < 0.10 unconcentrated, 0.10–0.18 moderate, > 0.18 high)', () => {
  it.each([
    [0, 'unconcentrated'],
    [999, 'unconcentrated'],
    [1000, 'moderate'],
    [1800, 'moderate'],
    [1801, 'high'],
    [10000, 'high'],
  ] as const)('HHI %i is %s', (hhi, band) => {
    expect(concentrationBand(hhi)).toBe(band);
  });

  it('bands twenty equal vendors as unconcentrated', () => {
    // 20 × 5² = 500.
    const result = inUnits(ranVendors(Array(20).fill(1)), 'ran');
    expect(result.hhi).toBe(500);
    expect(result.band).toBe('unconcentrated');
  });

  it('bands ten equal vendors, exactly at 1000, as moderate', () => {
    // 10 × 10² = 1000 → 0.10 → lower edge of moderate.
    const result = inUnits(ranVendors(Array(10).fill(7)), 'ran');
    expect(result.hhi).toBe(1000);
    expect(result.band).toBe('moderate');
  });

  it('bands shares 30/20/10/10/10/10/10, exactly at 1800, as moderate', () => {
    // 900 + 400 + 5 × 100 = 1800 → 0.18 → upper edge of moderate (inclusive).
    const result = inUnits(ranVendors([30, 20, 10, 10, 10, 10, 10]), 'ran');
    expect(result.hhi).toBe(1800);
    expect(result.band).toBe('moderate');
  });

  it('bands a single vendor as high at 10,000', () => {
    const result = inUnits([holding('core', 'nokia', 4)], 'core');
    expect(result.hhi).toBe(10000);
    expect(result.band).toBe('high');
  });
});

describe('value basis', () => {
  // Core: Huawei 100 units worth USD 1M, Ericsson 50 units worth USD 3M.
  // By units: 66.67 / 33.33. By value: 1M/4M = 25 %, 3M/4M = 75 %; HHI = 625 + 5625 = 6250.
  const core = [
    holding('core', 'huawei', 100, 1_000_000, 'USD'),
    holding('core', 'ericsson', 50, 3_000_000, 'USD'),
  ];

  it('measures shares by contract value instead of units, in the currency asked for', () => {
    const result = dependencyMetrics(core, registry, 'value', 'core', 'USD');
    // Values in minor units: USD 40,000.00 in all, answered as money.
    expect(result).toMatchObject({
      basis: 'value',
      currency: 'USD',
      unitKind: null,
      total: { amount: '40000.00', minor: '4000000', currency: 'USD' },
    });
    expect(result.vendors.map((v) => [v.vendorId, counted(v.amount), v.sharePercent])).toEqual([
      ['ericsson', 3_000_000, 75],
      ['huawei', 1_000_000, 25],
    ]);
    expect(result.hhi).toBe(6250);
    expect(result.highRiskSharePercent).toBe(25);
  });

  it('measures the same holdings by units when asked', () => {
    const result = inUnits(core, 'core');
    expect(result.vendors.map((v) => [v.vendorId, v.sharePercent])).toEqual([
      ['huawei', 66.67],
      ['ericsson', 33.33],
    ]);
  });

  it('leaves holdings without a contract value out of the value figures', () => {
    // Nokia's 10 units carry no value (and so no currency): the USD figure stays at 4M, and no other appears.
    const holdings = [...core, holding('core', 'nokia', 10, 0, null)];
    const figures = dependencyFigures(holdings, registry, 'value', 'core');
    expect(figures.map((f) => [f.currency, counted(f.total)])).toEqual([['USD', 4_000_000]]);
    expect(figures[0]?.vendors.map((v) => v.vendorId)).toEqual(['ericsson', 'huawei']);
  });
});

describe('several currencies', () => {
  // RAN: Huawei 100 units for USD 1,000,000; Ericsson 100 units for EUR 900,000. No exchange rate is assumed:
  // each currency is its own figure, each with its only vendor at 100 %.
  const mixed = [
    holding('ran', 'huawei', 100, 1_000_000, 'USD'),
    holding('ran', 'ericsson', 100, 900_000, 'EUR'),
  ];

  it('gives one figure per currency, A–Z, never one sum', () => {
    const figures = dependencyFigures(mixed, registry, 'value', 'ran');
    expect(figures.map((f) => [f.currency, counted(f.total), f.highRiskSharePercent, f.hhi])).toEqual([
      ['EUR', 900_000, 0, 10000],
      ['USD', 1_000_000, 100, 10000],
    ]);
    expect(figures.map((f) => f.vendors.map((v) => v.vendorId))).toEqual([['ericsson'], ['huawei']]);
  });

  it('counts only the asked currency in a single figure', () => {
    expect(counted(dependencyMetrics(mixed, registry, 'value', 'ran', 'EUR').total)).toBe(900_000);
  });

  it('does not care about currencies when counting units', () => {
    const figures = dependencyFigures(mixed, registry, 'units', 'ran');
    expect(figures.map((f) => [f.unitKind, f.total])).toEqual([['units', 200]]);
  });

  it('only looks at the currencies of the domain measured, and keeps them apart across all domains', () => {
    const holdings = [holding('ran', 'huawei', 1, 500, 'USD'), holding('core', 'nokia', 1, 700, 'EUR')];
    expect(
      dependencyByDomain(holdings, registry, 'value').map((d) => [d.domain, d.currency, counted(d.total)]),
    ).toEqual([
      ['ran', 'USD', 500],
      ['core', 'EUR', 700],
    ]);
    expect(
      dependencyFigures(holdings, registry, 'value', 'all').map((d) => [d.currency, counted(d.total)]),
    ).toEqual([
      ['EUR', 700],
      ['USD', 500],
    ]);
  });
});

describe('sites and units', () => {
  // RAN holds sites and units. Sites: Huawei 1,400 + Nokia 600 = 2,000 → Huawei 70 %, HHI 4900 + 900 = 5800.
  // Units: Ericsson 4,000 + Huawei 1,000 = 5,000 → Huawei 20 %, HHI 6400 + 400 = 6800.
  // Adding them would give Huawei 2,400 of 7,000 = 34.29 %: a figure of nothing real.
  const ran = [
    sites('ran', 'huawei', 1400),
    sites('ran', 'nokia', 600),
    holding('ran', 'ericsson', 4000),
    holding('ran', 'huawei', 1000),
  ];

  it('answers one figure per kind for a domain holding both, sites first', () => {
    const figures = dependencyFigures(ran, registry, 'units', 'ran');
    expect(figures.map((f) => [f.unitKind, f.total, f.highRiskSharePercent, f.hhi])).toEqual([
      ['sites', 2000, 70, 5800],
      ['units', 5000, 20, 6800],
    ]);
    expect(figures.every((f) => f.currency === null && f.basis === 'units')).toBe(true);
  });

  it('counts only the asked kind in a single figure', () => {
    const result = dependencyMetrics(ran, registry, 'units', 'ran', 'sites');
    expect(result.vendors.map((v) => [v.vendorId, v.amount])).toEqual([
      ['huawei', 1400],
      ['nokia', 600],
    ]);
  });

  it('answers per kind on the units basis across all domains too', () => {
    // Sites: RAN Huawei 1,400 + Nokia 600 = 2,000. Units: RAN Ericsson 4,000 + Huawei 1,000, and core Huawei
    // 1,000 → 6,000, Huawei 2,000 of it = 33.33 %, with Huawei in the core.
    const holdings = [...ran, holding('core', 'huawei', 1000)];
    const figures = dependencyFigures(holdings, registry, 'units', 'all');
    expect(figures.map((f) => [f.domain, f.unitKind, f.total, f.highRiskSharePercent])).toEqual([
      ['all', 'sites', 2000, 70],
      ['all', 'units', 6000, 33.33],
    ]);
    expect(figures.map((f) => f.highRiskInCore)).toEqual([false, true]);
  });

  it('lists the measures present, kinds in their fixed order and currencies A–Z', () => {
    const holdings = [
      holding('core', 'huawei', 5, 10, 'USD'),
      { ...sites('ran', 'nokia', 3), value: 20n, currency: 'EUR' },
    ];
    expect(measuresOf(holdings, 'units', 'all')).toEqual(['sites', 'units']);
    expect(measuresOf(holdings, 'units', 'core')).toEqual(['units']);
    expect(measuresOf(holdings, 'value', 'all')).toEqual(['EUR', 'USD']);
    expect(measuresOf(holdings, 'value', 'transport')).toEqual([]);
  });
});

describe('vendors of unknown risk', () => {
  // RAN: Huawei 500 (high-risk), NewCo 300 (not yet classified), Ericsson 200 (not high-risk) → total 1,000.
  // High-risk: 500 / 1,000 = 50 %; unknown: 300 / 1,000 = 30 %. NewCo counts in the total, not in the 50.
  const ran = [holding('ran', 'huawei', 500), holding('ran', 'newco', 300), holding('ran', 'ericsson', 200)];

  it('count in the total but not in the high-risk share, and show as the unknown share', () => {
    const result = inUnits(ran, 'ran');
    expect(result.total).toBe(1000);
    expect(result.highRiskSharePercent).toBe(50);
    expect(result.unknownRiskSharePercent).toBe(30);
    expect(result.vendors.find((v) => v.vendorId === 'newco')).toMatchObject({
      highRisk: null,
      sharePercent: 30,
    });
  });

  it('do not make the core high-risk', () => {
    const core = [holding('core', 'newco', 900), holding('core', 'ericsson', 100)];
    const result = inUnits(core, 'core');
    expect(result.highRiskInCore).toBe(false);
    expect(result.unknownRiskSharePercent).toBe(90);
  });
});

describe('replacement netting', () => {
  it('drops a vendor whose units were all replaced', () => {
    // Huawei +200 then −200 (ripped out), Nokia +200 (the replacement) → Nokia alone, 100 %, HHI 10,000.
    const holdings = [
      holding('ran', 'huawei', 200),
      holding('ran', 'huawei', -200),
      holding('ran', 'nokia', 200),
    ];
    const result = inUnits(holdings, 'ran');
    expect(result.vendors.map((v) => v.vendorId)).toEqual(['nokia']);
    expect(result.vendorCount).toBe(1);
    expect(result.total).toBe(200);
    expect(result.hhi).toBe(10000);
    expect(result.highRiskSharePercent).toBe(0);
  });

  it('keeps what remains of a partly replaced vendor', () => {
    // Huawei 300 − 100 = 200, Nokia 100 + 100 = 200 → 50 / 50, HHI 5000.
    const holdings = [
      holding('ran', 'huawei', 300),
      holding('ran', 'huawei', -100),
      holding('ran', 'nokia', 100),
      holding('ran', 'nokia', 100),
    ];
    const result = inUnits(holdings, 'ran');
    expect(result.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
      ['huawei', 200, 50],
      ['nokia', 200, 50],
    ]);
    expect(result.hhi).toBe(5000);
  });

  it('leaves a vendor netted below zero out of the total as well', () => {
    // ZTE −50 (more removed than recorded) must not shrink the total: Ericsson 100 → 100 %.
    const holdings = [holding('ran', 'zte', -50), holding('ran', 'ericsson', 100)];
    const result = inUnits(holdings, 'ran');
    expect(result.total).toBe(100);
    expect(result.vendors.map((v) => [v.vendorId, v.sharePercent])).toEqual([['ericsson', 100]]);
    expect(result.origins.map((o) => o.origin)).toEqual(['SE']);
  });
});

describe('origins', () => {
  it('adds up vendors of the same origin, largest first', () => {
    // Huawei CN 500 + ZTE CN 200 = CN 700 (70 %); Ericsson SE 300 (30 %).
    const holdings = [
      holding('ran', 'huawei', 500),
      holding('ran', 'ericsson', 300),
      holding('ran', 'zte', 200),
    ];
    const result = inUnits(holdings, 'ran');
    expect(result.origins).toEqual([
      { origin: 'CN', amount: 700, sharePercent: 70 },
      { origin: 'SE', amount: 300, sharePercent: 30 },
    ]);
    expect(result.highRiskSharePercent).toBe(70);
  });

  it('orders origins with equal amounts by origin code', () => {
    const holdings = [holding('ran', 'samsung', 100), holding('ran', 'nokia', 100)];
    expect(inUnits(holdings, 'ran').origins.map((o) => o.origin)).toEqual(['FI', 'KR']);
  });
});

describe('high-risk vendor in the core', () => {
  it('is flagged when a high-risk vendor holds core equipment', () => {
    const holdings = [holding('core', 'zte', 10), holding('core', 'ericsson', 90)];
    expect(inUnits(holdings, 'core').highRiskInCore).toBe(true);
  });

  it('is not flagged when the core is free of high-risk vendors', () => {
    const holdings = [holding('core', 'ericsson', 90), holding('core', 'nokia', 10)];
    expect(inUnits(holdings, 'core').highRiskInCore).toBe(false);
  });

  it('is not flagged for high-risk equipment at the edge only, even across all domains', () => {
    const holdings = [holding('ran', 'huawei', 900), holding('core', 'ericsson', 100)];
    expect(inUnits(holdings, 'all').highRiskInCore).toBe(false);
  });

  it('is flagged across all domains when the core has a high-risk vendor', () => {
    const holdings = [holding('ran', 'ericsson', 900), holding('core', 'huawei', 1)];
    expect(inUnits(holdings, 'all').highRiskInCore).toBe(true);
  });

  it('is not flagged for another domain measured on its own', () => {
    const holdings = [holding('ran', 'ericsson', 900), holding('core', 'huawei', 1)];
    expect(inUnits(holdings, 'ran').highRiskInCore).toBe(false);
  });

  it('is cleared once the high-risk core equipment is fully replaced', () => {
    const holdings = [
      holding('core', 'huawei', 40),
      holding('core', 'huawei', -40),
      holding('core', 'nokia', 40),
    ];
    expect(inUnits(holdings, 'all').highRiskInCore).toBe(false);
  });

  it('only looks at the core equipment of the figure’s own measure', () => {
    // Huawei's core sites are another figure: the core units figure is Ericsson alone.
    const holdings = [sites('core', 'huawei', 3), holding('core', 'ericsson', 90)];
    expect(inUnits(holdings, 'core').highRiskInCore).toBe(false);
    expect(dependencyMetrics(holdings, registry, 'units', 'core', 'sites').highRiskInCore).toBe(true);
  });
});

describe('vendors missing from the registry', () => {
  it('are named by their id, of unknown origin ZZ, and of unknown risk', () => {
    // RAN: acme-radio 75 (unregistered) + Huawei 25 → 75 % unknown, 25 % high-risk.
    const holdings = [
      holding('ran', 'acme-radio', 75),
      holding('core', 'acme-radio', 5),
      holding('ran', 'huawei', 25),
    ];
    const result = inUnits(holdings, 'ran');
    expect(result.vendors[0]).toEqual({
      vendorId: 'acme-radio',
      name: 'acme-radio',
      origin: 'ZZ',
      highRisk: null,
      amount: 75,
      sharePercent: 75,
    });
    expect(result.origins[0]).toEqual({ origin: 'ZZ', amount: 75, sharePercent: 75 });
    expect(result.highRiskSharePercent).toBe(25);
    expect(result.unknownRiskSharePercent).toBe(75);
    expect(inUnits(holdings, 'all', []).highRiskInCore).toBe(false);
  });
});

describe('nothing to measure', () => {
  const empty = {
    total: 0,
    vendorCount: 0,
    vendors: [],
    origins: [],
    highRiskSharePercent: 0,
    unknownRiskSharePercent: 0,
    hhi: 0,
    band: null,
    highRiskInCore: false,
  };

  it('gives zero totals and no band for no holdings at all', () => {
    expect(inUnits([], 'all')).toEqual({
      domain: 'all',
      basis: 'units',
      unitKind: 'units',
      currency: null,
      ...empty,
    });
  });

  it('gives zero totals and no band for a domain without holdings', () => {
    const result = dependencyMetrics([holding('ran', 'nokia', 10)], registry, 'value', 'subsea', 'USD');
    expect(result).toEqual({
      domain: 'subsea',
      basis: 'value',
      unitKind: null,
      currency: 'USD',
      ...empty,
      total: { amount: '0.00', minor: '0', currency: 'USD' },
    });
  });

  it('gives no band when every vendor was replaced to zero', () => {
    const holdings = [holding('transport', 'huawei', 5), holding('transport', 'huawei', -5)];
    expect(inUnits(holdings, 'transport').band).toBeNull();
  });

  it('gives no figures for a scope without holdings', () => {
    expect(dependencyFigures([holding('ran', 'nokia', 10)], registry, 'units', 'subsea')).toEqual([]);
    expect(dependencyFigures([], registry, 'value', 'all')).toEqual([]);
  });
});

describe('all domains together', () => {
  it('aggregates every domain’s holdings of one kind into one figure', () => {
    // RAN Huawei 600 + core Huawei 200 = 800; transport Ericsson 200 → 80 / 20, HHI 6400 + 400 = 6800.
    const holdings = [
      holding('ran', 'huawei', 600),
      holding('core', 'huawei', 200),
      holding('transport', 'ericsson', 200),
    ];
    const result = inUnits(holdings, 'all');
    expect(result.domain).toBe('all');
    expect(result.total).toBe(1000);
    expect(result.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
      ['huawei', 800, 80],
      ['ericsson', 200, 20],
    ]);
    expect(result.hhi).toBe(6800);
    expect(result.highRiskInCore).toBe(true);
  });
});

describe('dependency by domain', () => {
  it('gives one entry per domain with holdings, in the fixed domain order', () => {
    const holdings = [
      holding('subsea', 'nokia', 1),
      holding('ran', 'huawei', 600),
      holding('core', 'ericsson', 10),
      holding('ran', 'ericsson', 400),
    ];
    const result = dependencyByDomain(holdings, registry, 'units');
    expect(result.map((d) => d.domain)).toEqual(['ran', 'core', 'subsea']);
    expect(result[0]).toEqual(inUnits(holdings, 'ran'));
  });

  it('gives each domain one entry per kind it holds', () => {
    const holdings = [
      holding('core', 'ericsson', 10),
      holding('ran', 'ericsson', 400),
      sites('ran', 'huawei', 1400),
    ];
    const result = dependencyByDomain(holdings, registry, 'units');
    expect(result.map((d) => [d.domain, d.unitKind, d.total])).toEqual([
      ['ran', 'sites', 1400],
      ['ran', 'units', 400],
      ['core', 'units', 10],
    ]);
  });

  it('gives nothing for no holdings', () => {
    expect(dependencyByDomain([], registry, 'units')).toEqual([]);
  });
});

describe('value basis beyond a double’s exact range', () => {
  it('sums minor units exactly and takes shares of the exact sums', () => {
    // 9,007,199,254,740,993 is the first integer a double cannot hold; twice it, plus one, is exact here.
    const holdings = [
      { ...holding('core', 'huawei', 1, 0, 'JPY'), value: 9_007_199_254_740_993n },
      { ...holding('core', 'ericsson', 1, 0, 'JPY'), value: 9_007_199_254_740_993n },
      { ...holding('core', 'nokia', 1, 0, 'JPY'), value: 1n },
    ];
    const result = dependencyMetrics(holdings, registry, 'value', 'core', 'JPY');
    expect(result.total).toEqual({
      amount: '18014398509481987',
      minor: '18014398509481987',
      currency: 'JPY',
    });
    expect(result.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
      ['ericsson', { amount: '9007199254740993', minor: '9007199254740993', currency: 'JPY' }, 50],
      ['huawei', { amount: '9007199254740993', minor: '9007199254740993', currency: 'JPY' }, 50],
      ['nokia', { amount: '1', minor: '1', currency: 'JPY' }, 0],
    ]);
    expect(result.hhi).toBe(5000);
  });
});
