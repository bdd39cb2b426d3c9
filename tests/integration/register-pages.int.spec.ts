import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { type Recorded, Recorder } from '../support/record.js';

type Item = Record<string, unknown> & { id: string; streamId: string; occurredAt: string };
interface Page {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: Record<string, unknown> & { items: Item[]; nextCursor: string | null; knownAt: string };
}

/** What every register item starts with (README, "Registers"). */
const HEADER = [
  'id',
  'streamId',
  'version',
  'status',
  'country',
  'classification',
  'occurredAt',
  'source',
  'confidence',
];
const ENVELOPE = ['country', 'status', 'knownAt', 'today', 'items', 'nextCursor'];
const ITEM_KEYS = {
  'incentive-offers': [
    ...HEADER,
    'lapsed',
    'instrument',
    'agency',
    'description',
    'amount',
    'conditions',
    'expiresOn',
    'closedAt',
    'amendments',
  ],
  contracts: [
    ...HEADER,
    'operator',
    'domain',
    'generation',
    'description',
    'vendorId',
    'vendorName',
    'vendorOrigin',
    'vendorHighRisk',
    'units',
    'unitKind',
    'value',
    'financing',
    'period',
    'holdings',
    'replacedUnits',
    'terminatedAt',
  ],
  'technical-support': [
    ...HEADER,
    'supportType',
    'provider',
    'beneficiary',
    'description',
    'period',
    'budget',
    'milestones',
    'outcome',
    'closedAt',
  ],
  'follow-ups': [...HEADER, 'owner', 'action', 'dueDate', 'overdue', 'sourceEventId', 'completedAt', 'note'],
} as const;
const sorted = (keys: readonly string[]) => [...keys].sort();
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Registers a page at a time: `limit` and an opaque `cursor`, keyset on a total order, every page of a listing
 * read as known at the first page's instant; and each register kind's own item shape. All data synthetic.
 *
 * Kenya: five contracts, five offers and five support commitments, two of each on the same instant (the tie is
 *   broken by stream). Kenya and Uganda: five follow-ups, two of them due the same day and assigned at the same
 *   instant, one done. Tanzania: three contracts, for a listing paged while another is recorded.
 */
