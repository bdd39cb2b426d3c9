import type { DependencyReport } from '../../../apps/web/src/api/types.js';
import {
  briefDates,
  dependencyDiff,
  figureName,
  highestClassification,
  onOrBefore,
  parseDay,
  signed,
} from '../../../apps/web/src/brief/brief-model.js';

type Figure = DependencyReport['domains'][number];

function figure(
  domain: Figure['domain'],
  unitKind: Figure['unitKind'],
  hhi: number,
  highRisk: number,
): Figure {
  return {
    domain,
    basis: 'units',
    unitKind,
    currency: null,
    total: 100,
    vendorCount: 2,
    vendors: [],
    origins: [],
    highRiskSharePercent: highRisk,
    unknownRiskSharePercent: 0,
    hhi,
    band: hhi > 1800 ? 'high' : hhi >= 1000 ? 'moderate' : 'unconcentrated',
    highRiskInCore: false,
  };
}

describe('the brief’s dates', () => {
  const now = new Date('2026-11-28T23:30:00Z');

  it('default to today (UTC) and 30 days before it, with the engagements from 90 days before', () => {
    expect(briefDates(null, null, now)).toEqual({
      asOf: '2026-11-28',
      since: '2026-10-29',
      recentFrom: '2026-08-30',
    });
  });

  it('follow the dates asked for, since defaulting to 30 days before the asked asOf', () => {
    expect(briefDates('2026-03-31', '2026-01-01', now)).toEqual({
      asOf: '2026-03-31',
      since: '2026-01-01',
      recentFrom: '2025-12-31',
    });
    expect(briefDates('2026-03-01', null, now).since).toBe('2026-01-30');
  });

  it('fall back to the defaults for what is not a date, or a since after asOf', () => {
    expect(briefDates('2026-02-30', 'yesterday', now)).toMatchObject({
      asOf: '2026-11-28',
      since: '2026-10-29',
    });
    expect(briefDates('2026-03-01', '2026-03-02', now).since).toBe('2026-01-30');
    expect(briefDates('2026-03-01', '2026-03-01', now).since).toBe('2026-03-01');
  });

  it('read only calendar dates', () => {
    expect(parseDay('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    for (const text of ['2023-02-29', '2026-1-01', '2026-01-01T00:00:00Z', '', null]) {
      expect(parseDay(text)).toBeNull();
    }
  });

  it('tell whether an instant or a date falls by the end of a day', () => {
    expect(onOrBefore('2026-03-01T23:59:59.999Z', '2026-03-01')).toBe(true);
    expect(onOrBefore('2026-03-02T00:00:00.000Z', '2026-03-01')).toBe(false);
    expect(onOrBefore('2026-02-28', '2026-03-01')).toBe(true);
  });
});

describe('the brief’s marking', () => {
  it('is the highest classification of what it shows', () => {
    expect(
      highestClassification([
        { classification: 'unclassified' },
        { classification: 'confidential' },
        { classification: 'restricted' },
      ]),
    ).toBe('confidential');
    expect(highestClassification([{ classification: 'secret' }, { classification: 'unclassified' }])).toBe(
      'secret',
    );
  });

  it('is unclassified for a brief that shows nothing classified, or nothing at all', () => {
    expect(highestClassification([])).toBe('unclassified');
    expect(highestClassification([{ classification: 'unclassified' }])).toBe('unclassified');
  });

  it('is the highest level for a level it does not know, never a lower one', () => {
    expect(highestClassification([{ classification: 'top-secret' }])).toBe('secret');
  });
});

describe('what changed in the dependency figures', () => {
  it('pairs each domain and unit kind at both dates, with the changes', () => {
    const before = [figure('ran', 'sites', 5000, 70), figure('core', 'units', 10000, 100)];
    const after = [figure('ran', 'sites', 4200.5, 55.25), figure('core', 'units', 10000, 100)];
    const changes = dependencyDiff(before, after);
    expect(changes.map((c) => [c.key, c.hhiChange, c.highRiskChange, c.bandChanged])).toEqual([
      ['ran:sites', -799.5, -14.75, false],
      ['core:units', 0, 0, false],
    ]);
    expect(changes[0]?.before).toMatchObject({ hhi: 5000, highRiskSharePercent: 70 });
    expect(changes[0]?.after).toMatchObject({ hhi: 4200.5, highRiskSharePercent: 55.25 });
  });

  it('shows a figure that appeared or went, without a change', () => {
    const changes = dependencyDiff(
      [figure('transport', 'units', 10000, 100)],
      [figure('ran', 'sites', 900, 0)],
    );
    expect(changes.map((c) => [c.key, c.before?.hhi ?? null, c.after?.hhi ?? null, c.hhiChange])).toEqual([
      ['ran:sites', null, 900, null],
      ['transport:units', 10000, null, null],
    ]);
  });

  it('tells a domain counted in sites from one counted in units', () => {
    const changes = dependencyDiff([figure('ran', 'units', 3000, 10)], [figure('ran', 'sites', 3000, 10)]);
    expect(changes.map((c) => c.key)).toEqual(['ran:sites', 'ran:units']);
  });

  it('notes a change of band', () => {
    const [change] = dependencyDiff([figure('ran', 'sites', 2500, 0)], [figure('ran', 'sites', 1500, 0)]);
    expect(change?.bandChanged).toBe(true);
  });

  it('reads signed changes and names figures', () => {
    expect([signed(1200), signed(-350.5, ' pts'), signed(0)]).toEqual(['+1,200', '−350.5 pts', 'no change']);
    expect(figureName({ domain: 'ran', unitKind: 'sites', currency: null })).toBe(
      'Radio access (RAN), sites',
    );
    expect(figureName({ domain: 'all', unitKind: null, currency: 'USD' })).toBe('All domains, USD');
  });
});
