import type { Classification } from '#domain';
import { type RunningApps, startApps } from '../support/apps.js';
import { as, type Identity, LEADERSHIP, officer } from '../support/auth.js';
import { errorFields, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * GET /v1/search over the timeline. Syria and Lebanon each hold meetings at several levels, every one of them
 * mentioning the made-up word PLOVER in its summary (so one query matches them all) and carrying words of its own
 * in its summary, participants, topics and vendors. A retracted meeting and a corrected one show that search reads
 * the current revision of the entries that stand. All names and figures synthetic.
 */

const PLOVER = 'plover';

interface Item {
  eventId: string;
  eventType: string;
  country: string;
  occurredAt: string;
  headline: string;
  classification: string;
  snippet: string;
  rank: number;
}
interface Page {
  q: string;
  items: Item[];
  nextCursor: string | null;
}

/** A meeting whose every searchable field carries words unique to it (`tag`), at a level, in a country. */
function taggedMeeting(tag: string, classification: Classification, occurredAt: string) {
  return meetingBody({
    occurredAt,
    classification,
    counterparts: [
      { name: `Minister Zed${tag}`, title: 'Minister', organisation: `Ministry of ${tag} Affairs` },
    ],
    topics: [`topic${tag} corridor`],
    vendorsDiscussed: [`Vendor${tag}`],
    summary: `Synthetic ${PLOVER} talks on summary${tag} backhaul.`,
  });
}

/** What each seeded meeting is called in the tests: country, level and the tag its words carry. */
const SEEDS = [
  { key: 'syU', country: 'SY', level: 'unclassified', at: '2026-01-05T09:00:00Z' },
  { key: 'syC', country: 'SY', level: 'confidential', at: '2026-01-06T09:00:00Z' },
  { key: 'syS', country: 'SY', level: 'secret', at: '2026-01-07T09:00:00Z' },
  { key: 'lbU', country: 'LB', level: 'unclassified', at: '2026-01-08T09:00:00Z' },
  { key: 'lbR', country: 'LB', level: 'restricted', at: '2026-01-09T09:00:00Z' },
  { key: 'lbS', country: 'LB', level: 'secret', at: '2026-01-10T09:00:00Z' },
] as const;
type Key = (typeof SEEDS)[number]['key'] | 'retracted' | 'corrected' | 'offer' | 'contract';

const SY_OFFICER = officer('sy.officer', ['SY'], 'secret');
const RESTRICTED = officer('restricted.officer', undefined, 'restricted');
const CONFIDENTIAL_LEADER: Identity = {
  ...LEADERSHIP,
  sub: 'confidential.leader',
  clearance: 'confidential',
};

describe('GET /v1/search', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  const ids = {} as Record<Key, string>;
  const countryOf = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('search') }));
    const note = (key: Key, eventId: string, country: string) => {
      ids[key] = eventId;
      countryOf.set(eventId, country);
    };
    for (const seed of SEEDS) {
      const { eventId } = await recorded(
        apps.api,
        `/v1/countries/${seed.country}/meetings`,
        taggedMeeting(seed.key, seed.level, seed.at),
      );
      note(seed.key, eventId, seed.country);
    }
    const retracted = await recorded(
      apps.api,
      '/v1/countries/SY/meetings',
      taggedMeeting('retracted', 'unclassified', '2026-01-11T09:00:00Z'),
    );
    await recorded(apps.api, `/v1/entries/${retracted.eventId}/retractions`, { reason: 'Never took place.' });
    note('retracted', retracted.eventId, 'SY');
    const corrected = await recorded(
      apps.api,
      '/v1/countries/SY/meetings',
      taggedMeeting('corrected', 'unclassified', '2026-01-12T09:00:00Z'),
    );
    await recorded(apps.api, `/v1/entries/${corrected.eventId}/corrections`, {
      changes: { summary: `Synthetic ${PLOVER} talks on amendedwording backhaul.` },
      reason: 'The summary was wrong.',
    });
    note('corrected', corrected.eventId, 'SY');
    const offer = await recorded(
      apps.api,
      '/v1/countries/SY/incentive-offers',
      incentiveOfferBody({ description: 'Synthetic loan toward a sandpiper ring.' }),
    );
    note('offer', offer.eventId, 'SY');
    const contract = await recorded(
      apps.api,
      '/v1/countries/LB/contracts',
      contractBody({ operator: 'Alfa', vendorId: 'ericsson', classification: 'restricted' }),
    );
    note('contract', contract.eventId, 'LB');
    await awaitProjected(db);
  }, 120_000);

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  const search = async (query: string, who?: Identity) =>
    apps.api.inject({
      method: 'GET',
      url: `/v1/search?${query}`,
      ...(who ? { headers: await as(who) } : {}),
    });

  const page = async (query: string, who?: Identity): Promise<Page> => {
    const response = await search(query, who);
    expect(response.statusCode).toBe(200);
    return response.json() as Page;
  };

  const found = async (q: string, who?: Identity, extra = '') =>
    (await page(`q=${encodeURIComponent(q)}&limit=50${extra}`, who)).items.map((i) => i.eventId);

  /** Every page of a query, following nextCursor. */
  async function walk(query: string, who?: Identity): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: Page = await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`, who);
      items.push(...next.items);
      cursor = next.nextCursor;
      pages += 1;
      if (pages > 50) throw new Error('the walk does not end');
    } while (cursor);
    return items;
  }

  it('finds an entry by a word of its summary, with the match highlighted in the snippet', async () => {
    const answer = await page('q=summarysyU');
    expect(answer.q).toBe('summarysyU');
    expect(answer.nextCursor).toBeNull();
    expect(answer.items).toEqual([
      {
        eventId: ids.syU,
        eventType: 'EnvoyMeetingHeld',
        country: 'SY',
        occurredAt: '2026-01-05T09:00:00.000Z',
        headline: 'Envoy meeting in Damascus with Ministry of syU Affairs',
        classification: 'unclassified',
        snippet: expect.stringContaining('«summarysyU»'),
        rank: expect.any(Number),
      },
    ]);
    expect(answer.items[0]?.rank).toBeGreaterThan(0);
  });

  it("finds an entry by a participant's name, a topic, a vendor and an offer's description", async () => {
    expect(await found('Zedlbu')).toEqual([ids.lbU]);
    expect(await found('topicsyC')).toEqual([ids.syC]);
    expect(await found('vendorlbS')).toEqual([ids.lbS]);
    expect(await found('sandpiper')).toEqual([ids.offer]);
    // A contract's vendor, as the registry names it, and its operator in the headline.
    expect(await found('Ericsson Alfa')).toEqual([ids.contract]);
  });

  it('stems English words on both sides and understands web-search syntax', async () => {
    // "talk" finds "talks"; every word must match.
    expect(await found('talk summarysyS')).toEqual([ids.syS]);
    expect((await found('"plover talks"')).length).toBe(7);
    expect((await found(`${PLOVER} -summarysyU -summarylbU`)).length).toBe(5);
    expect((await found('summarysyU or summarylbU')).sort()).toEqual([ids.syU, ids.lbU].sort());
    // Only stop words: nothing to look for, and no error.
    expect(await found('the and of')).toEqual([]);
  });

  it('reads the current revision of entries that stand: not a retracted one, not words corrected away', async () => {
    const all = await found(PLOVER);
    expect(all).not.toContain(ids.retracted);
    expect(await found('summaryretracted')).toEqual([]);
    expect(await found('summarycorrected')).toEqual([]);
    expect(await found('amendedwording')).toEqual([ids.corrected]);
    expect(all.sort()).toEqual([...SEEDS.map((seed) => ids[seed.key]), ids.corrected].sort());
  });

  it('orders by relevance, then newest recorded first, and a walk returns each match once', async () => {
    // One meeting matches "syU" in its headline (weight A) and "plover" in its summary (C); the others match
    // "plover" in their summary alone, all with the same rank.
    const ranked = (await page(`q=${PLOVER} or syU&limit=50`)).items;
    expect(ranked[0]?.eventId).toBe(ids.syU);
    const ranks = ranked.map((i) => i.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    // Equal ranks (the same summary shape) fall back to the newest recorded first.
    const tied = ranked.slice(1);
    expect(tied.every((i) => i.rank === tied[0]?.rank && i.rank < (ranked[0]?.rank ?? 0))).toBe(true);
    // They were recorded in the order they occurred.
    const occurred = tied.map((i) => i.occurredAt);
    expect([...occurred].sort().reverse()).toEqual(occurred);

    const onePage = (await page(`q=${PLOVER}&limit=50`)).items.map((i) => i.eventId);
    for (const limit of [1, 2, 3]) {
      const walked = (await walk(`q=${PLOVER}&limit=${limit}`)).map((i) => i.eventId);
      expect(walked).toEqual(onePage);
      expect(new Set(walked).size).toBe(walked.length);
    }
  });

  it.each([
    ['restricted', RESTRICTED, ['unclassified', 'restricted']],
    ['confidential', CONFIDENTIAL_LEADER, ['unclassified', 'restricted', 'confidential']],
  ] as const)('a %s reader never gets, nor counts, an entry above its clearance', async (_l, who, levels) => {
    const walked = await walk(`q=${PLOVER}&limit=1`, who);
    // The meetings at its levels, and the corrected one (unclassified).
    const expected = [
      ...SEEDS.filter((seed) => (levels as readonly string[]).includes(seed.level)).map(
        (seed) => ids[seed.key],
      ),
      ids.corrected,
    ];
    expect(walked.map((i) => i.eventId).sort()).toEqual(expected.sort());
    expect(walked.every((i) => (levels as readonly string[]).includes(i.classification))).toBe(true);
    // With limit 1, a hidden match would have left a cursor on the last visible page.
    const last = await page(`q=${PLOVER}&limit=${expected.length}`, who);
    expect(last.items.length).toBe(expected.length);
    expect(last.nextCursor).toBeNull();
    // Not even by a word only a hidden entry holds.
    expect(await found('summarysyS', who)).toEqual([]);
    expect(await found('vendorlbS', who)).toEqual([]);
  });

  it('a desk officer of Syria never gets a Lebanese entry, and is refused a search of Lebanon', async () => {
    const walked = await walk(`q=${PLOVER}&limit=2`, SY_OFFICER);
    expect(walked.map((i) => i.country)).toEqual(walked.map(() => 'SY'));
    expect(walked.map((i) => i.eventId).sort()).toEqual([ids.syU, ids.syC, ids.syS, ids.corrected].sort());
    expect(await found('Zedlbu', SY_OFFICER)).toEqual([]);
    expect(await found('Ericsson', SY_OFFICER)).toEqual([]);
    const refused = await search(`q=${PLOVER}&country=LB`, SY_OFFICER);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).not.toContain(ids.lbU);
  });

  it('narrows to one country, in either case', async () => {
    const lebanon = await found(PLOVER, undefined, '&country=lb');
    expect(lebanon.sort()).toEqual([ids.lbU, ids.lbR, ids.lbS].sort());
    expect(await found(PLOVER, SY_OFFICER, '&country=SY')).toHaveLength(4);
  });

  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['no q', 'limit=5', 'q'],
    ['an empty q', 'q=', 'q'],
    ['a blank q', 'q=%20%20', 'q'],
    ['a q too long', `q=${'a'.repeat(201)}`, 'q'],
    ['two qs', 'q=a&q=b', 'q'],
    ['a limit of 0', 'q=a&limit=0', 'limit'],
    ['a limit too large', 'q=a&limit=51', 'limit'],
    ['a limit that is no number', 'q=a&limit=ten', 'limit'],
    ['a country that is no code', 'q=a&country=XX', 'country'],
    ['a forged cursor', `q=a&cursor=${forge(['search', 0.5, '99999999999999999999'])}`, 'cursor'],
    ["the timeline's cursor", `q=a&cursor=${forge(['2026-01-01T00:00:00.000Z', '5'])}`, 'cursor'],
    ['garbage as cursor', 'q=a&cursor=%27%3B%20DROP%20TABLE%20events', 'cursor'],
    ['an unknown parameter', 'q=a&classification=secret', 'classification'],
  ])('answers 400 problem+json naming the field for %s', async (_what, query, field) => {
    const response = await search(query);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(errorFields(response.json())).toContain(field);
  });

  it('is refused without a token', async () => {
    const response = await apps.api.inject({
      method: 'GET',
      url: `/v1/search?q=${PLOVER}`,
      headers: { authorization: undefined },
    });
    expect(response.statusCode).toBe(401);
  });

  it('a cursor that was issued keeps working: the next page starts after it', async () => {
    const first = await page(`q=${PLOVER}&limit=3`);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(`q=${PLOVER}&limit=3&cursor=${first.nextCursor}`);
    const firstIds = new Set(first.items.map((i) => i.eventId));
    expect(second.items.some((i) => firstIds.has(i.eventId))).toBe(false);
    expect(second.items.every((i) => countryOf.has(i.eventId))).toBe(true);
  });
});
