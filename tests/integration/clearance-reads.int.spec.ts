import { randomUUID } from 'node:crypto';
import { CLASSIFICATIONS, type Classification } from '#domain';
import { type RunningApps, startApps } from '../support/apps.js';
import { as, type Identity, officer } from '../support/auth.js';
import { postJson, recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { Recorder } from '../support/record.js';

/**
 * Need-to-know on every read. Syria and Lebanon each hold a meeting, a follow-up of it, an incentive offer, a
 * technical-support commitment and an observed stance at each of the four levels, dated so that the more
 * classified the later (the "latest" of anything is the most classified one a reader sees); Syria also holds a
 * contract at each level, each adding a vendor to the RAN (so every level moves the HHI), and a secret follow-up of
 * its unclassified meeting. Every text an entry carries is marked `MARK-<country>-<level>-`, so a leak of any
 * field of a hidden entry shows up in a search of the JSON. Every read route is then read by desk officers of Syria,
 * leadership, a service and an admin at each clearance, and each answer must hold exactly the entries the reader may
 * see: none above its clearance or outside its countries, counts and figures from the visible entries alone (the
 * dependency figures equal those of a second database holding only the visible contracts), page-by-page walks that
 * return exactly the visible entries, and 404s for a hidden id identical to those for an id never recorded.
 * All figures synthetic.
 */

const LEVELS = CLASSIFICATIONS;
const rank = (level: string) => LEVELS.indexOf(level as Classification);
const COUNTRIES = ['SY', 'LB'] as const;
/** A country with one secret meeting and nothing else: listed in the overview for secret readers alone. */
const SECRET_ONLY = 'JO';
type Country = (typeof COUNTRIES)[number] | typeof SECRET_ONLY;

/** Syria's RAN, one contract per level: each level adds a vendor, so the HHI differs at every clearance. */
const CONTRACTS: Record<Classification, { vendorId: string; units: number; occurredAt: string }> = {
  unclassified: { vendorId: 'huawei', units: 60, occurredAt: '2024-06-03T09:00:00Z' },
  restricted: { vendorId: 'ericsson', units: 20, occurredAt: '2024-07-03T09:00:00Z' },
  confidential: { vendorId: 'nokia', units: 15, occurredAt: '2024-08-03T09:00:00Z' },
  secret: { vendorId: 'zte', units: 5, occurredAt: '2024-09-03T09:00:00Z' },
};
const STANCES = ['resistant', 'neutral', 'receptive', 'committed'] as const;
const AS_OF = '2024-12-31';
const HISTORY = '/dependency/history?from=2024-01-01&to=2024-12-31&lookbackDays=365';

/** An entry recorded: where, at what level, every id that names it, and the kind of register it stands in. */
interface Entry {
  readonly country: Country;
  readonly level: Classification;
  readonly kind: 'meeting' | 'follow-up' | 'offer' | 'support' | 'stance' | 'contract';
  readonly eventId: string;
  readonly entityId: string;
  readonly streamId: string;
  /** Events appended to it later (corrections): their ids must stay hidden too. */
  readonly laterEventIds: string[];
}

interface Reader {
  readonly name: string;
  readonly identity: Identity;
  readonly clearance: Classification;
  /** null: every country. */
  readonly countries: readonly Country[] | null;
}

const READERS: readonly Reader[] = LEVELS.flatMap((level): Reader[] => [
  {
    name: `a desk officer of SY, ${level}`,
    identity: officer(`desk.sy.${level}`, ['SY'], level),
    clearance: level,
    countries: ['SY'],
  },
  {
    name: `leadership, ${level}`,
    identity: { sub: `leadership.${level}`, role: 'leadership', clearance: level },
    clearance: level,
    countries: null,
  },
]).concat([
  {
    name: 'a service reading LB, confidential',
    identity: { sub: 'service.lb', role: 'service', countries: ['LB'], clearance: 'confidential' },
    clearance: 'confidential',
    countries: ['LB'],
  },
  {
    name: 'an admin, restricted (admin does not bypass clearance)',
    identity: { sub: 'admin.restricted', role: 'admin', clearance: 'restricted' },
    clearance: 'restricted',
    countries: null,
  },
]);

const TOP: Reader = READERS.find((r) => r.name === 'leadership, secret') as Reader;

const reads = (reader: Reader, country: string) =>
  reader.countries === null || (reader.countries as readonly string[]).includes(country);
const sees = (reader: Reader, entry: { country: string; level: string }) =>
  reads(reader, entry.country) && rank(entry.level) <= rank(reader.clearance);

function decodedCursors(body: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(body, (key, value) => {
    if (key === 'nextCursor' && typeof value === 'string') {
      found.push(Buffer.from(value, 'base64url').toString('utf8'));
    }
    return value;
  });
  return found;
}

describe('every read leaves out what is above the reader’s clearance or outside its countries', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let reference: { db: TestDatabase; apps: RunningApps };
  const entries: Entry[] = [];
  /** What a secret reader of a database holding only the contracts up to each level reads. */
  const referenceFigures = new Map<
    Classification,
    { dependency: unknown; history: unknown; overview: unknown }
  >();
  const headers = new Map<string, { authorization: string }>();

  async function get(url: string, reader?: Reader) {
    const response = await apps.api.inject({
      method: 'GET',
      url,
      headers: reader ? (headers.get(reader.name) as { authorization: string }) : {},
    });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  }

  async function ok(url: string, reader: Reader) {
    const answer = await get(url, reader);
    if (answer.status !== 200)
      throw new Error(`${reader.name}: GET ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Nothing of an entry the reader may not see, anywhere in the body or in what its cursors encode. */
  function expectNothingHidden(body: unknown, reader: Reader, url: string) {
    const text = [JSON.stringify(body), ...decodedCursors(body)].join('\n');
    for (const country of [...COUNTRIES, SECRET_ONLY]) {
      for (const level of LEVELS) {
        if (sees(reader, { country, level })) continue;
        if (text.includes(`MARK-${country}-${level}-`))
          throw new Error(`${reader.name}: GET ${url} shows text of a ${country} ${level} entry`);
      }
    }
    for (const entry of entries) {
      if (sees(reader, entry)) continue;
      for (const id of [entry.eventId, entry.entityId, entry.streamId, ...entry.laterEventIds]) {
        if (text.includes(id))
          throw new Error(
            `${reader.name}: GET ${url} names ${id} (${entry.country} ${entry.level} ${entry.kind})`,
          );
      }
    }
  }

  /** Every page of a listing, `limit` items a page, following nextCursor; each page checked for leaks. */
  async function walk<T>(url: string, reader: Reader, field: 'entries' | 'items', limit = 1): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const separator = url.includes('?') ? '&' : '?';
      const pageUrl = `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const body = await ok(pageUrl, reader);
      expectNothingHidden(body, reader, pageUrl);
      all.push(...(body[field] as T[]));
      cursor = body.nextCursor;
      if (cursor === null) return all;
      // A page that says there is more has a full page; no page comes back short before the end.
      expect(body[field]).toHaveLength(limit);
    }
    throw new Error(`${url}: more than 100 pages`);
  }

  async function post(url: string, body: Record<string, unknown>) {
    return recorded(apps.api, url, body);
  }

  async function recordEntries(country: Country, level: Classification, month: number) {
    const mark = `MARK-${country}-${level}-`;
    const day = (d: number) => `2024-0${month}-${String(d).padStart(2, '0')}T09:00:00Z`;
    const person = (name: string) => ({
      name: `${mark}${name}`,
      title: 'Official',
      organisation: `${mark}Org`,
    });
    const add = (kind: Entry['kind'], r: { entryId: string; eventId: string; streamId: string }) => {
      const entry = {
        country,
        level,
        kind,
        eventId: r.eventId,
        entityId: r.entryId,
        streamId: r.streamId,
        laterEventIds: [],
      };
      entries.push(entry);
      return entry;
    };
    const meeting = add(
      'meeting',
      await post(`/v1/countries/${country}/meetings`, {
        occurredAt: day(10),
        classification: level,
        location: `${mark}Location`,
        envoys: [person('Envoy')],
        counterparts: [person('Minister')],
        topics: [`${mark}topic`],
        concerns: ['network-vulnerability'],
        vendorsDiscussed: [`${mark}Vendor`],
        summary: `${mark}meeting summary`,
        outcome: `${mark}outcome`,
        nextSteps: [],
      }),
    );
    add(
      'follow-up',
      await post('/v1/follow-ups', {
        sourceEventId: meeting.eventId,
        occurredAt: day(20),
        owner: `${mark}owner`,
        dueDate: `2099-0${month}-01`,
        action: `${mark}action`,
      }),
    );
    add(
      'offer',
      await post(`/v1/countries/${country}/incentive-offers`, {
        occurredAt: day(12),
        classification: level,
        instrument: 'financing',
        agency: `${mark}Agency`,
        amount: { amount: `${month}000000.00`, currency: 'USD' },
        conditions: [`${mark}condition`],
        expiresOn: null,
        description: `${mark}offer`,
      }),
    );
    add(
      'support',
      await post(`/v1/countries/${country}/technical-support`, {
        occurredAt: day(14),
        classification: level,
        supportType: 'vendor-transition-planning',
        provider: `${mark}Provider`,
        beneficiary: `${mark}Beneficiary`,
        period: { start: day(14).slice(0, 10), end: null },
        budget: null,
        description: `${mark}support`,
      }),
    );
    add(
      'stance',
      await post(`/v1/countries/${country}/responses`, {
        occurredAt: day(16),
        classification: level,
        stance: STANCES[month - 1],
        speaker: person('Spokesperson'),
        quote: null,
        channel: 'public-statement',
        topics: [`${mark}topic`],
        vendorsMentioned: [],
        summary: `${mark}stance`,
      }),
    );
    return meeting;
  }

  function contractBody(level: Classification, mark: string) {
    const c = CONTRACTS[level];
    return {
      occurredAt: c.occurredAt,
      classification: level,
      operator: 'Synthetic Mobile',
      vendorId: c.vendorId,
      domain: 'ran',
      generation: '4G',
      units: c.units,
      unitKind: 'sites',
      value: null,
      financing: null,
      period: { start: c.occurredAt.slice(0, 10), end: null },
      description: `${mark}contract`,
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('clearance') }));
    const record = new Recorder(db, apps.api);
    await record.registerCatalogueVendors(['huawei', 'ericsson', 'nokia', 'zte']);
    for (const reader of READERS) headers.set(reader.name, await as(reader.identity));

    const meetings = new Map<string, Entry>();
    for (const country of COUNTRIES) {
      for (const [i, level] of LEVELS.entries()) {
        meetings.set(`${country}-${level}`, await recordEntries(country, level, i + 1));
      }
    }
    for (const level of LEVELS) {
      const r = await post('/v1/countries/SY/contracts', contractBody(level, `MARK-SY-${level}-`));
      entries.push({
        country: 'SY',
        level,
        kind: 'contract',
        eventId: r.eventId,
        entityId: r.entryId,
        streamId: r.streamId,
        laterEventIds: [],
      });
    }
    // A follow-up more classified than its source: hidden from readers of the source's level.
    const open = meetings.get('SY-unclassified') as Entry;
    const secretFollowUp = await post('/v1/follow-ups', {
      sourceEventId: open.eventId,
      occurredAt: '2024-05-01T09:00:00Z',
      owner: 'MARK-SY-secret-owner',
      dueDate: '2099-12-01',
      action: 'MARK-SY-secret-action of an unclassified meeting',
      classification: 'secret',
    });
    entries.push({
      country: 'SY',
      level: 'secret',
      kind: 'follow-up',
      eventId: secretFollowUp.eventId,
      entityId: secretFollowUp.entryId,
      streamId: secretFollowUp.streamId,
      laterEventIds: [],
    });
    // Corrections of a visible and of a secret meeting: each entry's trail is of its own level.
    for (const level of ['unclassified', 'secret'] as const) {
      const meeting = meetings.get(`SY-${level}`) as Entry;
      const correction = await post(`/v1/entries/${meeting.eventId}/corrections`, {
        changes: { summary: `MARK-SY-${level}-corrected summary` },
        reason: `MARK-SY-${level}-reason`,
      });
      meeting.laterEventIds.push(correction.eventId);
    }
    const jordan = await post(`/v1/countries/${SECRET_ONLY}/meetings`, {
      occurredAt: '2024-03-01T09:00:00Z',
      classification: 'secret',
      location: `MARK-${SECRET_ONLY}-secret-Location`,
      envoys: [{ name: 'An Envoy', title: 'Official', organisation: 'Department of State' }],
      counterparts: [{ name: 'A Minister', title: 'Official', organisation: 'Ministry' }],
      topics: [],
      concerns: [],
      vendorsDiscussed: [],
      summary: `MARK-${SECRET_ONLY}-secret-summary`,
      outcome: 'none',
      nextSteps: [],
    });
    entries.push({
      country: SECRET_ONLY,
      level: 'secret',
      kind: 'meeting',
      eventId: jordan.eventId,
      entityId: jordan.entryId,
      streamId: jordan.streamId,
      laterEventIds: [],
    });
    await record.awaitProjected();

    // The reference: a second database holding only the contracts, recorded level by level; after each level, what a
    // secret reader reads is what a database holding only the contracts up to that level gives.
    const refDb = await createTestDatabase();
    const refApps = await startApps(
      testConfig({ databaseUrl: refDb.url, topicPrefix: uniqueName('clearance-ref') }),
    );
    reference = { db: refDb, apps: refApps };
    const refRecord = new Recorder(refDb, refApps.api);
    await refRecord.registerCatalogueVendors(['huawei', 'ericsson', 'nokia', 'zte']);
    const refGet = async (url: string) => (await refApps.api.inject({ method: 'GET', url })).json();
    for (const level of LEVELS) {
      await recorded(refApps.api, '/v1/countries/SY/contracts', {
        ...contractBody(level, 'REF-'),
        classification: 'unclassified',
      });
      await refRecord.awaitProjected();
      const overview = await refGet('/v1/countries');
      referenceFigures.set(level, {
        dependency: await refGet(`/v1/countries/SY/dependency?asOf=${AS_OF}`),
        history: await refGet(`/v1/countries/SY${HISTORY}`),
        overview: overview.countries.find((c: { country: string }) => c.country === 'SY')?.dependency,
      });
    }
  }, 240_000);

  afterAll(async () => {
    await apps?.close();
    await reference?.apps.close();
    await db?.drop();
    await reference?.db.drop();
  });

  it('stores each row’s level as a rank, corrections at their entry’s level, follow-ups never below their source', async () => {
    const mismatched = await db.count(`
      SELECT count(*) AS n FROM (
        SELECT classification, classification_rank FROM country_timeline
        UNION ALL SELECT classification, classification_rank FROM registers
      ) r WHERE classification_rank <> array_position(ARRAY['unclassified','restricted','confidential','secret'], classification) - 1`);
    expect(mismatched).toBe(0);
    const ledger = await db.pool.query<{ vendor_id: string; classification_rank: number }>(
      'SELECT vendor_id, classification_rank FROM contract_holdings ORDER BY classification_rank',
    );
    expect(ledger.rows).toEqual(
      LEVELS.map((level, i) => ({ vendor_id: CONTRACTS[level].vendorId, classification_rank: i })),
    );
    const activity = await db.pool.query(
      'SELECT country, classification_rank, entries FROM country_activity ORDER BY country, classification_rank',
    );
    // LB: meeting, follow-up, offer, support, stance per level; SY also a contract per level and the secret follow-up.
    expect(activity.rows).toEqual([
      { country: SECRET_ONLY, classification_rank: 3, entries: 1 },
      ...LEVELS.map((_, i) => ({ country: 'LB', classification_rank: i, entries: 5 })),
      ...LEVELS.map((_, i) => ({ country: 'SY', classification_rank: i, entries: i === 3 ? 7 : 6 })),
    ]);
    // A correction carries the level of the entry it corrects (it cannot be asked for another).
    const corrections = await db.count(`
      SELECT count(*) AS n FROM events c JOIN events t ON t.event_id = (c.data->>'targetEventId')::uuid
      WHERE c.event_type = 'EntryCorrected' AND c.classification <> t.classification`);
    expect(corrections).toBe(0);
    expect(await db.count(`SELECT count(*) AS n FROM events WHERE event_type = 'EntryCorrected'`)).toBe(2);
    // A follow-up is never below its source: asked for less, it is refused and nothing is written.
    const below = await db.count(`
      SELECT count(*) AS n FROM events f JOIN events s ON s.event_id = (f.data->>'sourceEventId')::uuid
      WHERE f.event_type = 'FollowUpAssigned'
        AND array_position(ARRAY['unclassified','restricted','confidential','secret'], f.classification)
          < array_position(ARRAY['unclassified','restricted','confidential','secret'], s.classification)`);
    expect(below).toBe(0);
    const secretMeeting = entries.find(
      (e) => e.country === 'SY' && e.level === 'secret' && e.kind === 'meeting',
    ) as Entry;
    const before = await db.count('SELECT count(*) AS n FROM events');
    const refused = await postJson(apps.api, '/v1/follow-ups', {
      sourceEventId: secretMeeting.eventId,
      occurredAt: '2024-05-02T09:00:00Z',
      owner: 'someone',
      dueDate: '2099-01-01',
      action: 'Leak the secret meeting',
      classification: 'unclassified',
    });
    expect(refused.body.code).toBe('CLASSIFICATION_BELOW_SOURCE');
    expect(await db.count('SELECT count(*) AS n FROM events')).toBe(before);
  });

  it('the secret reader of every country sees every entry (the checks below are not vacuous)', async () => {
    for (const country of COUNTRIES) {
      const timeline = await walk<{ classification: string }>(
        `/v1/countries/${country}/timeline`,
        TOP,
        'entries',
        50,
      );
      expect(new Set(timeline.map((e) => e.classification))).toEqual(new Set(LEVELS));
    }
    const followUps = await walk<{ id: string }>('/v1/follow-ups', TOP, 'items', 50);
    expect(followUps).toHaveLength(9);
  });

  it('the countries overview asked by every reader at once: each gets the view of its own clearance and countries', async () => {
    // Readers of one view asking at once share one computation (SingleFlight): no reader may get another's.
    const alone = new Map<string, unknown>();
    for (const other of READERS) alone.set(other.name, await ok('/v1/countries', other));
    const together = await Promise.all(
      [...READERS, ...READERS].map(async (other) => ({ other, body: await ok('/v1/countries', other) })),
    );
    const figures = ({ asOf: _asOf, knownAt: _knownAt, ...rest }: Record<string, unknown>) => rest;
    for (const { other, body } of together)
      expect({ reader: other.name, body: figures(body) }).toEqual({
        reader: other.name,
        body: figures(alone.get(other.name) as Record<string, unknown>),
      });
    expect(
      new Set([...alone.values()].map((b) => JSON.stringify(figures(b as Record<string, unknown>)))).size,
    ).toBeGreaterThan(3);
  });

  describe.each(READERS.map((r) => [r.name, r] as const))('read by %s', (_name, reader) => {
    const readable = () => COUNTRIES.filter((c) => reads(reader, c));

    it('the timeline: a page-by-page walk returns exactly the visible entries, its cursors only visible ones', async () => {
      for (const country of readable()) {
        const all = await walk<{ eventId: string; classification: string; globalPosition: string }>(
          `/v1/countries/${country}/timeline`,
          TOP,
          'entries',
          50,
        );
        const visible = all.filter((e) => rank(e.classification) <= rank(reader.clearance));
        const walked = await walk<{ eventId: string; globalPosition: string }>(
          `/v1/countries/${country}/timeline`,
          reader,
          'entries',
          2,
        );
        expect(walked.map((e) => e.eventId)).toEqual(visible.map((e) => e.eventId));
        // Each cursor names the position of a visible entry: the last of its page.
        let cursor: string | null = null;
        const positions = new Set(visible.map((e) => e.globalPosition));
        do {
          const body = await ok(
            `/v1/countries/${country}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            reader,
          );
          cursor = body.nextCursor;
          if (cursor) {
            const [, position] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
            expect(positions.has(position)).toBe(true);
          }
        } while (cursor);
      }
      for (const country of COUNTRIES.filter((c) => !reads(reader, c))) {
        expect((await get(`/v1/countries/${country}/timeline`, reader)).status).toBe(403);
      }
    });

    it('an entry and its corrections by id: visible ones answer, hidden ones 404 exactly as an unknown id', async () => {
      const unknown = randomUUID();
      const normalise = (body: unknown, id: string) =>
        JSON.parse(JSON.stringify(body).split(id).join('<id>'));
      const unknownEntry = await get(`/v1/entries/${unknown}`, reader);
      const unknownTrail = await get(`/v1/entries/${unknown}/corrections`, reader);
      expect(unknownEntry.status).toBe(404);
      expect(unknownTrail.status).toBe(404);
      for (const entry of entries) {
        const read = await get(`/v1/entries/${entry.eventId}`, reader);
        const trail = await get(`/v1/entries/${entry.eventId}/corrections`, reader);
        if (sees(reader, entry)) {
          expect([read.status, trail.status]).toEqual([200, 200]);
          expect(read.body.eventId).toBe(entry.eventId);
          expect(trail.body.total).toBe(entry.laterEventIds.length);
        } else {
          expect(read.status).toBe(404);
          expect(normalise(read.body, entry.eventId)).toEqual(normalise(unknownEntry.body, unknown));
          expect(read.headers['content-type']).toBe(unknownEntry.headers['content-type']);
          expect(read.headers.etag).toBeUndefined();
          expect(trail.status).toBe(404);
          expect(normalise(trail.body, entry.eventId)).toEqual(normalise(unknownTrail.body, unknown));
        }
        // Beyond the id asked for (which a 404 repeats, as it does any id), nothing of a hidden entry.
        expectNothingHidden(normalise(read.body, entry.eventId), reader, `/v1/entries/${entry.eventId}`);
        expectNothingHidden(
          normalise(trail.body, entry.eventId),
          reader,
          `/v1/entries/${entry.eventId}/corrections`,
        );
      }
    });

    it('the registers: a page-by-page walk returns exactly the visible offers, support and contracts', async () => {
      for (const country of readable()) {
        for (const path of ['incentive-offers', 'technical-support', 'contracts']) {
          const url = `/v1/countries/${country}/${path}`;
          const all = await walk<{ id: string; classification: string }>(url, TOP, 'items', 50);
          const visible = all.filter((i) => rank(i.classification) <= rank(reader.clearance));
          expect((await walk<{ id: string }>(url, reader, 'items')).map((i) => i.id)).toEqual(
            visible.map((i) => i.id),
          );
        }
      }
      for (const country of COUNTRIES.filter((c) => !reads(reader, c))) {
        for (const path of [
          'incentive-offers',
          'technical-support',
          'contracts',
          'dependency',
          'dependency/history',
        ]) {
          expect((await get(`/v1/countries/${country}/${path}`, reader)).status).toBe(403);
        }
      }
    });

    it('the follow-ups, of one country and across countries: only the visible ones of the reader’s countries', async () => {
      const all = await walk<{ id: string; country: string; classification: string }>(
        '/v1/follow-ups',
        TOP,
        'items',
        50,
      );
      const visible = all.filter((i) => sees(reader, { country: i.country, level: i.classification }));
      const across = await walk<{ id: string }>('/v1/follow-ups', reader, 'items');
      expect(across.map((i) => i.id)).toEqual(visible.map((i) => i.id));
      for (const country of COUNTRIES) {
        if (!reads(reader, country)) {
          expect((await get(`/v1/follow-ups?country=${country}`, reader)).status).toBe(403);
          continue;
        }
        const one = await walk<{ id: string }>(`/v1/follow-ups?country=${country}`, reader, 'items');
        expect(one.map((i) => i.id)).toEqual(visible.filter((i) => i.country === country).map((i) => i.id));
      }
      // Every follow-up is open: filtered by status, the walk is the same, three a page.
      const open = await walk<{ id: string }>('/v1/follow-ups?status=open', reader, 'items', 3);
      expect(open.map((i) => i.id)).toEqual(visible.map((i) => i.id));
    });

    it('the countries overview: only the reader’s countries, counted and measured from visible entries alone', async () => {
      const body = await ok('/v1/countries', reader);
      expectNothingHidden(body, reader, '/v1/countries');
      const listed = [
        ...readable(),
        ...(sees(reader, { country: SECRET_ONLY, level: 'secret' }) ? [SECRET_ONLY] : []),
      ];
      expect(body.countries.map((c: { country: string }) => c.country)).toEqual(listed.sort());
      const highest = LEVELS[rank(reader.clearance)] as Classification;
      for (const overview of body.countries) {
        const country = overview.country as Country;
        if (country === SECRET_ONLY) {
          const meeting = entries.find((e) => e.country === SECRET_ONLY);
          expect(overview).toMatchObject({
            openFollowUps: 0,
            openOffers: 0,
            stance: null,
            lastEngagement: { eventId: meeting?.eventId },
          });
          continue;
        }
        const visible = entries.filter((e) => e.country === country && sees(reader, e));
        const latest = (kind: Entry['kind']) =>
          entries.find((e) => e.country === country && e.kind === kind && e.level === highest);
        expect(overview.openFollowUps).toBe(visible.filter((e) => e.kind === 'follow-up').length);
        expect(overview.overdueFollowUps).toBe(0);
        expect(overview.openOffers).toBe(visible.filter((e) => e.kind === 'offer').length);
        expect(overview.lastEngagement.eventId).toBe(latest('meeting')?.eventId);
        expect(overview.stance).toMatchObject({
          eventId: latest('stance')?.eventId,
          stance: STANCES[rank(highest)],
        });
        if (country === 'SY') expect(overview.dependency).toEqual(referenceFigures.get(highest)?.overview);
        else expect(overview.dependency).toEqual({ now: [], twelveMonthsAgo: [] });
      }
    });

    it('the dependency figures equal those of a database holding only the visible contracts', async () => {
      if (!reads(reader, 'SY')) return;
      const highest = LEVELS[rank(reader.clearance)] as Classification;
      const expected = referenceFigures.get(highest) as {
        dependency: Record<string, unknown>;
        history: Record<string, unknown>;
      };
      const dependency = await ok(`/v1/countries/SY/dependency?asOf=${AS_OF}`, reader);
      expectNothingHidden(dependency, reader, 'dependency');
      const figures = (body: Record<string, unknown>) => ({ figures: body.figures, domains: body.domains });
      expect(figures(dependency)).toEqual(figures(expected.dependency));
      expect(dependency.figures[0].vendorCount).toBe(rank(highest) + 1);
    });

    it('the dependency history: the same figures and moves, caused and preceded by visible entries only', async () => {
      if (!reads(reader, 'SY')) return;
      const highest = LEVELS[rank(reader.clearance)] as Classification;
      const history = await ok(`/v1/countries/SY${HISTORY}`, reader);
      expectNothingHidden(history, reader, 'dependency/history');
      type Move = {
        at: string;
        causes: { kind: string; eventType: string; eventId: string }[];
        before: unknown;
        after: unknown;
        preceding: Record<string, { eventId: string }[]> | null;
      };
      type Point = Record<string, unknown> & { moves: Move[] };
      // Event and contract ids differ between the databases: the figures and the kinds of cause must not.
      const figures = (body: { series: { points: Point[] }[] }) =>
        body.series.map((s) => ({
          ...s,
          points: s.points.map((p) => ({
            ...p,
            moves: p.moves.map((m) => ({
              at: m.at,
              before: m.before,
              after: m.after,
              causes: m.causes.map((c) => `${c.kind}:${c.eventType}`),
            })),
          })),
        }));
      expect(figures(history)).toEqual(figures(expected(highest)));
      const moves = history.series.flatMap((s: { points: Point[] }) =>
        s.points.flatMap((p) => p.moves),
      ) as Move[];
      expect(moves).toHaveLength(rank(highest) + 1);
      const contracts = entries.filter((e) => e.kind === 'contract' && sees(reader, e)).map((e) => e.eventId);
      for (const move of moves) {
        for (const cause of move.causes) expect(contracts).toContain(cause.eventId);
        // What preceded the move (all of it is dated before the first move, within the lookback): every SY
        // engagement of ours and every stance, of the levels the reader sees.
        const expectedOurs = entries
          .filter(
            (e) =>
              e.country === 'SY' &&
              sees(reader, e) &&
              (e.kind === 'meeting' || e.kind === 'follow-up' || e.kind === 'offer' || e.kind === 'support'),
          )
          .map((e) => e.eventId);
        const ours = (move.preceding?.ours ?? []).map((p) => p.eventId);
        expect([...ours].sort()).toEqual([...expectedOurs].sort());
        const country = (move.preceding?.country ?? []).map((p) => p.eventId);
        expect(country.sort()).toEqual(
          entries
            .filter((e) => e.country === 'SY' && e.kind === 'stance' && sees(reader, e))
            .map((e) => e.eventId)
            .sort(),
        );
      }
      function expected(level: Classification) {
        return (referenceFigures.get(level) as { history: { series: { points: Point[] }[] } }).history;
      }
    });
  });

  it('a desk officer of SY is refused LB’s timeline; leadership reads both', async () => {
    for (const level of LEVELS) {
      const desk = READERS.find((r) => r.name === `a desk officer of SY, ${level}`) as Reader;
      const leadership = READERS.find((r) => r.name === `leadership, ${level}`) as Reader;
      expect((await get('/v1/countries/LB/timeline', desk)).status).toBe(403);
      expect((await get('/v1/countries/SY/timeline', desk)).status).toBe(200);
      expect((await get('/v1/countries/LB/timeline', leadership)).status).toBe(200);
      expect((await get('/v1/countries/SY/timeline', leadership)).status).toBe(200);
    }
  });
});
