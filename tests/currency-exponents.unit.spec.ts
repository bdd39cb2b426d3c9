import { data as currencyCodes } from 'currency-codes';
import { CurrencyCodes } from 'validator/lib/isISO4217.js';
import { CURRENCY_EXPONENTS, WITHDRAWN_CURRENCIES } from '#domain';

/**
 * The domain keeps its own ISO 4217 table (it imports no package); this checks it against the published list
 * the currency-codes package carries, so a currency or exponent out of step fails here, not in an amount.
 */
describe('the domain’s currency table', () => {
  it('has every ISO 4217 currency with its exponent, and no other but the withdrawn ones it still reads', () => {
    const iso = Object.fromEntries(currencyCodes.map((c) => [c.code, c.digits]));
    const ours = { ...CURRENCY_EXPONENTS };
    for (const code of WITHDRAWN_CURRENCIES) delete ours[code];
    expect(ours).toEqual(iso);
  });

  it('knows every code the API accepted before minor units, so every recorded amount can be upcast', () => {
    // class-validator's IsISO4217CurrencyCode checked currencies against this set.
    const accepted = [...(CurrencyCodes as Set<string>)];
    expect(accepted.filter((code) => CURRENCY_EXPONENTS[code] === undefined)).toEqual([]);
    expect(WITHDRAWN_CURRENCIES.filter((code) => !accepted.includes(code))).toEqual([]);
  });
});
