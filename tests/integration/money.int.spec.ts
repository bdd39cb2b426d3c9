import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { errorFields, postJson, recorded, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, incentiveOfferBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

/**
 * Money is integer minor units of its currency's ISO 4217 exponent from the request to the answer: a decimal
 * string in, minor units in the event store and the read models, decimal amount and minor units out.
 */
interface Entry {
  readonly headline: string;
  readonly data: { readonly amount: { readonly minor: string } };
}

describe('money in minor units, over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('money') }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const get = async (url: string) => {
    const response = await apps.api.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const timelineEntry = async (eventId: string): Promise<Entry> =>
    (await waitFor(
      async () => {
        const response = await apps.api.inject({ method: 'GET', url: `/v1/entries/${eventId}` });
        return response.statusCode === 200 ? response.json() : undefined;
      },
      { what: `entry ${eventId} projected` },
    )) as Entry;

  it.each([
    ['JPY', '1500000', { amount: '1500000', minor: '1500000', currency: 'JPY' }, '1,500,000 JPY'],
    ['KWD', '12.345', { amount: '12.345', minor: '12345', currency: 'KWD' }, '12.345 KWD'],
    ['USD', '1500000.5', { amount: '1500000.50', minor: '150000050', currency: 'USD' }, '1,500,000.50 USD'],
  ])('round-trips an offer in %s exactly', async (currency, amount, answered, headline) => {
    const offer = await recorded(
      apps.api,
      '/v1/countries/KW/incentive-offers',
      incentiveOfferBody({ amount: { amount, currency } }),
    );
    expect((await storedEvent(db, offer.eventId))?.data).toMatchObject({
      amount: { minor: answered.minor, currency },
    });
    const entry = await timelineEntry(offer.eventId);
    expect(entry).toMatchObject({ data: { amount: answered } });
    expect(entry.headline).toContain(headline);
  });

  it.each([
    [{ amount: '1500.5', currency: 'JPY' }, ['amount.amount']],
    [{ amount: '1.0001', currency: 'KWD' }, ['amount.amount']],
    [{ amount: 1500, currency: 'USD' }, ['amount.amount']],
    [{ amount: '1e6', currency: 'USD' }, ['amount.amount']],
    [{ amount: '-1', currency: 'USD' }, ['amount.amount']],
    [{ amount: '1', currency: 'XYZ' }, ['amount.currency']],
  ])('refuses %p with 400 naming the field', async (money, fields) => {
    const answer = await post('/v1/countries/KW/incentive-offers', incentiveOfferBody({ amount: money }));
    expect(answer.status).toBe(400);
    expect(errorFields(answer.body)).toEqual(fields);
  });

  it('keeps 9,007,199,254,740,993 minor units exact through the store, the ledger and the value basis', async () => {
    // The first integer a double cannot hold, twice: a float would answer …992 and …984.
    const value = { amount: '90071992547409.93', currency: 'USD' };
    const awards = [
      await recorded(apps.api, '/v1/countries/QA/contracts', contractBody({ value })),
      await recorded(apps.api, '/v1/countries/QA/contracts', contractBody({ value, vendorId: 'ericsson' })),
    ];
    for (const award of awards) {
      expect((await storedEvent(db, award.eventId))?.data).toMatchObject({
        value: { minor: '9007199254740993', currency: 'USD' },
      });
    }
    await waitFor(
      async () =>
        (await db.count(`SELECT count(*) AS n FROM contract_holdings WHERE country = 'QA'`)) === 4 ||
        undefined,
      { what: 'both contracts in the ledger, each in from its start and out after its end' },
    );
    const { rows } = await db.pool.query<{ value: string }>(
      `SELECT value_delta::text AS value FROM contract_holdings WHERE country = 'QA' ORDER BY value_delta`,
    );
    expect(rows.map((r) => r.value)).toEqual([
      '-9007199254740993',
      '-9007199254740993',
      '9007199254740993',
      '9007199254740993',
    ]);

    const report = await get('/v1/countries/QA/dependency?basis=value&asOf=2025-12-31');
    expect(report.figures).toHaveLength(1);
    expect(report.figures[0]).toMatchObject({
      currency: 'USD',
      total: { amount: '180143985094819.86', minor: '18014398509481986', currency: 'USD' },
      hhi: 5000,
    });
    expect(report.figures[0].vendors.map((v: { amount: unknown }) => v.amount)).toEqual([
      { amount: '90071992547409.93', minor: '9007199254740993', currency: 'USD' },
      { amount: '90071992547409.93', minor: '9007199254740993', currency: 'USD' },
    ]);
    const contract = await waitFor(
      async () => {
        const register = await get('/v1/countries/QA/contracts');
        return register.items?.length === 2 ? register.items[0] : undefined;
      },
      { what: 'both contracts in the register' },
    );
    expect(contract.value).toEqual({
      amount: '90071992547409.93',
      minor: '9007199254740993',
      currency: 'USD',
    });
  });

  it('takes a corrected amount as a decimal and records it in minor units', async () => {
    const offer = await recorded(
      apps.api,
      '/v1/countries/KW/incentive-offers',
      incentiveOfferBody({ amount: { amount: '1', currency: 'KWD' } }),
    );
    const refused = await post(`/v1/entries/${offer.eventId}/corrections`, {
      changes: { amount: { amount: '0.0001', currency: 'KWD' } },
      reason: 'Too fine.',
    });
    expect(refused.status).toBe(400);
    expect(errorFields(refused.body)).toEqual(['changes.amount.amount']);
    const correction = await recorded(apps.api, `/v1/entries/${offer.eventId}/corrections`, {
      changes: { amount: { amount: '2.5', currency: 'KWD' } },
      reason: 'The cable said 2.5 thousand fils.',
    });
    expect((await storedEvent(db, correction.eventId))?.data).toMatchObject({
      changes: { amount: { minor: '2500', currency: 'KWD' } },
    });
    await waitFor(
      async () => {
        const entry = await timelineEntry(offer.eventId);
        return entry.data.amount.minor === '2500' ? entry : undefined;
      },
      { what: 'the corrected amount on the timeline' },
    );
  });
});
