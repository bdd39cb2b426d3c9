import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { ADMIN, as, type Identity, LEADERSHIP, officer } from '../support/auth.js';
import { errorFields, postJson } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { followUpBody, meetingBody } from '../support/fixtures.js';

const ALICE = officer('alice', ['SY'], 'secret');
const BOB = officer('bob', ['LB'], 'secret');
/** signInjectedRequests sends no Authorization header at all for a null one. */
const NO_TOKEN = { authorization: null } as unknown as Record<string, string>;
const SECRET_SUMMARY = 'Synthetic secret meeting the audit must not quote.';

interface AuditItem {
  eventId: string;
  type: string;
  action: string;
  streamId: string;
  country: string;
  classification: string;
  recordedBy: string;
  recordedAt: string;
  targetEventId?: string;
}

describe('GET /v1/audit', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  /** Event ids in the order they were recorded. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('audit') }), {
      pipeline: false,
    });
    const post = async (who: Identity, url: string, body: unknown) => {
      const answer = await postJson(apps.api, url, body, await as(who));
      if (answer.status !== 201) throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as { entryId: string; eventId: string };
    };
    const meeting = await post(ALICE, '/v1/countries/SY/meetings', meetingBody());
    ids.meeting = meeting.eventId;
    ids.secret = (
      await post(
        BOB,
        '/v1/countries/LB/meetings',
        meetingBody({ classification: 'secret', summary: SECRET_SUMMARY }),
      )
    ).eventId;
    ids.correction = (
      await post(ALICE, `/v1/entries/${meeting.eventId}/corrections`, {
        changes: { location: 'Beirut' },
        reason: 'The meeting moved.',
      })
    ).eventId;
    const followUp = await post(ALICE, '/v1/follow-ups', followUpBody(meeting.eventId));
    ids.followUp = followUp.eventId;
    ids.completed = (
      await post(ALICE, `/v1/follow-ups/${followUp.entryId}/complete`, {
        occurredAt: '2026-02-20T10:00:00Z',
        note: 'Roadmap sent.',
      })
    ).eventId;
    ids.retraction = (
      await post(ALICE, `/v1/entries/${ids.completed}/retractions`, { reason: 'Not sent after all.' })
    ).eventId;
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const audit = async (query = '', who: Identity = ADMIN) =>
    apps.api.inject({ method: 'GET', url: `/v1/audit${query}`, headers: await as(who) });

  const items = async (query = '', who: Identity = ADMIN): Promise<AuditItem[]> => {
    const response = await audit(query, who);
    expect(response.statusCode).toBe(200);
    return response.json().items as AuditItem[];
  };

  it('lists who recorded, changed, corrected or retracted what and when, newest first, without content', async () => {
    const response = await audit();
    expect(response.statusCode).toBe(200);
    const { items: list, nextCursor } = response.json() as { items: AuditItem[]; nextCursor: string | null };
    expect(nextCursor).toBeNull();
    // The API registers the vendor catalogue as `system` when it starts: those come first in time, last here.
    const firstOfOurs = list.findIndex((i) => i.recordedBy === 'system');
    expect(
      list.slice(firstOfOurs).every((i) => i.recordedBy === 'system' && i.type === 'VendorRegistered'),
    ).toBe(true);
    expect(list.slice(0, firstOfOurs).map((i) => [i.eventId, i.action, i.recordedBy])).toEqual([
      [ids.retraction, 'retracted', 'alice'],
      [ids.completed, 'changed', 'alice'],
      [ids.followUp, 'recorded', 'alice'],
      [ids.correction, 'corrected', 'alice'],
      [ids.secret, 'recorded', 'bob'],
      [ids.meeting, 'recorded', 'alice'],
    ]);
    expect(list[0]).toEqual({
      eventId: ids.retraction,
      type: 'EntryRetracted',
      action: 'retracted',
      streamId: expect.stringMatching(/^follow-up-/),
      country: 'SY',
      classification: 'unclassified',
      recordedBy: 'alice',
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      targetEventId: ids.completed,
    });
    expect(list.find((i) => i.eventId === ids.correction)?.targetEventId).toBe(ids.meeting);
    expect(list.find((i) => i.eventId === ids.meeting)).not.toHaveProperty('targetEventId');
    // Recorded times never go backwards along the list.
    const times = list.map((i) => Date.parse(i.recordedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Content stays in the store: no summary, location, reason or note.
    for (const text of [SECRET_SUMMARY, 'Beirut', 'The meeting moved.', 'Roadmap sent.', 'Damascus']) {
      expect(response.body).not.toContain(text);
    }
  });

  it("leaves out what is above the admin's own clearance, as if it had never been recorded", async () => {
    const restricted = { ...ADMIN, sub: 'restricted.admin', clearance: 'restricted' } as const;
    const everything = await items();
    const list = await items('', restricted);
    expect(list).toEqual(everything.filter((i) => i.eventId !== ids.secret));
    expect(await items('?actor=bob', restricted)).toEqual([]);
    expect(await items('?country=LB', restricted)).toEqual([]);
  });

  it('filters by actor, country and when the event was recorded', async () => {
    expect((await items('?actor=bob')).map((i) => i.eventId)).toEqual([ids.secret]);
    expect((await items('?country=lb')).map((i) => i.eventId)).toEqual([ids.secret]);
    expect((await items('?actor=alice&country=LB')).length).toBe(0);
    const { rows } = await db.pool.query<{ recorded_at: Date }>(
      'SELECT recorded_at FROM events WHERE event_id = $1',
      [ids.followUp],
    );
    const at = rows[0]?.recorded_at.toISOString() as string;
    const since = await items(`?from=${encodeURIComponent(at)}`);
    expect(since.map((i) => i.eventId)).toEqual([ids.retraction, ids.completed, ids.followUp]);
    const until = await items(`?to=${encodeURIComponent(at)}`);
    expect(until.slice(0, 3).map((i) => i.eventId)).toEqual([ids.correction, ids.secret, ids.meeting]);
    expect(until.slice(3).every((i) => i.recordedBy === 'system')).toBe(true);
    expect(await items('?from=2000-01-01&to=2000-01-02')).toEqual([]);
  });

  it('walks page by page with an opaque cursor, returning each event once', async () => {
    const all = (await items()).map((i) => i.eventId);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await audit(query);
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: AuditItem[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(5);
      walked.push(...page.items.map((i) => i.eventId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
    // A filtered walk keeps its filter on every page.
    const first = (await audit('?actor=alice&limit=1')).json() as { nextCursor: string };
    const second = await items(`?actor=alice&limit=10&cursor=${first.nextCursor}`);
    expect(second.map((i) => i.recordedBy)).toEqual(['alice', 'alice', 'alice', 'alice']);
  });

  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['a forged cursor', `?cursor=${forge(['audit', '99999999999999999999'])}`, 'cursor'],
    ["another listing's cursor", `?cursor=${forge(['2026-01-01T00:00:00.000Z', '5'])}`, 'cursor'],
    ['garbage as cursor', '?cursor=%27%3B%20DROP%20TABLE%20events', 'cursor'],
    ['a country that is no code', '?country=XX', 'country'],
    ['a date that is not one', '?from=2026-02-30', 'from'],
    ['a date-time without a zone', '?to=2026-02-01T10:00:00', 'to'],
    ['to before from', '?from=2026-02-02&to=2026-02-01', 'to'],
    ['a limit too large', '?limit=1000', 'limit'],
    ['an empty actor', '?actor=', 'actor'],
    ['an unknown parameter', '?data=1', 'data'],
  ])('answers 400 problem+json naming the field for %s', async (_what, query, field) => {
    const response = await audit(query);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(errorFields(response.json())).toContain(field);
    expect(response.body).not.toMatch(/SELECT|events e|at .*\.js/);
  });

  it.each([
    ['a desk officer', ALICE],
    ['leadership', LEADERSHIP],
    ['a service', { sub: 'downstream', role: 'service', countries: '*', clearance: 'secret' } as Identity],
  ])('is refused to %s with 403', async (_who, who) => {
    const response = await audit('', who);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).not.toContain(ids.meeting);
  });

  it('is refused without a token with 401', async () => {
    const response = await apps.api.inject({
      method: 'GET',
      url: '/v1/audit',
      headers: NO_TOKEN,
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});
