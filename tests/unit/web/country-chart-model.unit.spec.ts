import type { DependencyPoint, DependencySeriesView } from '../../../apps/web/src/api/types.js';
import {
  chartSummary,
  dependencyChartOption,
  type MarkDatum,
  markersFromEntries,
  markersFromMoves,
  movesOf,
  seriesKey,
  seriesName,
  vendorsOf,
} from '../../../apps/web/src/country/chart-model.js';

/** Synthetic figures: a RAN counted in sites, one high-risk vendor giving way to a trusted one. */
const figure = { total: 100, unknownRiskSharePercent: 0, vendorCount: 2, highRiskInCore: false };
const vendor = (vendorId: string, name: string, highRisk: boolean | null, sharePercent: number) => ({
  vendorId,
  name,
  origin: 'XX',
  highRisk,
  amount: sharePercent,
  sharePercent,
});

function point(
  at: string,
  shares: Array<ReturnType<typeof vendor>>,
  moves: DependencyPoint['moves'] = [],
): DependencyPoint {
  const highRisk = shares.filter((v) => v.highRisk === true).reduce((sum, v) => sum + v.sharePercent, 0);
  return {
    at,
    total: 100,
    highRiskSharePercent: highRisk,
    unknownRiskSharePercent: 0,
    hhi: shares.reduce((sum, v) => sum + v.sharePercent ** 2, 0),
    band: 'high',
    vendorCount: shares.length,
    highRiskInCore: false,
    vendors: shares,
    moves,
  };
}

const swap = {
  at: '2026-05-20T10:00:00.000Z',
  causes: [
    {
      kind: 'contract' as const,
      eventId: 'cause-1',
      eventType: 'EquipmentReplaced',
      contractId: 'c1',
      effect: 'replaced',
    },
  ],
  before: { ...figure, highRiskSharePercent: 80, hhi: 6800 },
  after: { ...figure, highRiskSharePercent: 50, hhi: 5000 },
  preceding: {
    ours: [
      {
        eventId: 'ours-1',
        eventType: 'EnvoyMeetingHeld',
        occurredAt: '2026-02-24T20:00:00.000Z',
        headline: 'Meeting',
      },
    ],
    country: [
      {
        eventId: 'country-1',
        eventType: 'CountryResponseObserved',
        occurredAt: '2026-02-26T10:00:00.000Z',
        headline: 'Receptive',
      },
    ],
    rivals: [],
  },
} as unknown as DependencyPoint['moves'][number];

const series: DependencySeriesView = {
  domain: 'ran',
  unitKind: 'sites',
  currency: null,
  points: [
    point('2026-03-31T23:59:59.999Z', []),
    point('2026-04-30T23:59:59.999Z', [
      vendor('huawei', 'Huawei', true, 80),
      vendor('ericsson', 'Ericsson', false, 20),
    ]),
    point(
      '2026-05-31T23:59:59.999Z',
      [vendor('huawei', 'Huawei', true, 50), vendor('ericsson', 'Ericsson', false, 50)],
      [swap],
    ),
  ],
};

