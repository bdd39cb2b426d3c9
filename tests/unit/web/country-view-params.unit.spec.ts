import type { TimelineEntry } from '../../../apps/web/src/api/types.js';
import { stanceChartOption, stancePoints } from '../../../apps/web/src/country/stance-model.js';
import { dateParam, readView, timelineQueryOf, withView } from '../../../apps/web/src/country/view-params.js';

describe('the country page’s view in its URL', () => {
  it('reads real dates only, known kinds only, and trims the text filters', () => {
    const view = readView(
      new URLSearchParams(
        'asOf=2026-06-01&knownAt=2026-02-30&kind=response&vendor=%20Huawei%20&topic=&retracted=true&domain=core:units',
      ),
    );
    expect(view).toEqual({
      asOf: '2026-06-01',
      knownAt: undefined,
      kind: 'response',
      topic: undefined,
      vendor: 'Huawei',
      participant: undefined,
      from: undefined,
      to: undefined,
      retracted: true,
      domain: 'core:units',
    });
    expect(readView(new URLSearchParams('kind=nonsense&domain=<script>')).kind).toBeUndefined();
    expect(readView(new URLSearchParams('domain=<script>')).domain).toBeUndefined();
    expect(dateParam('2026-13-01')).toBeUndefined();
  });

  it('maps the view onto the timeline’s query: a kind to its event types, an inclusive "to" to the next day', () => {
    const query = timelineQueryOf(
      readView(
        new URLSearchParams('kind=offer&from=2026-01-01&to=2026-12-31&asOf=2026-06-01&knownAt=2026-07-01'),
      ),
    );
    expect(query).toEqual({
      type: [
        'IncentiveOffered',
        'IncentiveTermsAmended',
        'IncentiveAccepted',
        'IncentiveDeclined',
        'IncentiveWithdrawn',
        'IncentiveExpired',
      ],
      topic: undefined,
      vendor: undefined,
      participant: undefined,
      from: '2026-01-01',
      to: '2027-01-01',
      asOf: '2026-06-01',
      knownAt: '2026-07-01',
      includeRetracted: false,
    });
  });

  it('changes some params and keeps the others', () => {
    const next = withView(new URLSearchParams('asOf=2026-06-01&kind=meeting&x=1'), {
      asOf: undefined,
      vendor: 'ZTE',
      retracted: 'false',
    });
    expect(next.toString()).toBe('kind=meeting&x=1&vendor=ZTE');
  });
});

describe('the stance trend', () => {
  const response = (eventId: string, occurredAt: string, stance: unknown) =>
    ({
      eventId,
      eventType: 'CountryResponseObserved',
      occurredAt,
      headline: eventId,
      data: { stance },
    }) as unknown as TimelineEntry;

  it('plots observed stances oldest first on the ordinal axis, held until the date shown', () => {
    const points = stancePoints([
      response('b', '2026-02-26T10:00:00.000Z', 'receptive'),
      response('a', '2024-10-05T10:00:00.000Z', 'resistant'),
      response('x', '2025-01-01T10:00:00.000Z', 'unheard-of'),
      {
        eventId: 'm',
        eventType: 'EnvoyMeetingHeld',
        occurredAt: '2025-01-01T10:00:00.000Z',
        data: {},
      } as unknown as TimelineEntry,
    ]);
    expect(points.map((p) => [p.eventId, p.stance])).toEqual([
      ['a', 'resistant'],
      ['b', 'receptive'],
    ]);
    const option = stanceChartOption(points, { until: '2026-06-01T23:59:59.999Z' });
    expect(option.yAxis.data).toEqual(['Resistant', 'Neutral', 'Receptive', 'Committed']);
    expect(option.series[0]?.data.map((d) => d.value)).toEqual([
      ['2024-10-05T10:00:00.000Z', 0],
      ['2026-02-26T10:00:00.000Z', 2],
      ['2026-06-01T23:59:59.999Z', 2],
    ]);
  });
});
