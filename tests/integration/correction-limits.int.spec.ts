import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { type Answer, countEvents, errorFields, postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { waitFor } from '../support/wait.js';

interface TrailItem {
  eventId: string;
  kind: 'correction' | 'retraction';
  reason: string;
}
interface CorrectionsPage {
  total: number;
  items: TrailItem[];
  nextCursor: string | null;
}

const KIB_64 = 64 * 1024;
const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * One entry cannot grow without bound: at most 100 corrections of at most 64 KiB each (changes and reason as
 * JSON, UTF-8), refused with 422 and nothing written beyond; its read carries the latest 20, the rest a page at
 * a time.
 */
describe('how far one entry can grow', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('correction-limits') }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const meeting = () => recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
  const correct = (eventId: string, changes: Record<string, unknown>, reason: string) =>
    postJson(apps.api, `/v1/entries/${eventId}/corrections`, { changes, reason });
  const get = (url: string) => apps.api.inject({ method: 'GET', url });

  /** Corrects the meeting `count` times, each accepted; answers the corrections' event ids, oldest first. */
  async function correctTimes(eventId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 1; i <= count; i += 1) {
      const answer = await correct(eventId, { summary: `Summary, take ${i}.` }, `Fix ${i}.`);
      if (answer.status !== 201)
        throw new Error(`correction ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
      ids.push(answer.body.eventId as string);
    }
    return ids;
  }

  /** Sends a correction that must be refused with 422 and `code`, having checked the store is unchanged. */
  async function refused(request: () => Promise<Answer>, code: string): Promise<Answer> {
    const before = await countEvents(db);
    const answer = await request();
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 422, code });
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countEvents(db)).toBe(before);
    return answer;
  }

  /** The entry read once the projector has applied `revision`. */
  async function entryAt(eventId: string, revision: number) {
    return waitFor(
      async () => {
        const read = await get(`/v1/entries/${eventId}`);
        return read.statusCode === 200 && read.json().revision === revision ? read : undefined;
      },
      { what: `revision ${revision} of ${eventId} projected`, timeoutMs: 60_000 },
    );
  }

  /**
   * A meeting correction (summary of 20,000 three-byte characters, then outcome and reason filled with ASCII)
   * whose `{ changes, reason }` is exactly `bytes` long, every value within the meeting's own rules.
   */
  function correctionOfSize(bytes: number) {
    const summary = '€'.repeat(20_000);
    const empty = utf8Bytes({ changes: { summary, outcome: '' }, reason: '' });
    const outcome = 'o'.repeat(5_000);
    const reason = 'r'.repeat(bytes - empty - outcome.length);
    const changes = { summary, outcome };
    expect(utf8Bytes({ changes, reason })).toBe(bytes);
    return { changes, reason };
  }

  describe('at most 100 corrections per entry', () => {
    it('takes the 100th, refuses the 101st with 422 TOO_MANY_CORRECTIONS writing nothing, still takes a retraction', async () => {
      const entry = await meeting();
      expect(await correctTimes(entry.eventId, 100)).toHaveLength(100);

      const answer = await refused(
        () => correct(entry.eventId, { summary: 'One more.' }, 'Fix 101.'),
        'TOO_MANY_CORRECTIONS',
      );
      expect(answer.body).toMatchObject({ status: 422, corrections: 100, limit: 100 });

      const retraction = await postJson(apps.api, `/v1/entries/${entry.eventId}/retractions`, {
        reason: 'Never happened.',
      });
      expect(retraction.status).toBe(201);
    });
  });

  describe('at most 64 KiB per correction', () => {
    it('takes a correction of exactly 64 KiB', async () => {
      const entry = await meeting();
      const { changes, reason } = correctionOfSize(KIB_64);
      const answer = await correct(entry.eventId, changes, reason);
      expect(answer.status).toBe(201);
      const read = (await entryAt(entry.eventId, 2)).json();
      expect(read.data).toMatchObject(changes);
      expect(read.corrections.items).toEqual([expect.objectContaining({ reason, changes })]);
    });

    it('refuses one of 64 KiB + 1 with 422 CORRECTION_TOO_LARGE, naming the size and the limit, writing nothing', async () => {
      const entry = await meeting();
      const { changes, reason } = correctionOfSize(KIB_64 + 1);
      const answer = await refused(() => correct(entry.eventId, changes, reason), 'CORRECTION_TOO_LARGE');
      expect(answer.body).toMatchObject({ size: KIB_64 + 1, limit: KIB_64 });
    });
  });

  describe('an entry read carries its latest 20 corrections, the rest a page at a time', () => {
    it('with 25 corrections, carries the latest 20 and a cursor leading to the other 5: no overlap, no gap', async () => {
      const entry = await meeting();
      const ids = await correctTimes(entry.eventId, 25);
      const newestFirst = [...ids].reverse();

      const read = await entryAt(entry.eventId, 26);
      expect(read.headers.etag).toBe('"26"');
      const first = read.json().corrections as CorrectionsPage;
      expect(first.total).toBe(25);
      expect(first.items.map((c) => c.eventId)).toEqual(newestFirst.slice(0, 20));
      expect(first.items[0]).toMatchObject({ kind: 'correction', reason: 'Fix 25.' });
      expect(first.nextCursor).toEqual(expect.any(String));

      const rest = await get(`/v1/entries/${entry.eventId}/corrections?cursor=${first.nextCursor}`);
      expect(rest.statusCode).toBe(200);
      const second = rest.json() as CorrectionsPage & { eventId: string };
      expect(second).toMatchObject({ eventId: entry.eventId, total: 25, nextCursor: null });
      expect(second.items.map((c) => c.eventId)).toEqual(newestFirst.slice(20));
      expect([...first.items, ...second.items].map((c) => c.eventId)).toEqual(newestFirst);
    });

    it('pages the whole trail at any limit, newest first, ending with the retraction first when there is one', async () => {
      const entry = await meeting();
      const ids = await correctTimes(entry.eventId, 7);
      const retraction = await postJson(apps.api, `/v1/entries/${entry.eventId}/retractions`, {
        reason: 'Never happened.',
      });
      expect(retraction.status).toBe(201);
      await entryAt(entry.eventId, 9);

      const seen: string[] = [];
      let url = `/v1/entries/${entry.eventId}/corrections?limit=3`;
      for (let page = 0; page < 5; page += 1) {
        const response = await get(url);
        expect(response.statusCode).toBe(200);
        const body = response.json() as CorrectionsPage;
        expect(body.items.length).toBeLessThanOrEqual(3);
        seen.push(...body.items.map((c) => c.eventId));
        if (body.nextCursor === null) break;
        url = `/v1/entries/${entry.eventId}/corrections?limit=3&cursor=${body.nextCursor}`;
      }
      expect(seen).toEqual([retraction.body.eventId, ...[...ids].reverse()]);
    });

    it('refuses a forged cursor, or one issued for another entry, with 400 naming cursor', async () => {
      const one = await meeting();
      const other = await meeting();
      await correctTimes(one.eventId, 3);
      await correctTimes(other.eventId, 3);
      await entryAt(one.eventId, 4);
      await entryAt(other.eventId, 4);
      const page = await get(`/v1/entries/${other.eventId}/corrections?limit=1`);
      const otherCursor = (page.json() as CorrectionsPage).nextCursor;
      expect(otherCursor).toEqual(expect.any(String));

      const forged = Buffer.from(JSON.stringify([3, 'not-an-id'])).toString('base64url');
      for (const cursor of ['garbage', forged, otherCursor]) {
        const response = await get(`/v1/entries/${one.eventId}/corrections?cursor=${cursor}`);
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(errorFields(response.json())).toEqual(['cursor']);
      }
    });

    it('answers 404 problem+json for the corrections of an entry that is not there', async () => {
      const response = await get('/v1/entries/0195a1b2-0000-7000-8000-0000000000ff/corrections');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().detail).toMatch(/No timeline entry/);
    });
  });
});