describe('register pages', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let record: Recorder;
  const recorded: Record<'contracts' | 'incentive-offers' | 'technical-support' | 'follow-ups', Recorded[]> =
    {
      contracts: [],
      'incentive-offers': [],
      'technical-support': [],
      'follow-ups': [],
    };
  let kenyaMeeting: Recorded;

  async function get(url: string): Promise<Page> {
    const response = await apps.api.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json(), type: response.headers['content-type'] };
  }

  /** Every page of a listing, following `next` until it is null; each must be 200. */
  async function allPages(url: string): Promise<Page['body'][]> {
    const pages: Page['body'][] = [];
    let cursor: string | null = null;
    do {
      const separator = url.includes('?') ? '&' : '?';
      const page = await get(cursor === null ? url : `${url}${separator}cursor=${cursor}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      cursor = page.body.nextCursor;
    } while (cursor !== null && pages.length < 10);
    return pages;
  }

  const INSTANTS = [
    '2024-01-10T09:00:00.000Z',
    '2024-03-10T09:00:00.000Z',
    '2024-03-10T09:00:00.000Z',
    '2024-05-10T09:00:00.000Z',
    '2024-07-10T09:00:00.000Z',
  ];

  beforeAll(async () => {
    db = await createTestDatabase();
    const topicPrefix = uniqueName('register-pages');
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }));
    record = new Recorder(db, apps.api);
    await record.registerCatalogueVendors(['huawei', 'nokia']);

    for (const [n, occurredAt] of INSTANTS.entries()) {
      recorded.contracts.push(
        await record.awardContract('KE', {
          occurredAt,
          domain: 'ran',
          vendorId: n % 2 === 0 ? 'huawei' : 'nokia',
          units: 10 + n,
          value: { minor: `${(10 + n) * 100_000}`, currency: 'USD' },
        }),
      );
      recorded['incentive-offers'].push(await record.offerIncentive('KE', occurredAt));
      recorded['technical-support'].push(await record.commitSupport('KE', occurredAt));
    }
    await record.deliverMilestone(recorded['technical-support'][0]?.id ?? '', '2024-02-01T09:00:00Z');

    kenyaMeeting = await record.meeting('KE', '2024-01-05T09:00:00Z', 'Nairobi');
    const ugandaMeeting = await record.meeting('UG', '2024-01-06T09:00:00Z', 'Kampala');
    const followUps: [Recorded, string, string][] = [
      [kenyaMeeting, '2024-01-06T09:00:00Z', '2024-02-01'],
      [ugandaMeeting, '2024-01-07T09:00:00Z', '2024-02-01'],
      [ugandaMeeting, '2024-01-07T09:00:00Z', '2024-02-01'],
      [kenyaMeeting, '2024-01-06T09:00:00Z', '2024-03-01'],
      [ugandaMeeting, '2024-01-08T09:00:00Z', '2099-01-01'],
    ];
    for (const [source, occurredAt, dueDate] of followUps) {
      const country = source === kenyaMeeting ? 'KE' : 'UG';
      recorded['follow-ups'].push(
        await record.assignFollowUp({ ...source, country }, { occurredAt, dueDate }),
      );
    }
    await record.completeFollowUp(recorded['follow-ups'][3]?.id ?? '', '2024-02-20T09:00:00Z');

    for (const occurredAt of ['2024-01-01T09:00:00Z', '2024-02-01T09:00:00Z', '2024-03-01T09:00:00Z']) {
      await record.awardContract('TZ', { occurredAt, domain: 'core', vendorId: 'nokia', units: 1 });
    }
    await record.awaitProjected();
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  describe.each(['contracts', 'incentive-offers', 'technical-support'] as const)(
    'GET /v1/countries/{c}/%s',
    (register) => {
      it('pages through every entry with limit: in order, no gap, no duplicate, one knownAt', async () => {
        const pages = await allPages(`/v1/countries/KE/${register}?limit=2`);
        expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
        expect(pages.at(-1)?.nextCursor).toBeNull();
        expect(new Set(pages.map((p) => p.knownAt)).size).toBe(1);

        const paged = pages.flatMap((p) => p.items);
        // Newest first, ties by stream, descending: the order the recorded entries sort in.
        const expected = recorded[register]
          .map((entry, n) => ({ id: entry.id, streamId: entry.streamId, occurredAt: INSTANTS[n] ?? '' }))
          .sort((a, b) =>
            a.occurredAt === b.occurredAt
              ? Number(a.streamId < b.streamId) - Number(a.streamId > b.streamId)
              : b.occurredAt.localeCompare(a.occurredAt),
          );
        expect(paged.map((i) => i.id)).toEqual(expected.map((e) => e.id));
        const whole = await get(`/v1/countries/KE/${register}?limit=200`);
        expect(whole.body.nextCursor).toBeNull();
        expect(whole.body.items.map((i) => i.id)).toEqual(paged.map((i) => i.id));
      });

      it('answers exactly the documented keys, no decider internals', async () => {
        const { status, body } = await get(`/v1/countries/KE/${register}?limit=3`);
        expect(status).toBe(200);
        expect(sorted(Object.keys(body))).toEqual(sorted(ENVELOPE));
        expect(body).toMatchObject({ country: 'KE', status: null, nextCursor: expect.any(String) });
        for (const item of body.items) expect(sorted(Object.keys(item))).toEqual(sorted(ITEM_KEYS[register]));
      });
    },
  );

  it('answers a contract, an offer and a support commitment field by field', async () => {
    const [contract] = (await get('/v1/countries/KE/contracts?limit=1')).body.items;
    expect(contract).toEqual({
      id: recorded.contracts[4]?.id,
      streamId: recorded.contracts[4]?.streamId,
      version: 1,
      status: 'active',
      country: 'KE',
      classification: 'unclassified',
      occurredAt: '2024-07-10T09:00:00.000Z',
      source: null,
      confidence: null,
      operator: 'Synthetic Mobile',
      domain: 'ran',
      generation: '4G',
      description: 'Synthetic test contract.',
      vendorId: 'huawei',
      vendorName: 'Huawei',
      vendorOrigin: 'CN',
      vendorHighRisk: true,
      units: 14,
      unitKind: 'sites',
      value: { amount: '14000.00', minor: '1400000', currency: 'USD' },
      financing: null,
      period: { start: '2024-07-10', end: null },
      holdings: [
        { vendorId: 'huawei', units: 14, value: { amount: '14000.00', minor: '1400000', currency: 'USD' } },
      ],
      replacedUnits: 0,
      terminatedAt: null,
    });

    const offers = (await get('/v1/countries/KE/incentive-offers?limit=200')).body.items;
    expect(offers.at(-1)).toEqual({
      id: recorded['incentive-offers'][0]?.id,
      streamId: recorded['incentive-offers'][0]?.streamId,
      version: 1,
      status: 'offered',
      country: 'KE',
      classification: 'unclassified',
      occurredAt: '2024-01-10T09:00:00.000Z',
      source: null,
      confidence: null,
      lapsed: false,
      instrument: 'financing',
      agency: 'DFC',
      description: 'Synthetic financing for trusted vendors.',
      amount: { amount: '50000000.00', minor: '5000000000', currency: 'USD' },
      conditions: ['Synthetic condition'],
      expiresOn: null,
      closedAt: null,
      amendments: 0,
    });

    const support = (await get('/v1/countries/KE/technical-support?limit=200')).body.items;
    expect(support.at(-1)).toMatchObject({
      id: recorded['technical-support'][0]?.id,
      version: 2,
      status: 'active',
      supportType: 'vendor-transition-planning',
      provider: 'Synthetic Agency',
      beneficiary: 'Ministry of Communications',
      period: { start: '2024-01-10', end: null },
      budget: null,
      milestones: [
        {
          milestone: 'Transition roadmap',
          deliveredAt: '2024-02-01T09:00:00.000Z',
          note: expect.any(String),
        },
      ],
      outcome: null,
      closedAt: null,
    });
  });

  describe('GET /v1/follow-ups', () => {
    it('pages through every country’s follow-ups without `country`: soonest due, oldest, then by stream', async () => {
      const pages = await allPages('/v1/follow-ups?limit=2');
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.at(-1)?.nextCursor).toBeNull();
      expect(new Set(pages.map((p) => p.knownAt)).size).toBe(1);
      const paged = pages.flatMap((p) => p.items);
      const [kenyaDue, ugandaA, ugandaB, kenyaDone, ugandaLater] = recorded['follow-ups'];
      const [firstTied, secondTied] = [ugandaA, ugandaB].sort((a, b) =>
        (a?.streamId ?? '').localeCompare(b?.streamId ?? '', 'en'),
      );
      expect(paged.map((i) => i.id)).toEqual(
        [kenyaDue, firstTied, secondTied, kenyaDone, ugandaLater].map((f) => f?.id),
      );
      expect(paged.map((i) => i.country)).toEqual(['KE', 'UG', 'UG', 'KE', 'UG']);
      expect((await get('/v1/follow-ups?limit=200')).body.items.map((i) => i.id)).toEqual(
        paged.map((i) => i.id),
      );
    });

    it('pages within filters too', async () => {
      const open = (await allPages('/v1/follow-ups?status=open&limit=1')).flatMap((p) => p.items);
      expect(open.map((i) => i.status)).toEqual(['open', 'open', 'open', 'open']);
      const kenya = await allPages('/v1/follow-ups?country=KE&limit=1');
      expect(kenya.map((p) => p.items.map((i) => i.id))).toEqual([
        [recorded['follow-ups'][0]?.id],
        [recorded['follow-ups'][3]?.id],
      ]);
    });

    it('answers exactly the documented keys', async () => {
      const { status, body } = await get('/v1/follow-ups?country=KE&limit=1');
      expect(status).toBe(200);
      expect(sorted(Object.keys(body))).toEqual(sorted(ENVELOPE));
      expect(body.items).toEqual([
        {
          id: recorded['follow-ups'][0]?.id,
          streamId: recorded['follow-ups'][0]?.streamId,
          version: 1,
          status: 'open',
          country: 'KE',
          classification: 'unclassified',
          occurredAt: '2024-01-06T09:00:00.000Z',
          source: null,
          confidence: null,
          owner: 'desk.officer',
          action: 'Synthetic action',
          dueDate: '2024-02-01',
          overdue: true,
          sourceEventId: kenyaMeeting.eventId,
          completedAt: null,
          note: null,
        },
      ]);
      const done = (await get('/v1/follow-ups?status=done')).body.items;
      expect(done).toHaveLength(1);
      expect(sorted(Object.keys(done[0] ?? {}))).toEqual(sorted(ITEM_KEYS['follow-ups']));
      expect(done[0]).toMatchObject({ completedAt: '2024-02-20T09:00:00.000Z', note: expect.any(String) });
    });
  });

  it('reads every page of a listing as known when its first page was read', async () => {
    const first = await get('/v1/countries/TZ/contracts?limit=2');
    expect(first.body.items).toHaveLength(2);
    // Recorded after the first page, and older than all: it would come on the next page if that read the present.
    await record.awardContract('TZ', {
      occurredAt: '2023-06-01T09:00:00Z',
      domain: 'core',
      vendorId: 'nokia',
      units: 1,
    });
    await record.awaitProjected();
    const second = await get(`/v1/countries/TZ/contracts?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.knownAt).toBe(first.body.knownAt);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    // The same knownAt spelled out is the same listing; another is refused.
    const again = await get(
      `/v1/countries/TZ/contracts?limit=2&knownAt=${first.body.knownAt}&cursor=${first.body.nextCursor}`,
    );
    expect(again.body.items).toEqual(second.body.items);
    const other = await get(
      `/v1/countries/TZ/contracts?limit=2&knownAt=2030-01-01&cursor=${first.body.nextCursor}`,
    );
    expect(other.status).toBe(400);
    expect(other.type).toMatch(/^application\/problem\+json/);
    // A listing started now has it.
    expect((await get('/v1/countries/TZ/contracts')).body.items).toHaveLength(4);
  });

  describe('cursors', () => {
    let contracts: string;
    let followUps: string;

    beforeAll(async () => {
      contracts = (await get('/v1/countries/KE/contracts?limit=2')).body.nextCursor ?? '';
      followUps = (await get('/v1/follow-ups?limit=2')).body.nextCursor ?? '';
    });

    const decoded = (cursor: string): unknown[] =>
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const withPart = (cursor: string, index: number, value: unknown) => {
      const parts = decoded(cursor);
      parts[index] = value;
      return b64(parts);
    };
    /** A character changed where it always breaks the cursor: its first, which encodes the opening bracket. */
    const tampered = (cursor: string) => `${cursor.startsWith('X') ? 'Y' : 'X'}${cursor.slice(1)}`;

    const FORGED: [string, 'contracts' | 'follow-ups', (c: string) => string][] = [
      ['garbage', 'contracts', () => 'not-a-cursor'],
      ['not base64url', 'contracts', () => 'abc$def'],
      ['empty', 'contracts', () => ''],
      ['JSON that is no cursor', 'contracts', () => b64({ after: 1 })],
      ['a flipped character', 'contracts', tampered],
      ['an extra part', 'contracts', (c) => b64([...decoded(c), 'x'])],
      ['another register’s', 'contracts', (c) => withPart(c, 0, 'incentive-offer')],
      ['the follow-ups’', 'contracts', () => followUps],
      ['a year only', 'contracts', (c) => withPart(c, 2, '2026')],
      ['year 0', 'contracts', (c) => withPart(c, 2, '0000-01-01T00:00:00.000Z')],
      ['30 February', 'contracts', (c) => withPart(c, 2, '2026-02-30T00:00:00.000Z')],
      ['an offset instant', 'contracts', (c) => withPart(c, 2, '2026-02-01T00:00:00.000+14:00')],
      ['a knownAt in year 0', 'contracts', (c) => withPart(c, 1, '0000-06-01T00:00:00.000Z')],
      ['a number for a stream', 'contracts', (c) => withPart(c, 3, 12)],
      ['another kind’s stream', 'contracts', (c) => withPart(c, 3, 'incentive-0191f4d2')],
      ['a NUL in the stream', 'contracts', (c) => withPart(c, 3, 'contract-ab\u0000cd')],
      ['a lone surrogate', 'contracts', (c) => withPart(c, 3, 'contract-ab\ud800')],
      ['too long', 'contracts', (c) => `${c}${'A'.repeat(600)}`],
      ['the contracts’', 'follow-ups', () => contracts],
      ['a due date of 30 February', 'follow-ups', (c) => withPart(c, 2, '2026-02-30')],
      ['a due date in year 0', 'follow-ups', (c) => withPart(c, 2, '0000-01-01')],
      ['a due date with time', 'follow-ups', (c) => withPart(c, 2, '2026-02-01T00:00:00.000Z')],
      ['an instant for a due date', 'follow-ups', (c) => withPart(c, 2, 20260201)],
    ];

    it.each(FORGED)(
      'refuses %s with 400 problem+json naming cursor, accepting the genuine one',
      async (_, list, forge) => {
        const url = list === 'contracts' ? '/v1/countries/KE/contracts?limit=2' : '/v1/follow-ups?limit=2';
        const genuine = list === 'contracts' ? contracts : followUps;
        expect((await get(`${url}&cursor=${genuine}`)).status).toBe(200);
        const { status, type, body } = await get(`${url}&cursor=${encodeURIComponent(forge(genuine))}`);
        expect(status).toBe(400);
        expect(type).toMatch(/^application\/problem\+json/);
        expect((body.errors as { field: string }[]).map((e) => e.field)).toEqual(['cursor']);
      },
    );
  });

  describe('limit', () => {
    it.each([
      '/v1/countries/KE/contracts',
      '/v1/countries/KE/incentive-offers',
      '/v1/countries/KE/technical-support',
      '/v1/follow-ups',
    ])('on %s is 1 to 200, 50 by default', async (url) => {
      expect((await get(`${url}?limit=200`)).status).toBe(200);
      expect((await get(`${url}?limit=1`)).body.items).toHaveLength(1);
      for (const limit of ['201', '0', '-1', '1.5', 'ten', '']) {
        const { status, type, body } = await get(`${url}?limit=${limit}`);
        expect(status).toBe(400);
        expect(type).toMatch(/^application\/problem\+json/);
        expect((body.errors as { field: string }[]).map((e) => e.field)).toContain('limit');
      }
    });

    it('defaults to 50', async () => {
      for (let n = 0; n < 50; n++) {
        await record.awardContract('RW', {
          occurredAt: new Date(Date.UTC(2024, 0, 1 + n, 9)).toISOString(),
          domain: 'core',
          vendorId: 'nokia',
          units: 1,
        });
      }
      await record.awardContract('RW', {
        occurredAt: '2023-01-01T09:00:00Z',
        domain: 'core',
        vendorId: 'nokia',
        units: 1,
      });
      await record.awaitProjected();
      const first = await get('/v1/countries/RW/contracts');
      expect(first.body.items).toHaveLength(50);
      const rest = await get(`/v1/countries/RW/contracts?cursor=${first.body.nextCursor}`);
      expect(rest.body.items.map((i) => i.occurredAt)).toEqual(['2023-01-01T09:00:00.000Z']);
      expect(rest.body.nextCursor).toBeNull();
    });
  });
});
