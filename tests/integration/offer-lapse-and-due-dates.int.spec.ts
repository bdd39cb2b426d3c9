import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);

type Offer = Record<string, unknown> & { id: string; status: string; lapsed: boolean };

/**
 * Offers lapse at the end of their expiresOn day (UTC), and read so in the registers before the scheduler has
 * recorded it; follow-ups are not due before the engagement they follow. All data synthetic; the offers are made
 * on 2026-01-10 (fixture) and expire on 2026-01-31 unless said otherwise.
 */
describe('offers lapse on expiresOn; follow-ups are due after their engagement', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('lapse'),
        // The registers must show the lapse as read, not as the scheduler records it.
        extra: { SCHEDULER_INTERVAL_MS: '0' },
      }),
    );
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const offer = (
    expiresOn: string | null = '2026-01-31',
    country = 'SY',
    occurredAt = '2026-01-10T09:00:00Z',
  ) =>
    recorded(
      apps.api,
      `/v1/countries/${country}/incentive-offers`,
      incentiveOfferBody({ occurredAt, expiresOn }),
    );
  const answer = (occurredAt: string) => ({ occurredAt, note: 'Synthetic answer.' });

  describe('answering an offer', () => {
    it.each(['accept', 'decline', 'withdraw'])(
      'refuses to %s it after its expiresOn with 422 OFFER_EXPIRED naming the date, writing nothing',
      async (verb) => {
        const { entryId } = await offer();
        const before = await countEvents(db);
        const refused = await post(`/v1/incentive-offers/${entryId}/${verb}`, answer('2026-02-01T00:00:00Z'));
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({
          code: 'OFFER_EXPIRED',
          expiresOn: '2026-01-31',
          lapsedAt: '2026-02-01T00:00:00.000Z',
        });
        expect(await countEvents(db)).toBe(before);
      },
    );

    it('refuses accepting it 400 days after its expiry', async () => {
      const { entryId } = await offer('2025-01-31', 'SY', '2025-01-10T09:00:00Z');
      const refused = await post(`/v1/incentive-offers/${entryId}/accept`, answer('2026-03-07T09:00:00Z'));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'OFFER_EXPIRED', expiresOn: '2025-01-31' });
    });

    it('accepts an answer on the last moment of the expiresOn day', async () => {
      const { entryId } = await offer();
      const accepted = await post(
        `/v1/incentive-offers/${entryId}/accept`,
        answer('2026-01-31T23:59:59.999Z'),
      );
      expect(accepted.status).toBe(201);
    });

    it('refuses amending it after its expiry, and accepts terms that move the expiry while it is open', async () => {
      const { entryId } = await offer();
      const late = await post(`/v1/incentive-offers/${entryId}/amend`, {
        occurredAt: '2026-02-02T09:00:00Z',
        changes: { expiresOn: '2026-06-30' },
        reason: 'Too late to extend.',
      });
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({ code: 'OFFER_EXPIRED', expiresOn: '2026-01-31' });

      const extended = await post(`/v1/incentive-offers/${entryId}/amend`, {
        occurredAt: '2026-01-20T09:00:00Z',
        changes: { expiresOn: '2026-06-30' },
        reason: 'Extended to the end of June.',
      });
      expect(extended.status).toBe(201);
      const accepted = await post(`/v1/incentive-offers/${entryId}/accept`, answer('2026-03-01T09:00:00Z'));
      expect(accepted.status).toBe(201);
    });

    it('refuses an expiry before the day the terms are set with 422 EXPIRES_IN_PAST', async () => {
      const before = await countEvents(db);
      const refused = await post(
        '/v1/countries/SY/incentive-offers',
        incentiveOfferBody({ occurredAt: '2026-01-10T09:00:00Z', expiresOn: '2026-01-09' }),
      );
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'EXPIRES_IN_PAST', expiresOn: '2026-01-09' });
      expect(await countEvents(db)).toBe(before);
    });
  });

  describe('recording a lapse (POST /expire)', () => {
    it('refuses it before the expiry has passed with 422 NOT_YET_EXPIRED, writing nothing', async () => {
      const { entryId } = await offer();
      const before = await countEvents(db);
      const refused = await post(`/v1/incentive-offers/${entryId}/expire`, answer('2026-01-31T12:00:00Z'));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'NOT_YET_EXPIRED',
        expiresOn: '2026-01-31',
        lapsesAt: '2026-02-01T00:00:00.000Z',
      });
      expect(await countEvents(db)).toBe(before);
    });

    it('records it once the expiry has passed', async () => {
      const { entryId } = await offer();
      expect(
        (await post(`/v1/incentive-offers/${entryId}/expire`, answer('2026-02-01T00:00:00Z'))).status,
      ).toBe(201);
    });

    it('records an officer’s lapse of an offer without expiresOn, on the date stated', async () => {
      const { entryId } = await offer(null);
      expect(
        (await post(`/v1/incentive-offers/${entryId}/expire`, answer('2026-01-20T09:00:00Z'))).status,
      ).toBe(201);
    });
  });

  describe('the offers register', () => {
    async function offers(query = ''): Promise<{ body: Record<string, unknown>; items: Offer[] }> {
      const response = await apps.api.inject({
        method: 'GET',
        url: `/v1/countries/JO/incentive-offers${query}`,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      return { body, items: body.items };
    }

    let lapsed: string;
    let lastDay: string;
    let openEnded: string;

    beforeAll(async () => {
      lapsed = (await offer('2026-01-31', 'JO')).entryId;
      lastDay = (await offer(today(), 'JO')).entryId;
      openEnded = (await offer(null, 'JO')).entryId;
      await waitFor(async () => ((await offers()).items.length === 3 ? true : undefined), {
        what: 'three offers in the register',
      });
    });

    const byId = (items: readonly Offer[], id: string) => items.find((o) => o.id === id);

    it('reads an offer past its expiresOn as expired, lapsed and awaiting its IncentiveExpired', async () => {
      const { body, items } = await offers();
      expect(body).toMatchObject({ country: 'JO', today: today() });
      expect(byId(items, lapsed)).toMatchObject({
        status: 'expired',
        lapsed: true,
        closedAt: null,
        version: 1,
      });
      expect(byId(items, lastDay)).toMatchObject({ status: 'offered', lapsed: false });
      expect(byId(items, openEnded)).toMatchObject({ status: 'offered', lapsed: false });
    });

    it('filters a lapsed offer as expired, not offered', async () => {
      expect((await offers('?status=expired')).items.map((o) => o.id)).toEqual([lapsed]);
      expect(new Set((await offers('?status=offered')).items.map((o) => o.id))).toEqual(
        new Set([lastDay, openEnded]),
      );
    });

    it('judges the lapse on the day read: an offer expiring today reads expired as known tomorrow', async () => {
      const { body, items } = await offers(`?knownAt=${tomorrow()}T00:00:00Z`);
      expect(body).toMatchObject({ today: tomorrow(), knownAt: `${tomorrow()}T00:00:00.000Z` });
      expect(byId(items, lastDay)).toMatchObject({ status: 'expired', lapsed: true });
      expect(byId(items, openEnded)).toMatchObject({ status: 'offered', lapsed: false });
    });
  });

  describe('assigning a follow-up', () => {
    it('refuses one due before the engagement it follows with 422 DUE_BEFORE_SOURCE, writing nothing', async () => {
      // The meeting took place on 2026-02-10 (fixture).
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const before = await countEvents(db);
      const refused = await post('/v1/follow-ups', followUpBody(meeting.eventId, { dueDate: '2026-02-09' }));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'DUE_BEFORE_SOURCE',
        dueDate: '2026-02-09',
        sourceOccurredAt: '2026-02-10T10:00:00.000Z',
      });
      expect(await countEvents(db)).toBe(before);
    });

    it('accepts one due the day of the engagement', async () => {
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const answered = await post('/v1/follow-ups', followUpBody(meeting.eventId, { dueDate: '2026-02-10' }));
      expect(answered.status).toBe(201);
    });
  });
});
