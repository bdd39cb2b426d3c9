import { decodeCursor, encodeCursor } from './timeline-cursor.js';

describe('timeline cursors', () => {
  it('decode to the sort key they were made from', () => {
    const cursor = { occurredAt: '2026-02-10T10:00:00.000Z', position: '9007199254740993' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    'garbage',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["not a date","1"]').toString('base64url'),
    Buffer.from('["2026-01-01T00:00:00Z","1; drop table"]').toString('base64url'),
  ])('are refused when forged or corrupted (%s)', (raw) => {
    expect(decodeCursor(raw)).toBeUndefined();
  });
});
