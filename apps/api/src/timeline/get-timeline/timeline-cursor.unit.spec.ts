import fc from 'fast-check';
import { decodeCursor, encodeCursor } from './timeline-cursor.js';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('timeline cursors', () => {
  it('decode to the sort key they were made from', () => {
    const cursor = { occurredAt: '2026-02-10T10:00:00.000Z', position: '9007199254740993' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('every cursor the API can issue decodes to its sort key', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
        (at, position) => {
          const cursor = { occurredAt: at.toISOString(), position: String(position) };
          expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
        },
      ),
      { seed: 20_261_128, numRuns: 200 },
    );
  });

  it.each([
    'garbage',
    '',
    forge({ a: 1 }),
    forge(['not a date', '1']),
    forge(['2026-01-01T00:00:00Z', '1; drop table']),
    forge(['2026-01-01T00:00:00.000Z']),
    forge(['2026-01-01T00:00:00.000Z', '1', 'extra']),
    forge(['2026-01-01T00:00:00.000Z', 1]),
  ])('are refused when forged or corrupted (%s)', (raw) => {
    expect(decodeCursor(raw)).toBeUndefined();
  });

  // None of these is a cursor the API issues; each once reached the query, where most made PostgreSQL fail (a 500).
  it.each([
    ['a year alone', '2026'],
    ['a week date', '2020-W01-1T00:00:00Z'],
    ['a time without a date', 'Tue'],
    ['year 0', '0000-01-01T00:00:00.000Z'],
    ['a year beyond PostgreSQL', '+275760-09-13T00:00:00.000Z'],
    ['a year before it', '-271821-04-20T00:00:00.000Z'],
    ['a day that does not exist', '2026-02-30T00:00:00.000Z'],
    ['a NUL', '2026-01-01T00:00:00.000Z\u0000'],
    ['an offset', '2026-01-01T00:00:00.000+01:00'],
  ])('are refused with %s as the instant', (_label, occurredAt) => {
    expect(decodeCursor(forge([occurredAt, '1']))).toBeUndefined();
  });

  it.each([
    ['beyond bigint', '9223372036854775808'],
    ['far beyond bigint', '9999999999999999999'],
    ['negative', '-1'],
    ['empty', ''],
    ['with a NUL', '1\u0000'],
  ])('are refused with a position %s', (_label, position) => {
    expect(decodeCursor(forge(['2026-01-01T00:00:00.000Z', position]))).toBeUndefined();
  });
});
