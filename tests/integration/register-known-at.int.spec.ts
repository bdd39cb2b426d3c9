import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

type Item = Record<string, unknown> & { id: string; status: string; version: number };

/**
 * Registers kept as revisions (known_from/known_until, recorded time): a register read as known at a time gives
 * the answer a reader got then, whatever was recorded or corrected since. All data synthetic.
 */
describe('registers as known at a time', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('register-known-at'),
        extra: { SCHEDULER_INTERVAL_MS: '0' },
      }),
    );
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = async (url: string, payload: unknown) => {
    const answer = await postJson(apps.api, url, payload);
    if (answer.status !== 201)
      throw new Error(`POST ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { eventId: string; streamVersion: number };
  };

  async function list(url: string): Promise<{ body: Record<string, unknown>; items: Item[] }> {
    const response = await apps.api.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    return { body, items: body.items };
  }

  /** Waits until the projector has applied the stream up to `version`. */
  async function projected(streamId: string, version: number): Promise<void> {
    await waitFor(
      async () =>
        (await db.count(`SELECT count(*) AS n FROM registers WHERE stream_id = $1 AND stream_version = $2`, [
          streamId,
          version,
        ])) > 0
          ? true
          : undefined,
      { what: `${streamId} projected to version ${version}` },
    );
  }

  /** When an event was recorded, and the millisecond before: the two sides of that moment. */
  async function recordedAt(eventId: string): Promise<{ before: string; at: string }> {
    const { rows } = await db.pool.query<{ recorded_at: Date }>(
      'SELECT recorded_at FROM events WHERE event_id = $1',
      [eventId],
    );
    const at = rows[0]?.recorded_at;
    if (!at) throw new Error(`no event ${eventId}`);
    return { before: new Date(at.getTime() - 1).toISOString(), at: at.toISOString() };
  }

  it('answers an offer as known before and after a late correction and a later answer', async () => {
    const offer = await recorded(
      apps.api,
      '/v1/countries/LB/incentive-offers',
      incentiveOfferBody({ occurredAt: '2026-01-10T09:00:00Z', expiresOn: '2099-12-31' }),
    );
    const offered = await recordedAt(offer.eventId);
    await projected(offer.streamId, 1);

    // Weeks later, an officer corrects the amount the offer was made with.
    const correction = await post(`/v1/entries/${offer.eventId}/corrections`, {
      changes: { amount: { amount: '40000000', currency: 'USD' } },
      reason: 'The cable gave the amount in the wrong currency unit.',
    });
    const corrected = await recordedAt(correction.eventId);
    await projected(offer.streamId, 2);
    const acceptance = await post(`/v1/incentive-offers/${offer.entryId}/accept`, {
      occurredAt: '2026-02-01T09:00:00Z',
      note: 'Signed.',
    });
    await projected(offer.streamId, 3);

    const asKnown = async (knownAt?: string) =>
      (await list(`/v1/countries/LB/incentive-offers${knownAt ? `?knownAt=${knownAt}` : ''}`)).items;

    expect(await asKnown(offered.before)).toEqual([]);
    // As briefed before the correction: 25 million (the fixture's amount), open.
    expect(await asKnown(corrected.before)).toEqual([
      expect.objectContaining({
        id: offer.entryId,
        status: 'offered',
        version: 1,
        amount: { amount: '25000000.00', minor: '2500000000', currency: 'USD' },
      }),
    ]);
    // As known from the correction on: 40 million, still open until the acceptance was recorded.
    expect(await asKnown(corrected.at)).toEqual([
      expect.objectContaining({
        status: 'offered',
        version: 2,
        amount: { amount: '40000000.00', minor: '4000000000', currency: 'USD' },
      }),
    ]);
    const accepted = await recordedAt(acceptance.eventId);
    expect(await asKnown(accepted.at)).toEqual([
      expect.objectContaining({
        status: 'accepted',
        version: 3,
        amount: { amount: '40000000.00', minor: '4000000000', currency: 'USD' },
      }),
    ]);
    expect(await asKnown()).toEqual(await asKnown(accepted.at));
    expect((await list(`/v1/countries/LB/incentive-offers?knownAt=${corrected.before}`)).body).toMatchObject({
      knownAt: corrected.before,
      today: corrected.before.slice(0, 10),
    });

    // One row per event, exactly one of them current.
    const { rows } = await db.pool.query<{ revision: number; status: string; current: boolean }>(
      `SELECT revision, status, known_until IS NULL AS current FROM registers WHERE stream_id = $1
       ORDER BY revision`,
      [offer.streamId],
    );
    expect(rows).toEqual([
      { revision: 1, status: 'offered', current: false },
      { revision: 2, status: 'offered', current: false },
      { revision: 3, status: 'accepted', current: true },
    ]);
  });

  it('answers follow-ups as known before and after a late correction of the due date', async () => {
    const meeting = await recorded(
      apps.api,
      '/v1/countries/TN/meetings',
      meetingBody({ occurredAt: '2026-01-05T10:00:00Z' }),
    );
    const followUp = await recorded(
      apps.api,
      '/v1/follow-ups',
      followUpBody(meeting.eventId, { occurredAt: '2026-01-05T12:00:00Z', dueDate: '2026-01-20' }),
    );
    await projected(followUp.streamId, 1);
    const correction = await post(`/v1/entries/${followUp.eventId}/corrections`, {
      changes: { dueDate: '2099-06-30' },
      reason: 'Due date misread from the minutes.',
    });
    const corrected = await recordedAt(correction.eventId);
    await projected(followUp.streamId, 2);

    const before = await list(`/v1/follow-ups?country=TN&knownAt=${corrected.before}`);
    expect(before.items).toEqual([
      expect.objectContaining({ id: followUp.entryId, dueDate: '2026-01-20', overdue: true, version: 1 }),
    ]);
    expect(before.body).toMatchObject({ knownAt: corrected.before, today: corrected.before.slice(0, 10) });
    expect(
      (await list(`/v1/follow-ups?country=TN&status=overdue&knownAt=${corrected.before}`)).items,
    ).toHaveLength(1);

    const after = await list(`/v1/follow-ups?country=TN&knownAt=${corrected.at}`);
    expect(after.items).toEqual([
      expect.objectContaining({ id: followUp.entryId, dueDate: '2099-06-30', overdue: false, version: 2 }),
    ]);
    expect((await list('/v1/follow-ups?country=TN&status=overdue')).items).toEqual([]);
  });

  it('shows a retracted entry as known before its retraction, and not after', async () => {
    const offer = await recorded(
      apps.api,
      '/v1/countries/IQ/incentive-offers',
      incentiveOfferBody({ occurredAt: '2026-01-10T09:00:00Z', expiresOn: null }),
    );
    await projected(offer.streamId, 1);
    const retraction = await post(`/v1/entries/${offer.eventId}/retractions`, { reason: 'Duplicate entry.' });
    const retracted = await recordedAt(retraction.eventId);
    await waitFor(
      async () =>
        (await db.count(
          'SELECT count(*) AS n FROM registers WHERE stream_id = $1 AND known_until IS NOT NULL',
          [offer.streamId],
        )) > 0
          ? true
          : undefined,
      { what: 'the retraction to close the register entry' },
    );

    expect((await list(`/v1/countries/IQ/incentive-offers?knownAt=${retracted.before}`)).items).toEqual([
      expect.objectContaining({ id: offer.entryId, status: 'offered' }),
    ]);
    expect((await list(`/v1/countries/IQ/incentive-offers?knownAt=${retracted.at}`)).items).toEqual([]);
    expect((await list('/v1/countries/IQ/incentive-offers')).items).toEqual([]);
    expect(
      await db.count('SELECT count(*) AS n FROM registers WHERE stream_id = $1 AND known_until IS NULL', [
        offer.streamId,
      ]),
    ).toBe(0);
  });

  it('reads contracts and technical support as known at a time too, a bare date meaning its end', async () => {
    for (const register of ['contracts', 'technical-support']) {
      const { body } = await list(`/v1/countries/LB/${register}?knownAt=2026-01-31`);
      expect(body).toEqual({
        country: 'LB',
        status: null,
        knownAt: '2026-01-31T23:59:59.999Z',
        today: '2026-01-31',
        items: [],
        nextCursor: null,
      });
    }
  });

  it('rebuilds every revision from the events as the projector wrote them', async () => {
    const snapshot = async () =>
      (
        await db.pool.query(
          `SELECT stream_id, revision, known_from, known_until, kind, status, state::text, stream_version
           FROM registers ORDER BY stream_id, revision`,
        )
      ).rows;
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(5);
    await db.pool.query(`DELETE FROM registers WHERE revision > 1`);
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'registers' });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    '/v1/countries/LB/incentive-offers?knownAt=yesterday',
    '/v1/countries/LB/contracts?knownAt=2026-01-31T10:00:00',
    '/v1/countries/LB/technical-support?knownAt=2026-02-30',
    '/v1/follow-ups?knownAt=2026-13-01T00:00:00Z',
  ])('refuses %s with 400 naming knownAt', async (url) => {
    const response = await apps.api.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['knownAt']);
  });
});
