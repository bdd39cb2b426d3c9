import { asOfInstant, DATE_OR_INSTANT, endOfDay, INSTANT, monthEndPoints, monthsBefore } from './dates.js';

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());

describe('dependency dates', () => {
  it('reads a bare asOf date as the end of that day, UTC, and a date-time as itself', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(asOfInstant('2024-06-01', now).toISOString()).toBe('2024-06-01T23:59:59.999Z');
    expect(asOfInstant('2024-06-01T08:00:00+02:00', now).toISOString()).toBe('2024-06-01T06:00:00.000Z');
    expect(asOfInstant(undefined, now)).toBe(now);
    expect(endOfDay('2024-02-29').toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });

  it('puts a point at every month end from `from` on, then at the end of `to`', () => {
    expect(iso(monthEndPoints('2024-01-01', '2024-04-15', 240))).toEqual([
      '2024-01-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2024-03-31T23:59:59.999Z',
      '2024-04-15T23:59:59.999Z',
    ]);
  });

  it('does not repeat `to` when it is a month end, and counts `from` when it is one', () => {
    expect(iso(monthEndPoints('2024-01-31', '2024-03-31', 240))).toEqual([
      '2024-01-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2024-03-31T23:59:59.999Z',
    ]);
    expect(iso(monthEndPoints('2024-03-05', '2024-03-05', 240))).toEqual(['2024-03-05T23:59:59.999Z']);
  });

  it('stops one point past the limit', () => {
    expect(monthEndPoints('2000-01-01', '2024-12-31', 240)).toHaveLength(241);
    expect(monthEndPoints('2005-01-01', '2024-12-31', 240)).toHaveLength(240);
  });

  // Date.UTC reads years 0–99 as 1900–1999: 0001-01-31 became 1901-01-31, past `to`, leaving one point.
  it('puts a point at every month end in the first century too', () => {
    const points = monthEndPoints('0001-01-01', '0019-12-31', 240);
    expect(points).toHaveLength(228);
    expect(iso(points.slice(0, 2))).toEqual(['0001-01-31T23:59:59.999Z', '0001-02-28T23:59:59.999Z']);
    expect(iso(points.slice(-1))).toEqual(['0019-12-31T23:59:59.999Z']);
    expect(iso(monthEndPoints('0099-11-15', '0100-01-10', 240))).toEqual([
      '0099-11-30T23:59:59.999Z',
      '0099-12-31T23:59:59.999Z',
      '0100-01-10T23:59:59.999Z',
    ]);
  });

  it('goes back whole calendar months in the first century too', () => {
    expect(monthsBefore(new Date('0004-03-31T10:00:00Z'), 1).toISOString()).toBe('0004-02-29T10:00:00.000Z');
    expect(monthsBefore(new Date('0101-01-15T00:00:00Z'), 13).toISOString()).toBe('0099-12-15T00:00:00.000Z');
  });

  it('goes back whole calendar months, staying within the month', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2023-02-28T00:00:00.000Z');
    expect(monthsBefore(new Date('2026-11-25T00:00:00Z'), 36).toISOString()).toBe('2023-11-25T00:00:00.000Z');
  });
});

describe('instants', () => {
  it.each([
    '2026-02-24T10:00:00Z',
    '2026-02-24T10:00Z',
    '2026-02-24T10:00:00.123456789Z',
    '2026-02-24T12:00:00+02:00',
    '2026-02-24T05:00:00-05:00',
  ])('accepts %s, which Date reads as one instant', (value) => {
    expect(INSTANT.test(value)).toBe(true);
    expect(DATE_OR_INSTANT.test(value)).toBe(true);
    expect(Number.isNaN(Date.parse(value))).toBe(false);
  });

  it.each([
    '2026-02-24T10:00:00', // no offset: the server's time zone would decide
    '2026-02-24 10:00:00Z',
    '2020-W01-1T00:00:00Z', // week date: Date cannot read it
    '2020-001T00:00:00Z', // ordinal date
    '20260224T100000Z', // basic format
    'March 7, 2025',
    '2026-02-24T10:00:00z',
  ])('refuses %s', (value) => {
    expect(INSTANT.test(value)).toBe(false);
    expect(DATE_OR_INSTANT.test(value)).toBe(false);
  });

  it('takes a bare date as a read bound but not as an instant', () => {
    expect(DATE_OR_INSTANT.test('2026-02-24')).toBe(true);
    expect(INSTANT.test('2026-02-24')).toBe(false);
  });
});
