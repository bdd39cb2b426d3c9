import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, recorded, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { followUpBody, meetingBody } from '../support/fixtures.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const retraction = { reason: 'Logged under the wrong country.' };

describe('corrections and retractions of entries over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('corrections') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const meeting = () =>
    recorded(apps.api, '/v1/countries/SY/meetings', meetingBody({ classification: 'restricted' }));

  it("appends EntryCorrected to the entry's stream, answering the entry's event id", async () => {
    const target = await meeting();
    const answer = await post(`/v1/entries/${target.eventId}/corrections`, {
      changes: { location: 'Beirut', occurredAt: '2026-02-09T10:00:00Z' },
      reason: 'The meeting moved.',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      entryId: target.eventId,
      streamId: target.streamId,
      streamVersion: 2,
    });
    expect(answer.headers.etag).toBe('"2"');
    expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
      type: 'EntryCorrected',
      streamId: target.streamId,
      country: 'SY',
      classification: 'restricted',
      data: {
        targetEventId: target.eventId,
        targetType: 'EnvoyMeetingHeld',
        changes: { location: 'Beirut', occurredAt: '2026-02-09T10:00:00Z' },
        reason: 'The meeting moved.',
      },
    });
  });

  it('corrects a transition of a stateful entry too', async () => {
    const source = await meeting();
    const followUp = await recorded(apps.api, '/v1/follow-ups', followUpBody(source.eventId));
    const answer = await post(`/v1/entries/${followUp.eventId}/corrections`, {
      changes: { owner: 'another.officer' },
      reason: 'Reassigned at the meeting.',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ streamId: followUp.streamId, streamVersion: 2 });
  });

  it.each([
    ['a field the entry does not have', { mood: 'sunny' }, 'UNCORRECTABLE_FIELDS'],
    ['an identity field', { meetingId: UNKNOWN_ID }, 'UNCORRECTABLE_FIELDS'],
    ['a value of another kind', { topics: 'telecom' }, 'CORRECTION_TYPE_MISMATCH'],
    ['no field at all', {}, 'NOTHING_TO_CORRECT'],
  ])('refuses a correction of %s with 422, writing nothing', async (_label, changes, code) => {
    const target = await meeting();
    const before = await countEvents(db);
    const answer = await post(`/v1/entries/${target.eventId}/corrections`, { changes, reason: 'x' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code, field: 'changes' });
    expect(await countEvents(db)).toBe(before);
  });

  it('retracts an entry; a later correction or retraction is 409 naming the state "retracted"', async () => {
    const target = await meeting();
    const correction = { changes: { location: 'Aleppo' }, reason: 'Typo.' };
    expect((await post(`/v1/entries/${target.eventId}/corrections`, correction)).status).toBe(201);

    const retracted = await post(`/v1/entries/${target.eventId}/retractions`, retraction);
    expect(retracted.status).toBe(201);
    expect(retracted.body).toMatchObject({ entryId: target.eventId, streamVersion: 3 });
    expect(await storedEvent(db, retracted.body.eventId as string)).toMatchObject({
      type: 'EntryRetracted',
      data: { targetEventId: target.eventId, targetType: 'EnvoyMeetingHeld', reason: retraction.reason },
    });

    const before = await countEvents(db);
    for (const [path, body] of [
      ['corrections', correction],
      ['retractions', retraction],
    ] as const) {
      const answer = await post(`/v1/entries/${target.eventId}/${path}`, body);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'retracted' });
    }
    expect(await countEvents(db)).toBe(before);
  });

  it('refuses to correct a correction with 422', async () => {
    const target = await meeting();
    const correction = await recorded(apps.api, `/v1/entries/${target.eventId}/corrections`, {
      changes: { location: 'Homs' },
      reason: 'x',
    });
    const answer = await post(`/v1/entries/${correction.eventId}/corrections`, {
      changes: { reason: 'y' },
      reason: 'z',
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'CANNOT_CORRECT_CORRECTION' });
  });

  it('no longer takes follow-ups of a retracted meeting (422 SOURCE_RETRACTED)', async () => {
    const source = await meeting();
    expect((await post(`/v1/entries/${source.eventId}/retractions`, retraction)).status).toBe(201);
    const answer = await post('/v1/follow-ups', followUpBody(source.eventId));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'SOURCE_RETRACTED' });
  });

  it('answers 404 ENTRY_NOT_FOUND for an unknown event', async () => {
    const correct = await post(`/v1/entries/${UNKNOWN_ID}/corrections`, {
      changes: { location: 'x' },
      reason: 'x',
    });
    const retract = await post(`/v1/entries/${UNKNOWN_ID}/retractions`, retraction);
    for (const answer of [correct, retract]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'ENTRY_NOT_FOUND', eventId: UNKNOWN_ID });
    }
  });

  it.each([
    ['an array', ['location']],
    ['a string', 'location=Beirut'],
    ['more than 30 fields', Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, i]))],
  ])('refuses changes given as %s with 400 naming changes', async (_label, changes) => {
    const answer = await post(`/v1/entries/${UNKNOWN_ID}/corrections`, { changes, reason: 'x' });
    expect(answer.status).toBe(400);
    expect(new Set(errorFields(answer.body))).toEqual(new Set(['changes']));
  });

  it('refuses a malformed id and a missing reason with 400', async () => {
    const badId = await post('/v1/entries/42/retractions', retraction);
    expect(badId.status).toBe(400);
    expect(errorFields(badId.body)).toEqual(['id']);
    const noReason = await post(`/v1/entries/${UNKNOWN_ID}/retractions`, {});
    expect(noReason.status).toBe(400);
    expect(new Set(errorFields(noReason.body))).toEqual(new Set(['reason']));
  });
});
