import { decodeCorrectionsCursor, encodeCorrectionsCursor } from './corrections-cursor.js';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const EVENT = '0195a1b2-0000-7000-8000-00000000000a';

describe('corrections cursors', () => {
  it.each([2, 21, 101, 2_147_483_647])('decode to the place and event they were made from (%i)', (before) => {
    const cursor = { before, eventId: EVENT };
    expect(decodeCorrectionsCursor(encodeCorrectionsCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['an object', forge({ before: 5, eventId: EVENT })],
    ['one element', forge([5])],
    ['an extra element', forge([5, EVENT, 1])],
    ['a place as text', forge(['5', EVENT])],
    ['a fractional place', forge([5.5, EVENT])],
    ['the first place (nothing before it)', forge([1, EVENT])],
    ['a negative place', forge([-3, EVENT])],
    ['a place beyond integer', forge([2_147_483_648, EVENT])],
    ['an id that is no UUID', forge([5, "x' OR 1=1"])],
    ['an upper-case id (never issued)', forge([5, EVENT.toUpperCase()])],
    ['padding', `${forge([5, EVENT])}=`],
    ['spaces in the JSON', Buffer.from(`[5, "${EVENT}"]`).toString('base64url')],
  ])('are refused when forged or corrupted: %s', (_what, raw) => {
    expect(decodeCorrectionsCursor(raw)).toBeUndefined();
  });
});
