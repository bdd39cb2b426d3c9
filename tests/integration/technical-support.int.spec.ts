import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { countEvents, errorFields, postJson, recorded, storedEvent } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { technicalSupportBody } from '../support/fixtures.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const milestone = { occurredAt: '2026-04-01T00:00:00Z', milestone: 'Core inventory', note: 'Delivered.' };
const closing = { occurredAt: '2026-09-30T00:00:00Z', outcome: 'completed', note: 'Report handed over.' };

describe('technical-support commitments over HTTP', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('support') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const post = (url: string, payload: unknown) => postJson(apps.api, url, payload);
  const commit = () => recorded(apps.api, '/v1/countries/SY/technical-support', technicalSupportBody());

  it('records a commitment, its milestones and its closing', async () => {
    const answer = await post(
      '/v1/countries/SY/technical-support',
      technicalSupportBody({ classification: 'restricted' }),
    );
    expect(answer.status).toBe(201);
    const { entryId, eventId } = answer.body as { entryId: string; eventId: string };
    expect(answer.body).toMatchObject({ streamId: `support-${entryId}` });
    expect(await storedEvent(db, eventId)).toMatchObject({
      type: 'TechnicalSupportCommitted',
      classification: 'restricted',
      data: {
        supportId: entryId,
        supportType: 'network-audit',
        period: { start: '2026-03-01', end: '2026-09-30' },
        budget: { minor: '150000000', currency: 'USD' },
      },
    });

    const delivered = await post(`/v1/technical-support/${entryId}/milestones`, milestone);
    expect(delivered.status).toBe(201);
    expect(await storedEvent(db, delivered.body.eventId as string)).toMatchObject({
      type: 'TechnicalSupportMilestoneDelivered',
      classification: 'restricted',
      data: { supportId: entryId, milestone: 'Core inventory', note: 'Delivered.' },
    });

    const closed = await post(`/v1/technical-support/${entryId}/close`, closing);
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ streamVersion: 3 });
    expect(await storedEvent(db, closed.body.eventId as string)).toMatchObject({
      type: 'TechnicalSupportClosed',
      data: { supportId: entryId, outcome: 'completed' },
    });
  });

  it('refuses milestones and a second closing once closed, with 409 naming the state', async () => {
    const { entryId } = await commit();
    expect((await post(`/v1/technical-support/${entryId}/close`, closing)).status).toBe(201);
    const before = await countEvents(db);
    for (const [path, body] of [
      ['milestones', milestone],
      ['close', closing],
    ] as const) {
      const answer = await post(`/v1/technical-support/${entryId}/${path}`, body);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'closed' });
    }
    expect(await countEvents(db)).toBe(before);
  });

  it('refuses a milestone dated before the commitment with 422', async () => {
    const { entryId } = await commit();
    const answer = await post(`/v1/technical-support/${entryId}/milestones`, {
      ...milestone,
      occurredAt: '2020-01-01T00:00:00Z',
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'OCCURRED_BEFORE_ENTRY', field: 'occurredAt' });
  });

  it('answers 404 for a commitment never made', async () => {
    const answer = await post(`/v1/technical-support/${UNKNOWN_ID}/milestones`, milestone);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'TECHNICAL_SUPPORT_COMMITMENT_NOT_FOUND' });
  });

  it('names invalid fields with 400', async () => {
    const answer = await post(
      '/v1/countries/SY/technical-support',
      technicalSupportBody({ supportType: 'magic', period: { start: '1 March', end: null } }),
    );
    expect(answer.status).toBe(400);
    expect(new Set(errorFields(answer.body))).toEqual(new Set(['supportType', 'period.start']));

    const close = await post(`/v1/technical-support/${UNKNOWN_ID}/close`, {
      ...closing,
      outcome: 'vanished',
    });
    expect(close.status).toBe(400);
    expect(errorFields(close.body)).toEqual(['outcome']);
  });
});
