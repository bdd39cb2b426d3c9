import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, followUpBody, meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

const REPORTED = "Reuters, 26 Feb 2026, 'Washington presses Syria to shift from Chinese telecom systems'";

describe('where an entry comes from, on every read', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let meeting: { eventId: string; streamId: string };
  let award: { entryId: string; eventId: string; streamId: string };
  let followUp: { entryId: string; eventId: string; streamId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('sources') }));
    meeting = await recorded(
      apps.api,
      '/v1/countries/SY/meetings',
      meetingBody({ source: REPORTED, confidence: 'high' }),
    );
    award = await recorded(
      apps.api,
      '/v1/countries/SY/contracts',
      contractBody({ source: 'Synthetic: no public source.', confidence: 'low' }),
    );
    followUp = await recorded(
      apps.api,
      '/v1/follow-ups',
      followUpBody(meeting.eventId, { source: 'Synthetic: desk note.', confidence: 'medium' }),
    );
    await projected(meeting.streamId, 1);
    await projected(award.streamId, 1);
    await projected(followUp.streamId, 1);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const get = async (url: string) => {
    const response = await apps.api.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  /** Waits until the projector has applied the stream up to a version. */
  function projected(streamId: string, version: number) {
    return waitFor(
      async () =>
        (await db.count(
          `SELECT count(*) AS n FROM projection_stream_versions WHERE stream_id = $1 AND stream_version >= $2`,
          [streamId, version],
        )) > 0 || undefined,
      { what: `${streamId} projected to version ${version}` },
    );
  }

  async function timelineEntry(eventId: string, query = '') {
    const page = await get(`/v1/countries/SY/timeline?limit=50${query}`);
    return (page.entries as Array<Record<string, unknown>>).find((e) => e.eventId === eventId);
  }

  it('answers source and confidence on the entry and in the timeline', async () => {
    expect(await get(`/v1/entries/${meeting.eventId}`)).toMatchObject({
      source: REPORTED,
      confidence: 'high',
    });
    expect(await timelineEntry(meeting.eventId)).toMatchObject({ source: REPORTED, confidence: 'high' });
    expect(await timelineEntry(award.eventId)).toMatchObject({
      source: 'Synthetic: no public source.',
      confidence: 'low',
    });
  });

  it('answers them on register items and follow-ups (the entry’s first event)', async () => {
    const contracts = await get('/v1/countries/SY/contracts');
    expect(contracts.items).toEqual([
      expect.objectContaining({
        id: award.entryId,
        source: 'Synthetic: no public source.',
        confidence: 'low',
      }),
    ]);
    const followUps = await get('/v1/follow-ups?country=SY');
    expect(followUps.items).toEqual([
      expect.objectContaining({
        id: followUp.entryId,
        source: 'Synthetic: desk note.',
        confidence: 'medium',
      }),
    ]);
  });

  it('answers the corrected ones after a correction, and the first ones as known before it', async () => {
    const before = new Date().toISOString();
    const correction = await postJson(apps.api, `/v1/entries/${meeting.eventId}/corrections`, {
      changes: { source: 'Synthetic: corrected source.', confidence: 'low' },
      reason: 'The wire report did not cover this meeting.',
    });
    expect(correction.status).toBe(201);
    const awardCorrection = await postJson(apps.api, `/v1/entries/${award.eventId}/corrections`, {
      changes: { source: null, confidence: 'medium' },
      reason: 'No source for the award.',
    });
    expect(awardCorrection.status).toBe(201);
    await projected(meeting.streamId, 2);
    await projected(award.streamId, 2);

    expect(await get(`/v1/entries/${meeting.eventId}`)).toMatchObject({
      source: 'Synthetic: corrected source.',
      confidence: 'low',
      revision: 2,
    });
    expect(await timelineEntry(meeting.eventId)).toMatchObject({
      source: 'Synthetic: corrected source.',
      confidence: 'low',
    });
    expect(await timelineEntry(meeting.eventId, `&knownAt=${encodeURIComponent(before)}`)).toMatchObject({
      source: REPORTED,
      confidence: 'high',
      revision: 1,
    });
    const contracts = await get('/v1/countries/SY/contracts');
    expect(contracts.items).toEqual([
      expect.objectContaining({ id: award.entryId, source: null, confidence: 'medium' }),
    ]);
    const contractsThen = await get(`/v1/countries/SY/contracts?knownAt=${encodeURIComponent(before)}`);
    expect(contractsThen.items).toEqual([
      expect.objectContaining({
        id: award.entryId,
        source: 'Synthetic: no public source.',
        confidence: 'low',
      }),
    ]);
  });

  it('rebuilds the timeline with the same sources', async () => {
    const snapshot = async () =>
      (
        await db.pool.query(
          `SELECT event_id, revision, source, confidence FROM country_timeline ORDER BY event_id, revision`,
        )
      ).rows;
    const before = await snapshot();
    expect(before.some((r) => r.source === REPORTED)).toBe(true);
    await db.pool.query(`UPDATE country_timeline SET source = 'wrong', confidence = NULL`);
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection: 'country-timeline' });
    expect(await snapshot()).toEqual(before);
  });
});
