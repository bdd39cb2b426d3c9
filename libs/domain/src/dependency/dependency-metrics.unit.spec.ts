import { CommandRejectedError } from '../shared/errors.js';
import {
  concentrationBand,
  dependencyByDomain,
  dependencyMetrics,
  type Holding,
  type NetworkDomain,
  type VendorProfile,
} from './dependency-metrics.js';

const registry: VendorProfile[] = [
  { vendorId: 'huawei', name: 'Huawei', origin: 'CN', highRisk: true },
  { vendorId: 'zte', name: 'ZTE', origin: 'CN', highRisk: true },
  { vendorId: 'ericsson', name: 'Ericsson', origin: 'SE', highRisk: false },
  { vendorId: 'nokia', name: 'Nokia', origin: 'FI', highRisk: false },
  { vendorId: 'samsung', name: 'Samsung', origin: 'KR', highRisk: false },
];

function holding(
  domain: NetworkDomain,
  vendorId: string,
  units: number,
  value = 0,
  currency: string | null = null,
): Holding {
  return { domain, vendorId, units, value, currency };
}

/** n vendors v00, v01, … each holding the given units in RAN. */
function ranVendors(units: readonly number[]): Holding[] {
  return units.map((u, i) => holding('ran', `v${String(i).padStart(2, '0')}`, u));
}

