import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, recorded, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { dialogueBody, followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('dialogue rounds and follow-ups over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('follow') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);

  describe('POST /v1/countries/{country}/dialogues', () => {
    it('records DialogueRoundConcluded in a new engagement stream', async () => {
      const answer = await post('/v1/countries/sy/dialogues', dialogueBody());
      expect(answer.status).toBe(201);
      const { entryId, eventId } = answer.body as { entryId: string; eventId: string };
      expect(answer.body).toMatchObject({ streamId: `engagement-${entryId}`, streamVersion: 1 });
      expect(answer.headers.location).toBe(`/v1/entries/${eventId}`);
      expect(answer.headers.etag).toBe('"1"');
      expect(await storedEvent(db, eventId)).toMatchObject({
        type: 'DialogueRoundConcluded',
        country: 'SY',
        classification: 'unclassified',
        data: {
          engagementId: entryId,
          track: 'Telecom security dialogue',
          round: 2,
          level: 'senior-officials',
          coChairs: [expect.objectContaining({ name: 'C. Director' }), expect.anything()],
          jointStatement: 'Both sides will scope a core network audit.',
        },
      });
    });

    it('refuses a round that is not a positive whole number and an unknown level, naming both', async () => {
      const before = await countEvents(db);
      const answer = await post(
        '/v1/countries/SY/dialogues',
        dialogueBody({ round: 0, level: 'summit-ish' }),
      );
      expect(answer.status).toBe(400);
      expect(new Set(errorFields(answer.body))).toEqual(new Set(['round', 'level']));
      expect(await countEvents(db)).toBe(before);
    });
  });

  describe('POST /v1/follow-ups', () => {
    it("assigns a follow-up of a meeting, in the meeting's country and classification", async () => {
      const meeting = await recorded(
        apps.api,
        '/v1/countries/SY/meetings',
        meetingBody({ classification: 'confidential' }),
      );
      const answer = await post('/v1/follow-ups', followUpBody(meeting.eventId));
      expect(answer.status).toBe(201);
      const { entryId, eventId } = answer.body as { entryId: string; eventId: string };
      expect(answer.body).toMatchObject({ streamId: `follow-up-${entryId}`, streamVersion: 1 });
      expect(await storedEvent(db, eventId)).toMatchObject({
        type: 'FollowUpAssigned',
        country: 'SY',
        classification: 'confidential',
        data: {
          followUpId: entryId,
          sourceEventId: meeting.eventId,
          sourceStreamId: meeting.streamId,
          owner: 'desk.officer.sy',
          dueDate: '2026-03-01',
        },
      });
    });

    it('follows up a dialogue round too, with an explicit classification', async () => {
      const dialogue = await recorded(apps.api, '/v1/countries/LB/dialogues', dialogueBody());
      const answer = await post(
        '/v1/follow-ups',
        followUpBody(dialogue.eventId, { classification: 'restricted', occurredAt: '2026-02-12T09:00:00Z' }),
      );
      expect(answer.status).toBe(201);
      expect(await storedEvent(db, answer.body.eventId as string)).toMatchObject({
        type: 'FollowUpAssigned',
        country: 'LB',
        classification: 'restricted',
      });
    });

    it('refuses an unknown source with 404 SOURCE_ENTRY_NOT_FOUND', async () => {
      const before = await countEvents(db);
      const answer = await post('/v1/follow-ups', followUpBody(UNKNOWN_ID));
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'SOURCE_ENTRY_NOT_FOUND', field: 'sourceEventId' });
      expect(await countEvents(db)).toBe(before);
    });

    it('refuses a source that is not a meeting or dialogue round with 422', async () => {
      const offer = await recorded(apps.api, '/v1/countries/SY/incentive-offers', incentiveOfferBody());
      const before = await countEvents(db);
      const answer = await post('/v1/follow-ups', followUpBody(offer.eventId));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'SOURCE_NOT_AN_ENGAGEMENT', sourceType: 'IncentiveOffered' });
      expect(await countEvents(db)).toBe(before);
    });

    it('refuses a classification below the source’s with 422, so the follow-up cannot leak it', async () => {
      const meeting = await recorded(
        apps.api,
        '/v1/countries/SY/meetings',
        meetingBody({ classification: 'secret' }),
      );
      const before = await countEvents(db);
      const answer = await post(
        '/v1/follow-ups',
        followUpBody(meeting.eventId, { classification: 'restricted' }),
      );
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({
        code: 'CLASSIFICATION_BELOW_SOURCE',
        sourceClassification: 'secret',
      });
      expect(await countEvents(db)).toBe(before);
    });

    it('refuses a follow-up dated before the engagement it follows up with 422', async () => {
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const answer = await post(
        '/v1/follow-ups',
        followUpBody(meeting.eventId, { occurredAt: '2026-01-01T00:00:00Z' }),
      );
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'OCCURRED_BEFORE_ENTRY', field: 'occurredAt' });
    });

    it('refuses a due date that is not a calendar date, naming it', async () => {
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const answer = await post('/v1/follow-ups', followUpBody(meeting.eventId, { dueDate: '2026-02-30' }));
      expect(answer.status).toBe(400);
      expect(errorFields(answer.body)).toEqual(['dueDate']);
    });
  });

  describe('POST /v1/follow-ups/{id}/complete', () => {
    const completion = { occurredAt: '2026-02-20T10:00:00Z', note: 'Roadmap sent.' };

    it('completes an open follow-up once; a second completion is 409 naming the state "done"', async () => {
      const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
      const followUp = await recorded(apps.api, '/v1/follow-ups', followUpBody(meeting.eventId));

      const done = await post(`/v1/follow-ups/${followUp.entryId}/complete`, completion);
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ entryId: followUp.entryId, streamVersion: 2 });
      expect(await storedEvent(db, done.body.eventId as string)).toMatchObject({
        type: 'FollowUpCompleted',
        country: 'SY',
        data: { followUpId: followUp.entryId, note: 'Roadmap sent.' },
      });

      const before = await countEvents(db);
      const again = await post(`/v1/follow-ups/${followUp.entryId}/complete`, completion);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'done' });
      expect(await countEvents(db)).toBe(before);
    });

    it('answers 404 for a follow-up never assigned', async () => {
      const answer = await post(`/v1/follow-ups/${UNKNOWN_ID}/complete`, completion);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'FOLLOW_UP_NOT_FOUND' });
    });

    it('refuses an id that is not a UUID and a missing note with 400 naming both', async () => {
      const answer = await post('/v1/follow-ups/not-a-uuid/complete', completion);
      expect(answer.status).toBe(400);
      expect(errorFields(answer.body)).toEqual(['id']);
      const noNote = await post(`/v1/follow-ups/${UNKNOWN_ID}/complete`, {
        occurredAt: completion.occurredAt,
      });
      expect(noNote.status).toBe(400);
      expect(new Set(errorFields(noNote.body))).toEqual(new Set(['note']));
    });
  });
});
