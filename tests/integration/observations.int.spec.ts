import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { competingOfferBody, countryResponseBody } from '../support/fixtures.js';

describe('observations of the country over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('observe') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);

  it('records CountryResponseObserved in a new observation stream', async () => {
    const answer = await post('/v1/countries/SY/responses', countryResponseBody());
    expect(answer.status).toBe(201);
    const { entryId, eventId } = answer.body as { entryId: string; eventId: string };
    expect(answer.body).toMatchObject({ streamId: `observation-${entryId}` });
    expect(await storedEvent(db, eventId)).toMatchObject({
      type: 'CountryResponseObserved',
      country: 'SY',
      data: {
        observationId: entryId,
        stance: 'receptive',
        speaker: { name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' },
        channel: 'public-statement',
      },
    });
  });

  it('records CompetingOfferObserved', async () => {
    const answer = await post('/v1/countries/SY/competing-offers', competingOfferBody({ financing: null }));
    expect(answer.status).toBe(201);
    expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
      type: 'CompetingOfferObserved',
      data: {
        observationId: answer.body.entryId,
        rival: { kind: 'vendor', name: 'Huawei' },
        financing: null,
        amount: { minor: '8000000000', currency: 'USD' },
        bundle: ['5G core', 'Data centre'],
      },
    });
  });

  it('names invalid fields with 400 and writes nothing', async () => {
    const before = await countEvents(db);
    const response = await post(
      '/v1/countries/SY/responses',
      countryResponseBody({ stance: 'furious', speaker: {} }),
    );
    expect(response.status).toBe(400);
    expect(new Set(errorFields(response.body))).toEqual(
      new Set(['stance', 'speaker.name', 'speaker.title', 'speaker.organisation']),
    );
    const offer = await post(
      '/v1/countries/SY/competing-offers',
      competingOfferBody({ rival: { kind: 'alien', name: 'X' }, bundle: Array(51).fill('x') }),
    );
    expect(offer.status).toBe(400);
    expect(new Set(errorFields(offer.body))).toEqual(new Set(['rival.kind', 'bundle']));
    expect(await countEvents(db)).toBe(before);
  });

  it('refuses an observation dated in the future with 422', async () => {
    const answer = await post(
      '/v1/countries/SY/responses',
      countryResponseBody({ occurredAt: '2099-01-01T00:00:00Z' }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'OCCURRED_IN_FUTURE' });
  });
});
