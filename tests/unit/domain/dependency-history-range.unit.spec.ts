import fc from 'fast-check';
import {
  type DependencyBasis,
  dependencySeries,
  type HistoryScope,
  type Holding,
  type LedgerRow,
  type NetworkDomain,
  type RiskList,
  type VendorClassification,
  type VendorIdentity,
} from '#domain';

/**
 * A dependency history read from what was held at its first point (the read side takes it from the kept totals)
 * and the ledger rows after it answers exactly as one read from the whole ledger: figures, moves and their
 * causes, whatever the rows and the range. (Property-based, so it lives outside libs/domain, which imports
 * nothing; the example-based tests of the series are beside it there.)
 */

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);

const identities: VendorIdentity[] = [
  { vendorId: 'huawei', name: 'Huawei', origin: 'CN' },
  { vendorId: 'ericsson', name: 'Ericsson', origin: 'SE' },
  { vendorId: 'nokia', name: 'Nokia', origin: 'FI' },
  { vendorId: 'zte', name: 'ZTE', origin: 'CN' },
];

/** Flags that change within the range, so that reclassifications are moves too. */
const classifications: VendorClassification[] = [
  ['ericsson', 0, false],
  ['nokia', 0, false],
  ['huawei', 100, true],
  ['zte', 200, true],
  ['zte', 300, false],
].map(([vendorId, day, highRisk], i) => ({
  vendorId: vendorId as string,
  effectiveAt: new Date(START + (day as number) * DAY),
  highRisk: highRisk as boolean,
  eventId: `evt-flag-${i}`,
  eventType: 'VendorRiskReclassified',
}));

/** What `rows` hold in sum at `first`, as HOLDINGS_AT gives it: netted to nothing left out. */
function openingAt(rows: readonly LedgerRow[], first: Date): Holding[] {
  const held = new Map<string, Holding>();
  for (const r of rows) {
    if (r.effectiveAt > first) continue;
    const key = JSON.stringify([r.domain, r.unitKind, r.currency, r.vendorId]);
    const was = held.get(key);
    held.set(key, {
      domain: r.domain,
      unitKind: r.unitKind,
      vendorId: r.vendorId,
      currency: r.currency,
      units: (was?.units ?? 0) + r.unitsDelta,
      value: (was?.value ?? 0n) + r.valueDelta,
    });
  }
  // Reversed, so that nothing can depend on the order the opening holdings come in.
  return [...held.values()].filter((h) => h.units !== 0 || h.value !== 0n).reverse();
}

const rowArb = fc
  .record({
    contract: fc.integer({ min: 1, max: 4 }),
    domain: fc.constantFrom<NetworkDomain>('ran', 'core'),
    vendorId: fc.constantFrom('huawei', 'ericsson', 'nokia', 'zte'),
    units: fc.integer({ min: -300, max: 600 }),
    value: fc.integer({ min: -1_000, max: 5_000 }),
    currency: fc.constantFrom<string | null>('USD', 'EUR', null),
    day: fc.integer({ min: 0, max: 400 }),
  })
  .map(
    (r): LedgerRow => ({
      contractId: `c-${r.contract}`,
      domain: r.domain,
      unitKind: r.domain === 'ran' ? 'sites' : 'units',
      vendorId: r.vendorId,
      unitsDelta: r.units,
      valueDelta: BigInt(r.currency === null ? 0 : r.value),
      currency: r.currency,
      effectiveAt: new Date(START + r.day * DAY),
      causeEventId: `evt-${r.contract}-${r.day}`,
      causeType: 'ContractAwarded',
      effect: 'change',
    }),
  );

describe('a dependency history read from what was held at its first point', () => {
  it('gives the same figures and moves as the whole ledger, whatever the rows and the range', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<DependencyBasis>('units', 'value'),
        fc.constantFrom<RiskList>('asOf', 'current'),
        fc.constantFrom<HistoryScope>('all', 'each', 'ran'),
        (rows, days, basis, riskList, scope) => {
          // Points fall on the rows' own instants as often as between them: a row at the first point is opening.
          const points = [...days].sort((a, b) => a - b).map((d) => new Date(START + d * DAY));
          const first = points[0] as Date;
          const common = { classifications, identities, points, basis, scope, riskList };
          const whole = dependencySeries({ ...common, ledger: rows });
          const fromOpening = dependencySeries({
            ...common,
            opening: openingAt(rows, first),
            ledger: rows.filter((r) => r.effectiveAt > first),
          });
          expect(fromOpening).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});
