import fc from 'fast-check';
import { type PropertyApp, startPropertyApp } from './app.js';
import { recordTargets, type Targets } from './endpoints.js';
import {
  expectContract,
  nastyString,
  oddDate,
  oddNumber,
  Raw,
  settings,
  within,
  written,
} from './support.js';

/** Percent-encodes text as UTF-8 (a lone surrogate becomes U+FFFD, as a browser would send it). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

/** A query or path value as sent: encoded text, or raw bytes that need not be UTF-8 at all. */
type Sent = { readonly text: string } | { readonly bytes: Uint8Array };

const sentEncoded = (sent: Sent) =>
  'text' in sent
    ? encode(sent.text)
    : [...sent.bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const text = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<Sent> => arbitrary.map((t) => ({ text: t }));

const base64url = (value: string) => Buffer.from(value).toString('base64url');

/** Cursors: issued-looking ones with one odd part, arbitrary JSON, and plain garbage. */
const cursor = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc
          .date({
            min: new Date('0001-01-01T00:00:00Z'),
            max: new Date('9999-12-31T23:59:59Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString()),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        oddDate,
        nastyString,
        fc.constantFrom('0', '2026', '1 2', 'Tue', 'epoch', 'infinity', '-infinity', 'now', 'allballs'),
      ),
      fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
        fc.nat().map(String),
        fc.constantFrom('9223372036854775807', '9223372036854775808', '9999999999999999999', '-1', '01', ''),
        nastyString,
      ),
    )
    .map((pair) => base64url(JSON.stringify(pair))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => base64url(JSON.stringify(v))),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Values a parameter should not take, or takes only at an edge. */
const oddParamValue: fc.Arbitrary<Sent> = fc.oneof(
  { arbitrary: text(oddDate), weight: 3 },
  { arbitrary: text(nastyString), weight: 3 },
  { arbitrary: text(oddNumber.map((n) => (n instanceof Raw ? n.text : String(n)))), weight: 1 },
  { arbitrary: text(fc.string({ unit: 'grapheme', maxLength: 30 })), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 12 }).map((bytes) => ({ bytes })), weight: 1 },
);

const DATES = ['2026-02-10', '2026-02-10T10:00:00Z', '2020-01-01T00:00:00+14:00'];
const BOUND = { knownAt: DATES };
const RISK = { riskList: ['asOf', 'current'] };
const DOMAINS = ['ran', 'core', 'transport', 'all', 'each'];

/**
 * Every GET route, as Fastify registers it, with its path and the query parameters it reads, each with values
 * it takes (a parameter with none, like `cursor`, gets only generated values). A route the app serves that is
 * missing here fails the coverage test.
 */
const READS: ReadonlyArray<{
  readonly route: string;
  readonly path: (country: string, id: string) => string;
  readonly params: Readonly<Record<string, readonly string[]>>;
}> = [
  {
    route: '/v1/countries/:country/timeline',
    path: (c) => `/v1/countries/${c}/timeline`,
    params: {
      limit: ['1', '50', '200'],
      cursor: [],
      type: ['EnvoyMeetingHeld', 'EnvoyMeetingHeld,ContractAwarded'],
      from: DATES,
      to: DATES,
      asOf: DATES,
      ...BOUND,
      topic: ['telecom'],
      vendor: ['Huawei'],
      participant: ['Minister'],
      includeRetracted: ['true', 'false'],
    },
  },
  ...['incentive-offers', 'contracts', 'technical-support'].map((kind) => ({
    route: `/v1/countries/:country/${kind}`,
    path: (c: string) => `/v1/countries/${c}/${kind}`,
    params: { ...BOUND, status: ['open', 'accepted', 'active', 'terminated', 'expired', 'closed'] },
  })),
  {
    route: '/v1/follow-ups',
    path: () => '/v1/follow-ups',
    params: { ...BOUND, country: ['SY', 'sy', 'XX'], status: ['open', 'overdue', 'done'] },
  },
  {
    route: '/v1/countries/:country/dependency',
    path: (c) => `/v1/countries/${c}/dependency`,
    params: { asOf: DATES, domain: DOMAINS, basis: ['units', 'value'], ...BOUND, ...RISK },
  },
  {
    route: '/v1/countries/:country/dependency/history',
    path: (c) => `/v1/countries/${c}/dependency/history`,
    params: {
      from: ['2025-01-01', '0001-01-01'],
      to: ['2026-01-01', '9999-12-31'],
      interval: ['month'],
      basis: ['units', 'value'],
      domain: DOMAINS,
      lookbackDays: ['1', '365', '3650'],
      ...BOUND,
      ...RISK,
    },
  },
  { route: '/v1/countries', path: () => '/v1/countries', params: { ...BOUND, ...RISK } },
  { route: '/v1/entries/:eventId', path: (_c, id) => `/v1/entries/${id}`, params: {} },
  {
    route: '/v1/entries/:id/corrections',
    path: (_c, id) => `/v1/entries/${id}/corrections`,
    params: { limit: ['1', '20', '100'], cursor: [] },
  },
  {
    route: '/v1/audit',
    path: () => '/v1/audit',
    params: {
      actor: ['test.officer', 'system:scheduler'],
      country: ['SY', 'sy', 'XX'],
      from: DATES,
      to: DATES,
      limit: ['1', '50', '200'],
      cursor: [],
    },
  },
  {
    route: '/v1/search',
    path: () => '/v1/search',
    params: {
      q: ['vendor diversity', '"telecom reform" -Huawei', 'Minister or Huawei', 'the', '-', '"'],
      country: ['SY', 'sy', 'XX'],
      limit: ['1', '20', '50'],
      cursor: [],
    },
  },
  { route: '/v1/imports', path: () => '/v1/imports', params: { key: ['ministry-2019.csv', 'x'] } },
  { route: '/v1/imports/:id', path: (_c, id) => `/v1/imports/${id}`, params: {} },
  { route: '/health/live', path: () => '/health/live', params: {} },
  { route: '/health/ready', path: () => '/health/ready', params: {} },
  { route: '/metrics', path: () => '/metrics', params: {} },
];

