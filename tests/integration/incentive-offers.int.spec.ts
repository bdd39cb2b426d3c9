import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, recorded, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { incentiveOfferBody } from '../support/fixtures.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const note = (text: string) => ({ occurredAt: '2026-02-20T10:00:00Z', note: text });

describe('incentive offers over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('offers') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const offer = () => recorded(apps.api, '/v1/countries/SY/incentive-offers', incentiveOfferBody());

  it('records IncentiveOffered in a new incentive stream', async () => {
    const answer = await post('/v1/countries/SY/incentive-offers', incentiveOfferBody());
    expect(answer.status).toBe(201);
    const { entryId, eventId } = answer.body as { entryId: string; eventId: string };
    expect(answer.body).toMatchObject({ streamId: `incentive-${entryId}`, streamVersion: 1 });
    expect(await storedEvent(db, eventId)).toMatchObject({
      type: 'IncentiveOffered',
      country: 'SY',
      data: {
        offerId: entryId,
        instrument: 'loan',
        amount: { minor: '2500000000', currency: 'USD' },
        expiresOn: '2026-12-31',
      },
    });
  });

  it('amends only the terms named, an explicit null clearing one', async () => {
    const { entryId } = await offer();
    const answer = await post(`/v1/incentive-offers/${entryId}/amend`, {
      occurredAt: '2026-02-15T00:00:00Z',
      changes: { amount: { amount: '30000000', currency: 'USD' }, expiresOn: null },
      reason: 'Raised after the second round.',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ entryId, streamVersion: 2 });
    const stored = await storedEvent(db, answer.body.eventId as string);
    expect(stored?.type).toBe('IncentiveTermsAmended');
    expect(stored?.data).toEqual({
      offerId: entryId,
      changes: { amount: { minor: '3000000000', currency: 'USD' }, expiresOn: null },
      reason: 'Raised after the second round.',
    });
  });

  it('refuses an amendment that changes nothing with 422 NOTHING_TO_AMEND', async () => {
    const { entryId } = await offer();
    const before = await countEvents(db);
    const answer = await post(`/v1/incentive-offers/${entryId}/amend`, {
      occurredAt: '2026-02-15T00:00:00Z',
      changes: {},
      reason: 'Nothing really.',
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'NOTHING_TO_AMEND' });
    expect(await countEvents(db)).toBe(before);
  });

  it.each([
    ['accept', 'IncentiveAccepted', '2026-12-31'],
    ['decline', 'IncentiveDeclined', '2026-12-31'],
    ['withdraw', 'IncentiveWithdrawn', '2026-12-31'],
    // A lapse is recorded once the expiry has passed (the answer is dated 2026-02-20).
    ['expire', 'IncentiveExpired', '2026-02-19'],
  ])('closes an open offer on /%s with %s', async (answerPath, type, expiresOn) => {
    const { entryId } = await recorded(
      apps.api,
      '/v1/countries/SY/incentive-offers',
      incentiveOfferBody({ expiresOn }),
    );
    const answer = await post(`/v1/incentive-offers/${entryId}/${answerPath}`, note('Closed.'));
    expect(answer.status).toBe(201);
    expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
      type,
      data: { offerId: entryId, note: 'Closed.' },
    });
  });

  it('refuses to amend an accepted offer with 409 naming the state, writing nothing', async () => {
    const { entryId } = await offer();
    expect((await post(`/v1/incentive-offers/${entryId}/accept`, note('Signed.'))).status).toBe(201);
    const before = await countEvents(db);
    const answer = await post(`/v1/incentive-offers/${entryId}/amend`, {
      occurredAt: '2026-02-21T00:00:00Z',
      changes: { description: 'Too late.' },
      reason: 'Afterthought.',
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'accepted' });
    expect(await countEvents(db)).toBe(before);
  });

  it('refuses to accept a withdrawn offer with 409', async () => {
    const { entryId } = await offer();
    expect((await post(`/v1/incentive-offers/${entryId}/withdraw`, note('Budget cut.'))).status).toBe(201);
    const answer = await post(`/v1/incentive-offers/${entryId}/accept`, note('Too late.'));
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ currentState: 'withdrawn', attempted: 'accept' });
  });

  it('answers 404 for an offer never made', async () => {
    const answer = await post(`/v1/incentive-offers/${UNKNOWN_ID}/decline`, note('?'));
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'INCENTIVE_OFFER_NOT_FOUND' });
  });

  it('names invalid fields, down to the amended terms, with 400', async () => {
    const bad = await post('/v1/countries/SY/incentive-offers', incentiveOfferBody({ instrument: 'bribe' }));
    expect(bad.status).toBe(400);
    expect(errorFields(bad.body)).toEqual(['instrument']);

    const amend = await post(`/v1/incentive-offers/${UNKNOWN_ID}/amend`, {
      occurredAt: '2026-02-15T00:00:00Z',
      changes: { amount: { amount: '1', currency: 'DOLLARS' }, units: 3 },
      reason: 'x',
    });
    expect(amend.status).toBe(400);
    expect(new Set(errorFields(amend.body))).toEqual(new Set(['changes.amount.currency', 'changes.units']));
  });
});
