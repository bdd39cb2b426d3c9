import fc from 'fast-check';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor.js';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('search cursors', () => {
  it('every cursor the API can issue decodes to its sort key', () => {
    fc.assert(
      fc.property(
        // What pg reads a `real` in [0, 1) as: a float32 widened to a double.
        fc.float({ min: 0, max: Math.fround(0.9999999), noNaN: true, noDefaultInfinity: true }),
        fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
        (rank, position) => {
          const cursor = { rank: Math.abs(rank), position: String(position) };
          expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
        },
      ),
      { seed: 20_261_201, numRuns: 200 },
    );
  });

  it('take the least positive real PostgreSQL writes, and 0', () => {
    for (const rank of [1e-45, 0]) {
      expect(decodeSearchCursor(encodeSearchCursor({ rank, position: '5' }))).toEqual({
        rank,
        position: '5',
      });
    }
  });

  it.each([
    ['garbage', 'garbage'],
    ['nothing', ''],
    ["the timeline's cursor", forge(['2026-01-01T00:00:00.000Z', '5'])],
    ["the audit's cursor", forge(['audit', '5'])],
    ['a rank as text', forge(['search', '0.5', '5'])],
    ['a rank of 1', forge(['search', 1, '5'])],
    ['a negative rank', forge(['search', -0.1, '5'])],
    ['a rank beyond real', forge(['search', 1e300, '5'])],
    ['a rank a real cannot hold but as 0', forge(['search', 1e-320, '5'])],
    ['a position beyond bigint', forge(['search', 0.5, '9223372036854775808'])],
    ['a position of 0', forge(['search', 0.5, '0'])],
    ['a position as a number', forge(['search', 0.5, 5])],
    ['a leading zero', forge(['search', 0.5, '05'])],
    ['a NUL', forge(['search', 0.5, '5\u0000'])],
    ['an extra part', forge(['search', 0.5, '5', 'x'])],
    ['a non-canonical spelling', Buffer.from('["search", 0.5, "5"]').toString('base64url')],
  ])('are refused when forged: %s', (_label, raw) => {
    expect(decodeSearchCursor(raw)).toBeUndefined();
  });
});
