import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('audit cursors', () => {
  it.each(['1', '42', '9223372036854775807'])('decode to the position they were made from (%s)', (before) => {
    expect(decodeAuditCursor(encodeAuditCursor({ before }))).toEqual({ before });
  });

  it.each([
    ['garbage', 'garbage!'],
    ['empty', ''],
    ['another listing’s cursor', forge(['2026-01-01T00:00:00.000Z', '5'])],
    ['another kind', forge(['timeline', '5'])],
    ['an object', forge({ kind: 'audit', before: '5' })],
    ['a position as a number', forge(['audit', 5])],
    ['position 0', forge(['audit', '0'])],
    ['a leading zero', forge(['audit', '05'])],
    ['a negative position', forge(['audit', '-1'])],
    ['a position beyond bigint', forge(['audit', '9223372036854775808'])],
    ['SQL', forge(['audit', "1' OR 1=1"])],
    ['an extra element', forge(['audit', '5', 'x'])],
    ['padding', `${forge(['audit', '5'])}=`],
    ['spaces in the JSON', Buffer.from('["audit", "5"]').toString('base64url')],
    ['too long', 'A'.repeat(500)],
  ])('are refused when forged or corrupted: %s', (_what, raw) => {
    expect(decodeAuditCursor(raw)).toBeUndefined();
  });
});
