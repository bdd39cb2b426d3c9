import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import {
  type Answer,
  countEvents,
  errorFields,
  postJson,
  recorded,
  storedEvent,
} from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, followUpBody, meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

/**
 * Corrections and retractions that would break a rule are refused and write nothing: each corrected value is
 * checked with the rules of the command that created the entry (400), and the stream's decider must accept
 * the whole corrected history replayed in order, which the projections must be able to take (422).
 */
describe('corrections that keep every rule', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('correction-rules') }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const correct = (eventId: string, changes: Record<string, unknown>) =>
    post(`/v1/entries/${eventId}/corrections`, { changes, reason: 'Officer misread the filing.' });
  const retract = (eventId: string) =>
    post(`/v1/entries/${eventId}/retractions`, { reason: 'Never happened.' });

  /** Sends a request that must be refused and answers the refusal, having checked the store is unchanged. */
  async function refused(request: () => Promise<Answer>, status: 400 | 422): Promise<Answer> {
    const before = await countEvents(db);
    const answer = await request();
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countEvents(db)).toBe(before);
    return answer;
  }

  /** Huawei RAN sites, 300 swapped to Ericsson, then 200 of those on to Nokia. */
  async function contractWithChain() {
    const award = await recorded(apps.api, '/v1/countries/SY/contracts', contractBody());
    const toEricsson = await recorded(apps.api, `/v1/contracts/${award.entryId}/replace`, {
      occurredAt: '2026-01-15T00:00:00Z',
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 300,
      note: 'Phase 1 of the RAN swap.',
    });
    const toNokia = await recorded(apps.api, `/v1/contracts/${award.entryId}/replace`, {
      occurredAt: '2026-03-01T00:00:00Z',
      fromVendorId: 'ericsson',
      toVendorId: 'nokia',
      units: 200,
      note: 'Phase 2.',
    });
    return { award, toEricsson, toNokia };
  }

  describe('values are checked with the rules of the command that created the entry (400)', () => {
    it('refuses a contract corrected to the network domain "banana", naming changes.domain', async () => {
      const award = await recorded(apps.api, '/v1/countries/SY/contracts', contractBody());
      const answer = await refused(() => correct(award.eventId, { domain: 'banana' }), 400);
      expect(errorFields(answer.body)).toEqual(['changes.domain']);
    });

    it('refuses a contract value corrected to the amount "lots", naming changes.value.amount', async () => {
      const award = await recorded(apps.api, '/v1/countries/SY/contracts', contractBody());
      const answer = await refused(
        () => correct(award.eventId, { value: { amount: 'lots', currency: 'USD' } }),
        400,
      );
      expect(new Set(errorFields(answer.body))).toEqual(new Set(['changes.value.amount']));
    });

    it("refuses nulling a meeting's counterparts, naming changes.counterparts", async () => {
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const answer = await refused(() => correct(meeting.eventId, { counterparts: null }), 400);
      expect(new Set(errorFields(answer.body))).toEqual(new Set(['changes.counterparts']));
    });

    it("refuses a follow-up's due date corrected to before the engagement it follows", async () => {
      const meeting = await recorded(
        apps.api,
        '/v1/countries/SY/meetings',
        meetingBody({ occurredAt: '2026-02-09T10:00:00Z' }),
      );
      const followUp = await recorded(apps.api, '/v1/follow-ups', followUpBody(meeting.eventId));
      const answer = await refused(() => correct(followUp.eventId, { dueDate: '2026-02-08' }), 422);
      expect(answer.body).toMatchObject({ code: 'DUE_BEFORE_SOURCE' });
      const onTheDay = await correct(followUp.eventId, { dueDate: '2026-02-09' });
      expect(onTheDay.status).toBe(201);
    });

    it('refuses a corrected date-time without a zone, naming changes.occurredAt', async () => {
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const answer = await refused(
        () => correct(meeting.eventId, { occurredAt: '2026-02-09T10:00:00' }),
        400,
      );
      expect(errorFields(answer.body)).toEqual(['changes.occurredAt']);
    });
  });

  describe('references are not corrected: they are retracted and recorded anew (422)', () => {
    it("refuses a replacement's receiving vendor, listing what may be corrected", async () => {
      const { toEricsson } = await contractWithChain();
      for (const changes of [
        { to: { vendorId: 'acme', vendorName: 'Acme', vendorOrigin: 'DE', vendorHighRisk: false } },
        { toVendorId: 'huawei' },
      ]) {
        const answer = await refused(() => correct(toEricsson.eventId, changes), 422);
        expect(answer.body).toMatchObject({
          code: 'UNCORRECTABLE_FIELDS',
          field: 'changes',
          fields: Object.keys(changes),
          correctable: ['occurredAt', 'source', 'confidence', 'units', 'value', 'note'],
        });
      }
    });
  });

  describe("the stream's decider must accept the corrected history (422, naming the event that fails)", () => {
    it('refuses awarded units corrected below the units already replaced', async () => {
      const { award, toEricsson } = await contractWithChain();
      const answer = await refused(() => correct(award.eventId, { units: 250 }), 422);
      expect(answer.body).toMatchObject({
        code: 'NOT_ENOUGH_UNITS',
        failingEventId: toEricsson.eventId,
        failingEventType: 'EquipmentReplaced',
      });
    });

    it('refuses a replacement corrected to a date before the award', async () => {
      const { toEricsson } = await contractWithChain();
      const answer = await refused(
        () => correct(toEricsson.eventId, { occurredAt: '2025-01-01T00:00:00Z' }),
        422,
      );
      expect(answer.body).toMatchObject({
        code: 'OCCURRED_BEFORE_ENTRY',
        failingEventId: toEricsson.eventId,
      });
    });

    it('refuses a replacement corrected to a date before a change recorded ahead of it', async () => {
      const { toNokia } = await contractWithChain();
      const answer = await refused(
        () => correct(toNokia.eventId, { occurredAt: '2026-01-01T00:00:00Z' }),
        422,
      );
      expect(answer.body).toMatchObject({ code: 'CHANGE_BEFORE_LATEST', failingEventId: toNokia.eventId });
    });

    it('refuses a termination corrected to a date before the award', async () => {
      const award = await recorded(apps.api, '/v1/countries/SY/contracts', contractBody());
      const terminated = await recorded(apps.api, `/v1/contracts/${award.entryId}/terminate`, {
        occurredAt: '2026-01-20T00:00:00Z',
        reason: 'Licence revoked.',
        equipment: 'decommissioned',
      });
      const answer = await refused(
        () => correct(terminated.eventId, { occurredAt: '2025-01-01T00:00:00Z' }),
        422,
      );
      expect(answer.body).toMatchObject({
        code: 'OCCURRED_BEFORE_ENTRY',
        failingEventId: terminated.eventId,
      });
    });

    it('refuses retracting a replacement in the middle of a chain, which would leave Ericsson negative', async () => {
      const { toEricsson, toNokia } = await contractWithChain();
      const answer = await refused(() => retract(toEricsson.eventId), 422);
      expect(answer.body).toMatchObject({ code: 'NOT_ENOUGH_UNITS', failingEventId: toNokia.eventId });
    });

    it('accepts retracting the last replacement of the chain', async () => {
      const { toNokia } = await contractWithChain();
      expect((await retract(toNokia.eventId)).status).toBe(201);
    });
  });

  describe('a correction that keeps every rule', () => {
    it("is recorded and projected: a meeting's summary, source and confidence", async () => {
      const meeting = await recorded(
        apps.api,
        '/v1/countries/SY/meetings',
        meetingBody({ source: 'cable 26-DAM-0042', confidence: 'low' }),
      );
      const changes = { summary: 'Corrected summary.', source: 'Reuters, 26 Feb 2026', confidence: 'high' };
      const answer = await correct(meeting.eventId, changes);
      expect(answer.status).toBe(201);
      expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
        type: 'EntryCorrected',
        data: { targetEventId: meeting.eventId, changes },
      });

      const entry = await waitFor(
        async () => {
          const read = await apps.api.inject({ method: 'GET', url: `/v1/entries/${meeting.eventId}` });
          const body = read.statusCode === 200 ? read.json() : undefined;
          return body?.revision === 2 ? body : undefined;
        },
        { what: 'the corrected meeting projected' },
      );
      expect(entry).toMatchObject({
        data: { summary: 'Corrected summary.' },
        corrections: { total: 1, items: [{ kind: 'correction', changes }], nextCursor: null },
        parked: null,
      });
    });

    it("is recorded and projected: a contract's description and a replacement's units", async () => {
      const { award, toEricsson } = await contractWithChain();
      expect((await correct(award.eventId, { description: 'Synthetic RAN sites, corrected.' })).status).toBe(
        201,
      );
      expect((await correct(toEricsson.eventId, { units: 250 })).status).toBe(201);
      // In service today: Huawei 1,000 − 250 = 750 sites; Ericsson 250 − 200 = 50; Nokia 200.
      const held = await waitFor(
        async () => {
          const { rows } = await db.pool.query<{ vendor_id: string; units: number }>(
            `SELECT vendor_id, sum(units_delta)::int AS units FROM contract_holdings
             WHERE contract_id = $1 AND known_until IS NULL AND effective_at <= now()
             GROUP BY vendor_id ORDER BY vendor_id`,
            [award.entryId],
          );
          return rows.find((r) => r.vendor_id === 'huawei')?.units === 750 ? rows : undefined;
        },
        { what: 'holdings after the corrected replacement' },
      );
      expect(held).toEqual([
        { vendor_id: 'ericsson', units: 50 },
        { vendor_id: 'huawei', units: 750 },
        { vendor_id: 'nokia', units: 200 },
      ]);
      expect(
        await db.count('SELECT count(*) AS n FROM projection_parked_streams WHERE stream_id = $1', [
          award.streamId,
        ]),
      ).toBe(0);
    });
  });
});
