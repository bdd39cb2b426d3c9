import type { CountryOverview, DependencyHistory } from '../../../apps/web/src/api/types.js';
import {
  headlineFigure,
  hhiTrend,
  sparklineOption,
  trendRange,
} from '../../../apps/web/src/brief/overview-model.js';
import { snippetParts } from '../../../apps/web/src/search/snippet.js';

type Summary = CountryOverview['dependency']['now'][number];
const summary = (domain: Summary['domain'], unitKind: Summary['unitKind'], hhi: number): Summary => ({
  domain,
  unitKind,
  total: 10,
  highRiskSharePercent: 50,
  unknownRiskSharePercent: 0,
  hhi,
  band: 'high',
});

describe('the overview’s headline figure', () => {
  it('is the radio network’s when there is one, now and 12 months before', () => {
    const figure = headlineFigure({
      now: [summary('core', 'units', 5000), summary('ran', 'sites', 4000)],
      twelveMonthsAgo: [summary('ran', 'sites', 6000)],
    });
    expect(figure).toMatchObject({ domain: 'ran', unitKind: 'sites' });
    expect([figure?.now?.hhi, figure?.twelveMonthsAgo?.hhi]).toEqual([4000, 6000]);
  });

  it('is the first domain with equipment otherwise, even if only a year ago', () => {
    const figure = headlineFigure({ now: [], twelveMonthsAgo: [summary('transport', 'units', 10000)] });
    expect(figure).toMatchObject({ domain: 'transport', now: null, twelveMonthsAgo: { hhi: 10000 } });
  });

  it('is none for a country without contracts', () => {
    expect(headlineFigure({ now: [], twelveMonthsAgo: [] })).toBeNull();
  });
});

describe('the HHI trend line', () => {
  const point = (at: string, hhi: number) =>
    ({ at, hhi }) as DependencyHistory['series'][number]['points'][number];
  const history = {
    series: [
      {
        domain: 'core',
        unitKind: 'units',
        currency: null,
        points: [point('2025-11-30T23:59:59.999Z', 10000)],
      },
      {
        domain: 'ran',
        unitKind: 'sites',
        currency: null,
        points: [
          point('2025-11-30T23:59:59.999Z', 6800),
          point('2026-05-31T23:59:59.999Z', 6100.4),
          point('2026-11-28T23:59:59.999Z', 4746),
        ],
      },
    ],
  } as unknown as Pick<DependencyHistory, 'series'>;

  it('covers the 12 months to the overview’s day', () => {
    expect(trendRange('2026-11-28T15:00:00.000Z')).toEqual({ from: '2025-11-28', to: '2026-11-28' });
    expect(trendRange('2024-02-29T00:00:00.000Z')).toEqual({ from: '2023-02-28', to: '2024-02-29' });
  });

  it('takes the HHI of the same figure at each point, with a text alternative', () => {
    const trend = hhiTrend(history, { domain: 'ran', unitKind: 'sites' });
    expect(trend?.points).toEqual([
      ['2025-11-30T23:59:59.999Z', 6800],
      ['2026-05-31T23:59:59.999Z', 6100.4],
      ['2026-11-28T23:59:59.999Z', 4746],
    ]);
    expect(trend?.label).toBe('HHI 12 months: 6,800 → 4,746');
  });

  it('is none when the history has no such figure', () => {
    expect(hhiTrend(history, { domain: 'ran', unitKind: 'units' })).toBeNull();
  });

  it('draws a bare line: no axes, no symbols, no animation', () => {
    const trend = hhiTrend(history, { domain: 'ran', unitKind: 'sites' });
    if (!trend) throw new Error('trend expected');
    const option = sparklineOption(trend);
    expect([option.xAxis.show, option.yAxis.show, option.animation, option.series[0]?.showSymbol]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(option.series[0]?.data).toHaveLength(3);
    expect(option.yAxis.min).toBeLessThanOrEqual(4746);
    expect(option.yAxis.max).toBeGreaterThanOrEqual(6800);
  });
});

describe('a search snippet', () => {
  it('splits into text and highlighted matches', () => {
    expect(snippetParts('Met in «San» «Francisco» on vendors')).toEqual([
      { text: 'Met in ', match: false },
      { text: 'San', match: true },
      { text: ' ', match: false },
      { text: 'Francisco', match: true },
      { text: ' on vendors', match: false },
    ]);
  });

  it('keeps markup as text: nothing in it is HTML', () => {
    expect(snippetParts('<img src=x onerror=alert(1)> «<b>»')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: '<b>', match: true },
    ]);
  });

  it('shows an unclosed highlight as plain text, and an empty snippet as nothing', () => {
    expect(snippetParts('a «b')).toEqual([{ text: 'a b', match: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
