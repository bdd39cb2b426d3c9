import { MAX_JSON_DEPTH, tooDeep } from './json-body.js';

/** `levels` arrays or objects, one inside the other, around 1. */
function nested(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

describe('JSON nesting limit', () => {
  it.each(['array', 'object'] as const)('takes %s nesting up to the limit', (kind) => {
    expect(tooDeep(nested(MAX_JSON_DEPTH, kind))).toBeUndefined();
  });

  it('names the path where the limit is crossed', () => {
    expect(tooDeep(nested(MAX_JSON_DEPTH + 1, 'object'))).toBe(
      `${Array(MAX_JSON_DEPTH).fill('a').join('.')}`,
    );
    expect(tooDeep({ list: [{ deep: nested(MAX_JSON_DEPTH, 'array') }] }, MAX_JSON_DEPTH)).toMatch(
      /^list\[0\]\.deep(\[0\])+$/,
    );
  });

  it('walks a body far deeper than the stack allows without overflowing', () => {
    expect(tooDeep(nested(200_000, 'array'))).toBeDefined();
  });

  it('takes the deepest body the API has, a correction of a participant list', () => {
    expect(
      tooDeep({ changes: { envoys: [{ name: 'E', title: 'T', organisation: 'O' }] }, reason: 'r' }),
    ).toBe(undefined);
  });

  it('ignores scalars and empty containers', () => {
    for (const value of [null, 1, 'x', true, [], {}]) expect(tooDeep(value)).toBeUndefined();
  });
});
