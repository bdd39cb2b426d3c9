import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { as, officer } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';

describe('retried and concurrent commands', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('idem') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const events = () => db.count('SELECT count(*) AS n FROM events');

  function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
    return apps.api.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });
  }

  describe('with an Idempotency-Key', () => {
    it('answers a retry with the original response and writes nothing new', async () => {
      const before = await events();
      const headers = { 'idempotency-key': 'meeting-retry-1', ...(await as(officer('officer.a'))) };
      const first = await post('/v1/countries/SY/meetings', meetingBody(), headers);
      const retry = await post('/v1/countries/SY/meetings', meetingBody(), headers);
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers.location).toBe(first.headers.location);
      expect(await events()).toBe(before + 1);
    });

    it('refuses the same key with a different body (422) and writes nothing', async () => {
      const headers = { 'idempotency-key': 'meeting-retry-2', ...(await as(officer('officer.a'))) };
      expect((await post('/v1/countries/SY/meetings', meetingBody(), headers)).statusCode).toBe(201);
      const before = await events();
      const reused = await post('/v1/countries/SY/meetings', meetingBody({ location: 'Aleppo' }), headers);
      expect(reused.statusCode).toBe(422);
      expect(reused.json()).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        idempotencyKey: 'meeting-retry-2',
      });
      expect(await events()).toBe(before);
    });

    it('keeps keys per subject (the token names the caller)', async () => {
      const before = await events();
      const a = await post('/v1/countries/SY/meetings', meetingBody(), {
        'idempotency-key': 'shared',
        ...(await as(officer('a'))),
      });
      const b = await post('/v1/countries/SY/meetings', meetingBody(), {
        'idempotency-key': 'shared',
        ...(await as(officer('b'))),
      });
      expect(a.json().eventId).not.toEqual(b.json().eventId);
      expect(await events()).toBe(before + 2);
    });

    it('applies a command once when the same keyed request arrives many times at once', async () => {
      const before = await events();
      const headers = { 'idempotency-key': 'burst', ...(await as(officer('officer.c'))) };
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => post('/v1/countries/SY/meetings', meetingBody(), headers)),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
      expect(new Set(responses.map((r) => r.json().eventId)).size).toBe(1);
      expect(await events()).toBe(before + 1);
    });

    it('answers a retry with the first response even when the world has changed since', async () => {
      const meeting = (await post('/v1/countries/SY/meetings', meetingBody())).json();
      const headers = {
        'idempotency-key': 'follow-up-before-retraction',
        ...(await as(officer('officer.d'))),
      };
      const first = await post('/v1/follow-ups', followUpBody(meeting.eventId), headers);
      expect(first.statusCode).toBe(201);
      const retracted = await post(`/v1/entries/${meeting.eventId}/retractions`, { reason: 'Logged twice.' });
      expect(retracted.statusCode).toBe(201);
      const before = await events();
      // Without the key this would now be 422 SOURCE_RETRACTED; the retry gets the first answer.
      const retry = await post('/v1/follow-ups', followUpBody(meeting.eventId), headers);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(await events()).toBe(before);
    });

    it('hashes the request, not its spelling: the same body with keys in another order is the same request', async () => {
      const headers = { 'idempotency-key': 'key-order', ...(await as(officer('officer.e'))) };
      const body = meetingBody();
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await post('/v1/countries/SY/meetings', body, headers);
      const retry = await post('/v1/countries/SY/meetings', reordered, headers);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
    });

    it('answers concurrent duplicates of a change to an existing entry with the first response', async () => {
      const offer = (await post('/v1/countries/SY/incentive-offers', incentiveOfferBody())).json();
      const before = await events();
      const headers = { 'idempotency-key': 'accept-burst', ...(await as(officer('officer.f'))) };
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          post(
            `/v1/incentive-offers/${offer.entryId}/accept`,
            { occurredAt: '2026-03-01T09:00:00Z', note: 'Accepted in writing.' },
            headers,
          ),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => JSON.stringify(r.json()))).size).toBe(1);
      expect(await events()).toBe(before + 1);
    });

    it('refuses a malformed key with 400', async () => {
      const response = await post('/v1/countries/SY/meetings', meetingBody(), {
        'idempotency-key': 'has space',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });
  });

  describe('with If-Match', () => {
    it('applies a change against the version the caller saw, and refuses a stale one with 412 naming the current version', async () => {
      const created = await post('/v1/countries/SY/meetings', meetingBody());
      expect(created.headers.etag).toBe('"1"');
      const { eventId } = created.json();
      const correction = { changes: { location: 'Homs' }, reason: 'typo' };
      const fresh = await post(`/v1/entries/${eventId}/corrections`, correction, { 'if-match': '"1"' });
      expect(fresh.statusCode).toBe(201);
      expect(fresh.headers.etag).toBe('"2"');
      const before = await events();
      const stale = await post(
        `/v1/entries/${eventId}/corrections`,
        { ...correction, reason: 'again' },
        { 'if-match': '"1"' },
      );
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2, expectedVersion: 1 });
      expect(await events()).toBe(before);
    });

    it('answers the losers of a race under one If-Match with 412, not 409', async () => {
      const { eventId } = (await post('/v1/countries/SY/meetings', meetingBody())).json();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          post(
            `/v1/entries/${eventId}/corrections`,
            { changes: { location: `Town ${i}` }, reason: 'race' },
            { 'if-match': '"1"' },
          ),
        ),
      );
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(412)]);
    });

    it.each(['"1', '1"', '1', 'W/1', '"one"'])(
      'refuses the malformed If-Match %s with 400',
      async (ifMatch) => {
        const { eventId } = (await post('/v1/countries/SY/meetings', meetingBody())).json();
        const before = await events();
        const response = await post(
          `/v1/entries/${eventId}/corrections`,
          { changes: { location: 'Homs' }, reason: 'typo' },
          { 'if-match': ifMatch },
        );
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
        expect(await events()).toBe(before);
      },
    );

    it('without If-Match, 50 concurrent changes to one stream all apply, one after another', async () => {
      const { eventId } = (await post('/v1/countries/SY/meetings', meetingBody())).json();
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(`/v1/entries/${eventId}/corrections`, {
            changes: { location: `Town ${i}` },
            reason: 'parallel',
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
      expect(responses.map((r) => r.json().streamVersion).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 2),
      );
    });

    it('without If-Match, concurrent changes to one stream are serialised: each applies to the state the other left', async () => {
      const { eventId } = (await post('/v1/countries/SY/meetings', meetingBody())).json();
      const responses = await Promise.all(
        ['Hama', 'Latakia', 'Tartus', 'Idlib'].map((location) =>
          post(`/v1/entries/${eventId}/corrections`, { changes: { location }, reason: 'parallel' }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      const versions = responses.map((r) => r.json().streamVersion).sort();
      expect(versions).toEqual([2, 3, 4, 5]);
      const { rows } = await db.pool.query(
        `SELECT stream_version FROM events WHERE stream_id = (SELECT stream_id FROM events WHERE event_id = $1)
         ORDER BY stream_version`,
        [eventId],
      );
      expect(rows.map((r) => r.stream_version)).toEqual([1, 2, 3, 4, 5]);
    });
  });
});