/** Query parameter pairs: some with values their parameter takes, then up to two odd or unknown ones. */
function queryOf(params: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<Array<[string, Sent]>> {
  const names = Object.keys(params);
  // Only parameters with values they take: generating a name and filtering would never end for a route
  // that has none.
  const takes = names.filter((n) => (params[n] ?? []).length > 0);
  const valid: fc.Arbitrary<[string, Sent]>[] =
    takes.length === 0
      ? []
      : [
          fc
            .constantFrom(...takes)
            .chain((n) => fc.tuple(fc.constant(n), text(fc.constantFrom(...(params[n] ?? []))))),
        ];
  const odd: fc.Arbitrary<[string, Sent]> = fc.oneof(
    ...(names.length === 0
      ? []
      : [
          fc
            .constantFrom(...names)
            .chain((n) => fc.tuple(fc.constant(n), n === 'cursor' ? text(cursor) : oddParamValue)),
        ]),
    fc.tuple(fc.constant('cursor'), text(cursor)),
    fc.tuple(
      fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'a[b]', 'limit[]', 'toString')),
      oddParamValue,
    ),
  );
  // Names may repeat: `type=A&type=B` is a list, `limit=1&limit=2` is not.
  return fc
    .tuple(
      valid.length === 0 ? fc.constant([]) : fc.array(fc.oneof(...valid), { maxLength: 3 }),
      fc.array(odd, { maxLength: 2 }),
    )
    .map(([good, bad]) => [...good, ...bad]);
}

describe('every read endpoint, given arbitrary query parameters and path values', () => {
  let app: PropertyApp;
  let targets: Targets;

  beforeAll(async () => {
    app = await startPropertyApp('prop-read');
    targets = await recordTargets(app.api);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** GETs, checking the answer; a read never writes. */
  async function get(url: string): Promise<number> {
    const before = await written(app.db);
    const response = await within(20_000, `GET ${url}`, app.api.inject({ method: 'GET', url }));
    expectContract(
      {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        body: response.body,
      },
      `GET ${url.slice(0, 300)}`,
    );
    const after = await written(app.db);
    if (after !== before) throw new Error(`GET ${url.slice(0, 300)} wrote: ${before} before, ${after} after`);
    return response.statusCode;
  }

  it('covers every GET route the app serves', () => {
    expect(READS.map((r) => r.route).sort()).toEqual(
      [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.url))].sort(),
    );
  });

  it.each(READS.map((r) => [r.route, r] as const))(
    'GET %s with any mix of its parameters (repeated, unknown, odd values) never gets a 5xx',
    async (_route, read) => {
      await fc.assert(
        fc.asyncProperty(queryOf(read.params), async (pairs) => {
          const qs = pairs.map(([name, value]) => `${encode(name)}=${sentEncoded(value)}`).join('&');
          await get(`${read.path('SY', targets.meetingEventId)}${qs ? `?${qs}` : ''}`);
        }),
        // Routes that read no parameter get a few runs: /metrics asks the broker for a topic this app never made.
        settings(read.route.endsWith('timeline') ? 100 : Object.keys(read.params).length > 0 ? 40 : 2),
      );
    },
  );

  it.each([
    ['a week date', ['2020-W01-1T00:00:00Z', '1']],
    ['a year alone', ['2026', '1']],
    ['year 0', ['0000-01-01T00:00:00.000Z', '1']],
    ['a date Date reads but PostgreSQL does not', ['+275760-09-13T00:00:00.000Z', '1']],
    ['a NUL in the instant', ['2026-01-01T00:00:00.000Z\u0000', '1']],
    ['a position beyond bigint', ['2026-01-01T00:00:00.000Z', '9999999999999999999']],
    ['a negative position', ['2026-01-01T00:00:00.000Z', '-1']],
  ])('a crafted timeline cursor with %s is a 400 problem', async (_label, pair) => {
    const forged = Buffer.from(JSON.stringify(pair)).toString('base64url');
    expect(await get(`/v1/countries/SY/timeline?cursor=${forged}`)).toBe(400);
  });

  it('any country code or id in a path never gets a 5xx', async () => {
    const segment = fc.oneof(
      text(
        fc.constantFrom('SY', 'sy', 'XX', 'GB', 'SYR', '', ' ', 'S%', targets.meetingEventId.toUpperCase()),
      ),
      text(fc.uuid()),
      text(nastyString),
      text(fc.string({ unit: 'grapheme', maxLength: 8 })),
      fc.uint8Array({ maxLength: 6 }).map((bytes) => ({ bytes })),
    );
    const routes = READS.filter((r) => r.route.includes(':')).map((r) => (s: string) => r.path(s, s));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), segment, async (route, value) => {
        await get(route(sentEncoded(value)));
      }),
      settings(150),
    );
  });
});
