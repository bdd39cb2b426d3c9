import {
  amountProblem,
  currencyExponent,
  formatAmount,
  moneyFromMajorNumber,
  moneyViews,
  parseMoney,
  readableMoney,
} from './money.js';
import { upcast } from './upcasting.js';

describe('reading decimal amounts into minor units', () => {
  it.each([
    ['1500', 'JPY', '1500'],
    ['1500000.50', 'USD', '150000050'],
    ['1500000.5', 'USD', '150000050'],
    ['12.345', 'KWD', '12345'],
    ['0.001', 'KWD', '1'],
    ['0', 'USD', '0'],
    // 1e15 USD and the first integer a double cannot hold, both exact.
    ['1000000000000000.01', 'USD', '100000000000000001'],
    ['90071992547409.93', 'USD', '9007199254740993'],
    ['9007199254740993', 'JPY', '9007199254740993'],
  ])('reads %s %s as %s minor units', (amount, currency, minor) => {
    expect(parseMoney(amount, currency)).toEqual({ minor, currency });
  });

  it.each([
    ['1500.5', 'JPY', 'may have at most 0 digits after the point in JPY'],
    ['1.001', 'USD', 'may have at most 2 digits after the point in USD'],
    ['1.0001', 'KWD', 'may have at most 3 digits after the point in KWD'],
    ['1e6', 'USD', 'must be a decimal string'],
    ['-5', 'USD', 'must be a decimal string'],
    ['+5', 'USD', 'must be a decimal string'],
    ['01', 'USD', 'must be a decimal string'],
    ['1.', 'USD', 'must be a decimal string'],
    ['.5', 'USD', 'must be a decimal string'],
    [' 1', 'USD', 'must be a decimal string'],
    ['1'.repeat(21), 'JPY', 'must be a decimal string'],
    ['10000000000000000', 'USD', 'must be less than 10000000000000000.00 USD'],
  ])('refuses %s %s (%s)', (amount, currency, problem) => {
    expect(amountProblem(amount, currency)).toContain(problem);
    expect(() => parseMoney(amount, currency)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
  });

  it('refuses a number, and an unknown currency', () => {
    expect(amountProblem(1500, 'USD')).toContain('must be a decimal string');
    expect(() => parseMoney('1', 'DOLLARS')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
    expect(() => parseMoney('1', 'usd')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
  });

  it('knows each currency’s ISO 4217 exponent', () => {
    expect(['JPY', 'USD', 'KWD', 'CLF'].map(currencyExponent)).toEqual([0, 2, 3, 4]);
    expect(currencyExponent('XYZ')).toBeUndefined();
    expect(currencyExponent('constructor')).toBeUndefined();
  });
});

describe('writing minor units', () => {
  it.each([
    ['150000050', 'USD', '1500000.50', '1,500,000.50 USD'],
    ['2500000000', 'USD', '25000000.00', '25,000,000 USD'],
    ['5', 'USD', '0.05', '0.05 USD'],
    ['1500', 'JPY', '1500', '1,500 JPY'],
    ['12345', 'KWD', '12.345', '12.345 KWD'],
    ['9007199254740993', 'JPY', '9007199254740993', '9,007,199,254,740,993 JPY'],
  ])('writes %s %s as %s (%s in a headline)', (minor, currency, amount, readable) => {
    expect(formatAmount({ minor, currency })).toBe(amount);
    expect(readableMoney({ minor, currency })).toBe(readable);
  });

  it('answers money with its decimal amount and a bigint as digits, through JSON', () => {
    const state = {
      amount: { minor: '150000050', currency: 'USD' },
      holdings: [{ value: 9007199254740993n }],
    };
    expect(JSON.parse(JSON.stringify(state, moneyViews))).toEqual({
      amount: { amount: '1500000.50', minor: '150000050', currency: 'USD' },
      holdings: [{ value: '9007199254740993' }],
    });
  });
});

describe('amounts recorded as floats before minor units', () => {
  it.each([
    [25_000_000, 'USD', '2500000000'],
    [0.1, 'USD', '10'],
    [1500000.57, 'USD', '150000057'],
    [1e15, 'USD', '100000000000000000'],
    [1e21, 'JPY', '1000000000000000000000'],
    [12.5, 'KWD', '12500'],
    [100.5, 'JPY', '101'],
    [100.49, 'JPY', '100'],
  ])('reads %p %s as %s minor units, from its decimal form', (amount, currency, minor) => {
    expect(moneyFromMajorNumber(amount, currency)).toEqual({ minor, currency });
  });

  it('upcasts every event type that holds money to minor units, and old corrections of them', () => {
    const old = (type: string, data: unknown) => upcast({ type, schemaVersion: 1, data });
    const usd = { amount: 1500000.57, currency: 'USD' };
    const minor = { minor: '150000057', currency: 'USD' };
    expect(old('IncentiveOffered', { offerId: 'o', amount: usd }).data).toEqual({
      offerId: 'o',
      amount: minor,
    });
    expect(old('IncentiveOffered', { offerId: 'o', amount: null }).data).toEqual({
      offerId: 'o',
      amount: null,
    });
    expect(old('IncentiveTermsAmended', { changes: { amount: usd } }).data).toEqual({
      changes: { amount: minor },
    });
    expect(old('IncentiveTermsAmended', { changes: { expiresOn: null } }).data).toEqual({
      changes: { expiresOn: null },
    });
    expect(old('TechnicalSupportCommitted', { budget: usd }).data).toEqual({ budget: minor });
    expect(old('CompetingOfferObserved', { amount: usd }).data).toEqual({ amount: minor });
    expect(old('ContractAwarded', { value: usd }).data).toEqual({ value: minor });
    expect(old('EquipmentReplaced', { value: usd }).data).toEqual({ value: minor });
    expect(upcast({ type: 'ContractAmended', schemaVersion: 2, data: { changes: { value: usd } } })).toEqual({
      type: 'ContractAmended',
      schemaVersion: 3,
      data: { changes: { value: minor } },
    });
    expect(
      old('EntryCorrected', {
        targetType: 'ContractAmended',
        changes: { changes: { value: usd }, reason: 'r' },
      }).data,
    ).toEqual({ targetType: 'ContractAmended', changes: { changes: { value: minor }, reason: 'r' } });
    expect(old('EntryCorrected', { targetType: 'IncentiveOffered', changes: { amount: usd } }).data).toEqual({
      targetType: 'IncentiveOffered',
      changes: { amount: minor },
    });
    expect(old('EntryCorrected', { targetType: 'EnvoyMeetingHeld', changes: { summary: 's' } }).data).toEqual(
      {
        targetType: 'EnvoyMeetingHeld',
        changes: { summary: 's' },
      },
    );
  });
});