describe('vendor shares and HHI of one domain', () => {
  // RAN: Huawei 600, Ericsson 300, Nokia 100 → total 1000, shares 60 / 30 / 10.
  // HHI = 60² + 30² + 10² = 3600 + 900 + 100 = 4600 → 0.46 normalised → high.
  // High-risk share = Huawei only = 60 %.
  const ran = [holding('ran', 'huawei', 600), holding('ran', 'ericsson', 300), holding('ran', 'nokia', 100)];

  it('gives each vendor its share of the total, largest first, with registry details', () => {
    const result = dependencyMetrics(ran, registry, 'units', 'ran');
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
    const result = dependencyMetrics(ran, registry, 'units', 'ran');
    expect(result.hhi).toBe(4600);
    expect(result.band).toBe('high');
  });

  it('reports the share held by high-risk vendors', () => {
    expect(dependencyMetrics(ran, registry, 'units', 'ran').highRiskSharePercent).toBe(60);
  });

  it('echoes the domain and basis it measured', () => {
    const result = dependencyMetrics(ran, registry, 'units', 'ran');
    expect(result.domain).toBe('ran');
    expect(result.basis).toBe('units');
  });

  it('only counts holdings of the domain asked about', () => {
    // Core Huawei 1000 must not leak into RAN: RAN stays Ericsson 300 / Nokia 100 → 75 / 25.
    const holdings = [
      holding('core', 'huawei', 1000),
      holding('ran', 'ericsson', 300),
      holding('ran', 'nokia', 100),
    ];
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
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
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
    expect(result.vendorCount).toBe(2);
    expect(result.vendors[0]).toMatchObject({ vendorId: 'ericsson', amount: 300, sharePercent: 75 });
  });

  it('orders vendors with equal amounts by vendorId', () => {
    const holdings = [
      holding('ran', 'nokia', 100),
      holding('ran', 'ericsson', 100),
      holding('ran', 'huawei', 50),
    ];
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
    expect(result.vendors.map((v) => v.vendorId)).toEqual(['ericsson', 'nokia', 'huawei']);
  });

  it('rounds shares to two decimals without float artefacts, and the HHI to an integer', () => {
    // Three equal vendors: 100/3 = 33.333… → 33.33 each; HHI = 3 × (100/3)² = 3333.33… → 3333.
    const result = dependencyMetrics(ranVendors([1, 1, 1]), registry, 'units', 'ran');
    expect(result.vendors.map((v) => v.sharePercent)).toEqual([33.33, 33.33, 33.33]);
    expect(result.hhi).toBe(3333);
  });

  it('rounds a share that ends in exactly half a hundredth away from zero', () => {
    // 1 of 800 = 0.125 % → 0.13; 799 of 800 = 99.875 % → 99.88 (both exact in binary floating point).
    const result = dependencyMetrics(
      [holding('ran', 'a', 799), holding('ran', 'b', 1)],
      registry,
      'units',
      'ran',
    );
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
    const result = dependencyMetrics(ranVendors(Array(20).fill(1)), registry, 'units', 'ran');
    expect(result.hhi).toBe(500);
    expect(result.band).toBe('unconcentrated');
  });

  it('bands ten equal vendors, exactly at 1000, as moderate', () => {
    // 10 × 10² = 1000 → 0.10 → lower edge of moderate.
    const result = dependencyMetrics(ranVendors(Array(10).fill(7)), registry, 'units', 'ran');
    expect(result.hhi).toBe(1000);
    expect(result.band).toBe('moderate');
  });

  it('bands shares 30/20/10/10/10/10/10, exactly at 1800, as moderate', () => {
    // 900 + 400 + 5 × 100 = 1800 → 0.18 → upper edge of moderate (inclusive).
    const result = dependencyMetrics(ranVendors([30, 20, 10, 10, 10, 10, 10]), registry, 'units', 'ran');
    expect(result.hhi).toBe(1800);
    expect(result.band).toBe('moderate');
  });

  it('bands a single vendor as high at 10,000', () => {
    const result = dependencyMetrics([holding('core', 'nokia', 4)], registry, 'units', 'core');
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

  it('measures shares by contract value instead of units', () => {
    const result = dependencyMetrics(core, registry, 'value', 'core');
    expect(result.total).toBe(4_000_000);
    expect(result.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
      ['ericsson', 3_000_000, 75],
      ['huawei', 1_000_000, 25],
    ]);
    expect(result.hhi).toBe(6250);
    expect(result.highRiskSharePercent).toBe(25);
  });

  it('measures the same holdings by units when asked', () => {
    const result = dependencyMetrics(core, registry, 'units', 'core');
    expect(result.vendors.map((v) => [v.vendorId, v.sharePercent])).toEqual([
      ['huawei', 66.67],
      ['ericsson', 33.33],
    ]);
  });

  it('adds holdings without a currency to those in the single stated one', () => {
    const result = dependencyMetrics(
      [...core, holding('core', 'nokia', 10, 1_000_000, null)],
      registry,
      'value',
      'core',
    );
    expect(result.total).toBe(5_000_000);
  });
});

describe('mixed currencies', () => {
  const mixed = [
    holding('ran', 'huawei', 100, 1_000_000, 'USD'),
    holding('ran', 'ericsson', 100, 900_000, 'EUR'),
  ];

  it('refuses to add values in different currencies', () => {
    const run = () => dependencyMetrics(mixed, registry, 'value', 'ran');
    expect(run).toThrow(CommandRejectedError);
    expect(run).toThrow(
      expect.objectContaining({ code: 'MIXED_CURRENCIES', details: { currencies: ['EUR', 'USD'] } }),
    );
  });

  it('does not care about currencies when counting units', () => {
    expect(dependencyMetrics(mixed, registry, 'units', 'ran').total).toBe(200);
  });

  it('only looks at the currencies of the domain measured', () => {
    const holdings = [holding('ran', 'huawei', 1, 500, 'USD'), holding('core', 'nokia', 1, 700, 'EUR')];
    expect(dependencyByDomain(holdings, registry, 'value').map((d) => d.total)).toEqual([500, 700]);
    expect(() => dependencyMetrics(holdings, registry, 'value', 'all')).toThrow(
      expect.objectContaining({ code: 'MIXED_CURRENCIES' }),
    );
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
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
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
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
    expect(result.vendors.map((v) => [v.vendorId, v.amount, v.sharePercent])).toEqual([
      ['huawei', 200, 50],
      ['nokia', 200, 50],
    ]);
    expect(result.hhi).toBe(5000);
  });

  it('leaves a vendor netted below zero out of the total as well', () => {
    // ZTE −50 (more removed than recorded) must not shrink the total: Ericsson 100 → 100 %.
    const holdings = [holding('ran', 'zte', -50), holding('ran', 'ericsson', 100)];
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
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
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
    expect(result.origins).toEqual([
      { origin: 'CN', amount: 700, sharePercent: 70 },
      { origin: 'SE', amount: 300, sharePercent: 30 },
    ]);
    expect(result.highRiskSharePercent).toBe(70);
  });

  it('orders origins with equal amounts by origin code', () => {
    const holdings = [holding('ran', 'samsung', 100), holding('ran', 'nokia', 100)];
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
    expect(result.origins.map((o) => o.origin)).toEqual(['FI', 'KR']);
  });
});

describe('high-risk vendor in the core', () => {
  it('is flagged when a high-risk vendor holds core equipment', () => {
    const holdings = [holding('core', 'zte', 10), holding('core', 'ericsson', 90)];
    expect(dependencyMetrics(holdings, registry, 'units', 'core').highRiskInCore).toBe(true);
  });

  it('is not flagged when the core is free of high-risk vendors', () => {
    const holdings = [holding('core', 'ericsson', 90), holding('core', 'nokia', 10)];
    expect(dependencyMetrics(holdings, registry, 'units', 'core').highRiskInCore).toBe(false);
  });

  it('is not flagged for high-risk equipment at the edge only, even across all domains', () => {
    const holdings = [holding('ran', 'huawei', 900), holding('core', 'ericsson', 100)];
    expect(dependencyMetrics(holdings, registry, 'units', 'all').highRiskInCore).toBe(false);
  });

  it('is flagged across all domains when the core has a high-risk vendor', () => {
    const holdings = [holding('ran', 'ericsson', 900), holding('core', 'huawei', 1)];
    expect(dependencyMetrics(holdings, registry, 'units', 'all').highRiskInCore).toBe(true);
  });

  it('is not flagged for another domain measured on its own', () => {
    const holdings = [holding('ran', 'ericsson', 900), holding('core', 'huawei', 1)];
    expect(dependencyMetrics(holdings, registry, 'units', 'ran').highRiskInCore).toBe(false);
  });

  it('is cleared once the high-risk core equipment is fully replaced', () => {
    const holdings = [
      holding('core', 'huawei', 40),
      holding('core', 'huawei', -40),
      holding('core', 'nokia', 40),
    ];
    expect(dependencyMetrics(holdings, registry, 'units', 'all').highRiskInCore).toBe(false);
  });
});

describe('vendors missing from the registry', () => {
  it('are named by their id, of unknown origin ZZ, and not high-risk', () => {
    const holdings = [
      holding('ran', 'acme-radio', 75),
      holding('core', 'acme-radio', 5),
      holding('ran', 'huawei', 25),
    ];
    const result = dependencyMetrics(holdings, registry, 'units', 'ran');
    expect(result.vendors[0]).toEqual({
      vendorId: 'acme-radio',
      name: 'acme-radio',
      origin: 'ZZ',
      highRisk: false,
      amount: 75,
      sharePercent: 75,
    });
    expect(result.origins[0]).toEqual({ origin: 'ZZ', amount: 75, sharePercent: 75 });
    expect(result.highRiskSharePercent).toBe(25);
    expect(dependencyMetrics(holdings, [], 'units', 'all').highRiskInCore).toBe(false);
  });
});

describe('nothing to measure', () => {
  const empty = {
    total: 0,
    vendorCount: 0,
    vendors: [],
    origins: [],
    highRiskSharePercent: 0,
    hhi: 0,
    band: null,
    highRiskInCore: false,
  };

  it('gives zero totals and no band for no holdings at all', () => {
    expect(dependencyMetrics([], registry, 'units', 'all')).toEqual({
      domain: 'all',
      basis: 'units',
      ...empty,
    });
  });

  it('gives zero totals and no band for a domain without holdings', () => {
    const result = dependencyMetrics([holding('ran', 'nokia', 10)], registry, 'value', 'subsea');
    expect(result).toEqual({ domain: 'subsea', basis: 'value', ...empty });
  });

  it('gives no band when every vendor was replaced to zero', () => {
    const holdings = [holding('transport', 'huawei', 5), holding('transport', 'huawei', -5)];
    expect(dependencyMetrics(holdings, registry, 'units', 'transport').band).toBeNull();
  });
});

describe('all domains together', () => {
  it('aggregates every domain’s holdings into one measure', () => {
    // RAN Huawei 600 + core Huawei 200 = 800; transport Ericsson 200 → 80 / 20, HHI 6400 + 400 = 6800.
    const holdings = [
      holding('ran', 'huawei', 600),
      holding('core', 'huawei', 200),
      holding('transport', 'ericsson', 200),
    ];
    const result = dependencyMetrics(holdings, registry, 'units', 'all');
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
    expect(result[0]).toEqual(dependencyMetrics(holdings, registry, 'units', 'ran'));
  });

  it('gives nothing for no holdings', () => {
    expect(dependencyByDomain([], registry, 'units')).toEqual([]);
  });
});
