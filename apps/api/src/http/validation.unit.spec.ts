import { unstorableFields } from './validation.js';

describe('text PostgreSQL cannot store', () => {
  it('names each field holding a NUL or an unpaired surrogate, nested or in a list', () => {
    const fields = unstorableFields(
      { summary: 'a\u0000b', envoys: [{ name: 'x\ud800' }], topics: ['ok', '\udc00'], fine: 'ok' },
      '',
    ).map((e) => e.field);
    expect(fields.sort()).toEqual(['envoys[0].name', 'summary', 'topics[1]']);
  });

  it('refuses it in a field name too, naming the object', () => {
    expect(unstorableFields({ changes: { 'su\u0000': 'x' } }, '').map((e) => e.field)).toEqual(['changes']);
  });

  it('names a query parameter or path value by its name, and a whole body as body', () => {
    expect(unstorableFields('a\u0000', 'topic', 'query').map((e) => e.field)).toEqual(['topic']);
    expect(unstorableFields('\u0000', '', 'body').map((e) => e.field)).toEqual(['body']);
  });

  it('takes paired surrogates (emoji), other control characters and any other text', () => {
    expect(unstorableFields({ a: '💥', b: '\u0007\u001b', c: '\ufeff\uffff', d: ['é'] }, '')).toEqual([]);
  });
});
