import fc from 'fast-check';
import { meetingBody } from '../support/fixtures.js';
import { type PropertyApp, startPropertyApp } from './app.js';
import { COMMAND_ENDPOINTS, type CommandEndpoint, recordTargets, type Targets } from './endpoints.js';
import {
  type Answer,
  expectContract,
  jsonText,
  mutate,
  mutationOf,
  oddValue,
  settings,
  within,
  written,
} from './support.js';

/** Header values a client can send: visible ASCII, spaces, tabs and obs-text (Node reads them as Latin-1). */
const headerText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
    .map((c) => String.fromCharCode(c)),
  maxLength: 240,
});

/** The headers the API reads, each with values it takes, values at its edges and anything sendable. */
const HEADERS: Readonly<Record<string, fc.Arbitrary<string>>> = {
  'idempotency-key': fc.oneof(
    fc.uuid(),
    fc.constantFrom('k', 'x'.repeat(200), 'x'.repeat(201), ' padded ', 'a b', 'é'),
    headerText,
  ),
  'if-match': fc.oneof(
    fc.nat({ max: 5 }).map((n) => `"${n}"`),
    fc.constantFrom('*', 'W/"1"', '"0"', '"999999999"', '"9999999999"', '"-1"', '1', '"1", "2"', '""'),
    headerText,
  ),
  'x-correlation-id': fc.oneof(fc.uuid(), headerText),
  'content-type': fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;charset=latin1',
      'application/json; charset=utf-16',
      'application/problem+json',
      'application/vnd.demarche+json',
      'application/jsonx',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ),
    headerText,
  ),
};