describe('the dependency chart model', () => {
  it('names a series and tells series apart by domain and unit', () => {
    expect(seriesName(series)).toBe('Radio access (RAN), sites');
    expect(seriesKey(series)).toBe('ran:sites');
    expect(seriesKey({ domain: 'core', unitKind: null, currency: 'USD' })).toBe('core:USD');
  });

  it('colours high-risk vendors warm and the others cool, high-risk first', () => {
    const vendors = vendorsOf(series);
    expect(vendors.map((v) => v.name)).toEqual(['Huawei', 'Ericsson']);
    expect(vendors[0]?.colour).not.toBe(vendors[1]?.colour);
  });

  it('lists each move with its causes first, then what preceded it, each once', () => {
    const [move, ...rest] = movesOf(series);
    expect(rest).toEqual([]);
    expect(move?.eventIds).toEqual(['cause-1', 'ours-1', 'country-1']);
    expect(move?.summary).toBe('HHI 6,800 → 5,000, high-risk share 80% → 50%');
    expect(move?.hhi).toBe(5000);
  });

  it('makes markers of the entries that are ours, the country’s or a rival’s, oldest first, and none of contracts', () => {
    const markers = markersFromEntries([
      {
        eventId: 'b',
        eventType: 'CompetingOfferObserved',
        occurredAt: '2026-03-01T00:00:00Z',
        headline: 'Rival',
      },
      {
        eventId: 'a',
        eventType: 'IncentiveDeclined',
        occurredAt: '2026-02-01T00:00:00Z',
        headline: 'Declined',
      },
      { eventId: 'c', eventType: 'ContractAwarded', occurredAt: '2026-01-01T00:00:00Z', headline: 'Award' },
      {
        eventId: 'd',
        eventType: 'DialogueRoundConcluded',
        occurredAt: '2026-04-01T00:00:00Z',
        headline: 'Round',
      },
    ]);
    expect(markers.map((m) => [m.eventIds[0], m.kind])).toEqual([
      ['a', 'country'],
      ['b', 'rivals'],
      ['d', 'ours'],
    ]);
    const sameDay = markersFromEntries([
      {
        eventId: 'm',
        eventType: 'EnvoyMeetingHeld',
        occurredAt: '2026-02-24T09:00:00Z',
        headline: 'Meeting',
      },
      {
        eventId: 'f',
        eventType: 'FollowUpAssigned',
        occurredAt: '2026-02-24T20:00:00Z',
        headline: 'Follow-up',
      },
      {
        eventId: 'r',
        eventType: 'CountryResponseObserved',
        occurredAt: '2026-02-24T21:00:00Z',
        headline: 'Response',
      },
    ]);
    expect(sameDay.map((m) => [m.kind, m.eventIds, m.label])).toEqual([
      ['ours', ['m', 'f'], 'Meeting; Follow-up'],
      ['country', ['r'], 'Response'],
    ]);
    expect(markersFromMoves(series).map((m) => [m.eventIds[0], m.kind])).toEqual([
      ['ours-1', 'ours'],
      ['country-1', 'country'],
    ]);
  });

  it('stacks the vendors’ shares, leaves the lines out where nothing is measured, and carries entry ids on marks', () => {
    const markers = markersFromEntries([
      {
        eventId: 'in',
        eventType: 'CompetingOfferObserved',
        occurredAt: '2026-04-10T00:00:00Z',
        headline: 'In range',
      },
      {
        eventId: 'out',
        eventType: 'CompetingOfferObserved',
        occurredAt: '2025-01-10T00:00:00Z',
        headline: 'Before',
      },
    ]);
    const option = dependencyChartOption(series, markers, { animation: false });
    const byName = new Map(option.series.map((s) => [s.name, s]));
    expect(byName.get('Huawei')?.data).toEqual([
      ['2026-03-31T23:59:59.999Z', 0],
      ['2026-04-30T23:59:59.999Z', 80],
      ['2026-05-31T23:59:59.999Z', 50],
    ]);
    expect(byName.get('Huawei')).toMatchObject({ stack: 'shares' });
    expect(byName.get('HHI (right axis)')?.data).toEqual([
      ['2026-03-31T23:59:59.999Z', null],
      ['2026-04-30T23:59:59.999Z', 6800],
      ['2026-05-31T23:59:59.999Z', 5000],
    ]);
    expect(byName.get('HHI (right axis)')).toMatchObject({ yAxisIndex: 1 });
    const rivals = byName.get('Rivals’ offers')?.data as MarkDatum[];
    expect(rivals.map((m) => m.eventIds)).toEqual([['in']]);
    const moves = byName.get('Moves')?.data as MarkDatum[];
    expect(moves.map((m) => m.value)).toEqual([['2026-05-20T10:00:00.000Z', 5000]]);
    expect(option.animation).toBe(false);
  });

  it('sums the chart up in one line', () => {
    expect(chartSummary(series, movesOf(series))).toBe(
      'Radio access (RAN), sites: vendor shares over 3 months. Latest: HHI 5,000, high-risk share 50%, largest vendor Huawei at 50%; 1 move.',
    );
    expect(chartSummary({ ...series, points: [] }, [])).toBe(
      'Radio access (RAN), sites: no figures in this period.',
    );
  });
});
