import {
  decodeCountryRegisterCursor,
  decodeFollowUpCursor,
  encodeCountryRegisterCursor,
  encodeFollowUpCursor,
} from './register-cursor.js';

const ID = '0191f4d2-0000-7000-8000-000000000001';
const KNOWN_AT = new Date('2026-02-10T10:00:00.123Z');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('register cursors', () => {
  it('decode to the knownAt and sort key they were made from, for their own register only', () => {
    const after = { occurredAt: '2024-03-10T09:00:00.000Z', streamId: `contract-${ID}` };
    const cursor = encodeCountryRegisterCursor('contract', KNOWN_AT, after);
    expect(decodeCountryRegisterCursor('contract', cursor)).toEqual({
      knownAt: KNOWN_AT.toISOString(),
      after,
    });
    expect(decodeCountryRegisterCursor('incentive-offer', cursor)).toBeUndefined();
    expect(decodeFollowUpCursor(cursor)).toBeUndefined();

    const due = {
      dueDate: '2024-02-29',
      occurredAt: '2024-01-06T09:00:00.000Z',
      streamId: `follow-up-${ID}`,
    };
    const followUps = encodeFollowUpCursor(KNOWN_AT, due);
    expect(decodeFollowUpCursor(followUps)).toEqual({ knownAt: KNOWN_AT.toISOString(), after: due });
    expect(decodeCountryRegisterCursor('contract', followUps)).toBeUndefined();
  });

  const instant = '2024-03-10T09:00:00.000Z';
  const knownAt = KNOWN_AT.toISOString();
  it.each([
    ['garbage', 'garbage!'],
    ['empty', ''],
    ['an object', b64({ knownAt, occurredAt: instant })],
    ['too few parts', b64(['contract', knownAt, instant])],
    ['too many parts', b64(['contract', knownAt, instant, `contract-${ID}`, 1])],
    ['a year only', b64(['contract', knownAt, '2026', `contract-${ID}`])],
    ['year 0', b64(['contract', knownAt, '0000-01-01T00:00:00.000Z', `contract-${ID}`])],
    ['30 February', b64(['contract', knownAt, '2026-02-30T09:00:00.000Z', `contract-${ID}`])],
    ['an instant without milliseconds', b64(['contract', knownAt, '2026-02-01T09:00:00Z', `contract-${ID}`])],
    ['a bad knownAt', b64(['contract', '2026-02-01', instant, `contract-${ID}`])],
    ['another kind of stream', b64(['contract', knownAt, instant, `support-${ID}`])],
    ['a bare prefix', b64(['contract', knownAt, instant, 'contract-'])],
    ['a NUL', b64(['contract', knownAt, instant, 'contract-a\u0000'])],
    ['SQL', b64(['contract', knownAt, instant, "contract-1'; drop table registers"])],
    ['too long', `${b64(['contract', knownAt, instant, `contract-${ID}`])}${'A'.repeat(512)}`],
  ])('are refused for a country register when forged: %s', (_, raw) => {
    expect(decodeCountryRegisterCursor('contract', raw)).toBeUndefined();
  });

  it.each([
    ['30 February', b64(['follow-up', knownAt, '2026-02-30', instant, `follow-up-${ID}`])],
    ['year 0', b64(['follow-up', knownAt, '0000-12-31', instant, `follow-up-${ID}`])],
    ['an instant for a date', b64(['follow-up', knownAt, instant, instant, `follow-up-${ID}`])],
    ['a number', b64(['follow-up', knownAt, 20260201, instant, `follow-up-${ID}`])],
  ])('are refused for the follow-ups when forged: %s', (_, raw) => {
    expect(decodeFollowUpCursor(raw)).toBeUndefined();
  });
});