describe('every command endpoint, given mutated and arbitrary bodies and headers', () => {
  let app: PropertyApp;
  let targets: Targets;
  /** Whether a change to an existing entry got through since the targets were recorded (an offer accepted…). */
  let targetsUsed = false;

  beforeAll(async () => {
    app = await startPropertyApp('prop-cmd');
    targets = await recordTargets(app.api);
  });

  /** How often each route answered each status; PROPERTY_STATS=1 prints it, to see what the inputs reach. */
  const answered = new Map<string, number>();
  afterAll(async () => {
    if (process.env.PROPERTY_STATS) console.log([...answered].map(([k, n]) => `${k}: ${n}`).join('\n'));
    await app?.close();
  });

  /** A change to an existing entry gets fresh entries once an earlier change may have closed them. */
  async function targetsFor(endpoint: CommandEndpoint): Promise<Targets> {
    if (targetsUsed && acts(endpoint)) {
      targets = await recordTargets(app.api);
      targetsUsed = false;
    }
    return targets;
  }

  /** Posts text; every answer keeps the contract, and a refusal leaves the store as it was. */
  async function post(
    endpoint: CommandEndpoint,
    text: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ): Promise<Answer> {
    const on = await targetsFor(endpoint);
    const url = endpoint.url(on);
    const request = `POST ${endpoint.route} ${JSON.stringify(headers).slice(0, 300)} ${text.slice(0, 300)}`;
    const before = await written(app.db);
    const response = await within(
      20_000,
      request,
      app.api.inject({ method: 'POST', url, payload: text, headers }),
    );
    const answer = {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body,
    };
    const seen = `${endpoint.route} ${answer.status}`;
    answered.set(seen, (answered.get(seen) ?? 0) + 1);
    expectContract(answer, request);
    if (answer.status >= 400) {
      const after = await written(app.db);
      if (after !== before) {
        throw new Error(
          `${request} was refused (${answer.status}) but wrote: ${before} before, ${after} after`,
        );
      }
    } else if (acts(endpoint)) {
      targetsUsed = true;
    }
    return answer;
  }

  it('covers every POST route the app serves', () => {
    // The bulk import takes NDJSON or CSV, not a JSON command: tests/property/imports.int.spec.ts guards it.
    const streamed = new Set(['/v1/imports']);
    expect(COMMAND_ENDPOINTS.map((e) => e.route).sort()).toEqual(
      [
        ...new Set(app.routes.filter((r) => r.method === 'POST' && !streamed.has(r.url)).map((r) => r.url)),
      ].sort(),
    );
  });

  it.each(COMMAND_ENDPOINTS.map((e) => [e.route, e] as const))(
    'POST %s: valid bodies with fields replaced, removed or added never get a 5xx, and a refusal writes nothing',
    async (_route, endpoint) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutationOf(endpoint.body(targets)), { minLength: 1, maxLength: 2 }),
          async (mutations) => {
            // The body is built again for the entries the request goes to (fresh ones after a change).
            const on = await targetsFor(endpoint);
            await post(endpoint, jsonText(mutate(endpoint.body(on), mutations)));
          },
        ),
        settings(30),
      );
    },
  );

  it('any JSON value as the body of any command never gets a 5xx, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_ENDPOINTS),
        fc.oneof(oddValue, fc.jsonValue({ maxDepth: 3 }), fc.object({ maxDepth: 2 })),
        async (endpoint, value) => {
          await post(endpoint, jsonText(value));
        },
      ),
      settings(150),
    );
  });

  it('bodies that are not JSON, or barely, get a 4xx problem and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_ENDPOINTS),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom(
            '{',
            '{"a":',
            '[',
            'nul',
            '{"a":1,}',
            "{'a':1}",
            '\ufeff{}',
            '{"a":1}{"b":2}',
            '{"__proto__":{}}',
            '{"constructor":{"prototype":{}}}',
            '"\\ud800"',
            '{"a":"\\u0000"}',
            '1e400',
            '-',
          ),
          // A valid body cut short.
          fc.nat({ max: 400 }).map((n) => JSON.stringify(meetingBody()).slice(0, n)),
        ),
        async (endpoint, text) => {
          const answer = await post(endpoint, text);
          // Only JSON that parses can be accepted.
          if (answer.status < 400) JSON.parse(text);
        },
      ),
      settings(100),
    );
  });

  it('any value of the headers the API reads never gets a 5xx, and a refusal writes nothing', async () => {
    const headers = fc
      .record(HEADERS, { requiredKeys: [] })
      .map((h) => ({ 'content-type': 'application/json', ...h }) as Record<string, string>);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMAND_ENDPOINTS), headers, async (endpoint, sent) => {
        const on = await targetsFor(endpoint);
        await post(endpoint, JSON.stringify(endpoint.body(on)), sent);
      }),
      settings(150),
    );
  });

  it.each([
    ['a NUL in a string field', { summary: 'a\u0000b' }],
    ['a NUL in a list item', { topics: ['a\u0000b'] }],
    ['a NUL in a field name', { 'a\u0000': 1 }],
    ['an unpaired surrogate', { location: 'x\ud800' }],
    ['a week date', { occurredAt: '2020-W01-1T00:00:00Z' }],
    ['an ordinal date', { occurredAt: '2020-001T00:00:00Z' }],
    ['year 0', { occurredAt: '0000-01-01T00:00:00Z' }],
    ['an instant PostgreSQL cannot hold', { occurredAt: '+275760-09-13T00:00:00Z' }],
    ['an offset beyond ±23:59', { occurredAt: '2020-01-01T00:00:00+99:00' }],
    ['an offset that takes it before year 1', { occurredAt: '0001-01-01T00:00:00+14:00' }],
  ])('a meeting with %s is a 400 problem and writes nothing', async (_label, overrides) => {
    const meetings = COMMAND_ENDPOINTS.find((e) => e.route === '/v1/countries/:country/meetings');
    if (!meetings) throw new Error('no meetings endpoint');
    const answer = await post(meetings, JSON.stringify(meetingBody(overrides)));
    expect(answer.status).toBe(400);
  });

  it.each([
    ['arrays', (n: number) => `{"summary":${'['.repeat(n)}${']'.repeat(n)}}`],
    ['objects', (n: number) => `{"summary":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`],
  ])('a body nested thousands of levels deep in %s is a 400 problem', async (_label, nested) => {
    const meetings = COMMAND_ENDPOINTS[0];
    if (!meetings) throw new Error('no endpoint');
    const answer = await post(meetings, nested(20_000), {
      'content-type': 'application/json',
      'idempotency-key': 'deep-body',
    });
    expect(answer.status).toBe(400);
  });
});

function acts(endpoint: CommandEndpoint): boolean {
  return endpoint.route.includes(':id') && !endpoint.route.startsWith('/v1/vendors');
}
