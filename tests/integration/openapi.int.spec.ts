import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { chromium } from 'playwright-core';
import { type RunningApps, startApps } from '../support/apps.js';
import { as, LEADERSHIP, officer } from '../support/auth.js';
import { CHROMIUM } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import {
  contractBody,
  followUpBody,
  incentiveOfferBody,
  meetingBody,
  technicalSupportBody,
} from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';
import { spectral } from '../support/spectral.js';

/**
 * GET /openapi.json and /docs, checked by tools we did not write: Spectral's OpenAPI 3.1 ruleset on the served
 * document, and Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) validating real answers of a realistic
 * sequence against the schema the document gives for that operation, status and media type.
 */

interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }
  >;
  security?: unknown[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
}

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
}

describe('OpenAPI document', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let document: Document;
  let ajv: Ajv2020;
  const checked: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('openapi') }));
    const response = await apps.api.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: { authorization: undefined },
    });
    expect(response.statusCode).toBe(200);
    document = response.json();
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'openapi.json', components: document.components });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  /** The operation a request goes to: its path template matched against the URL's path. */
  function operationFor(method: string, url: string): Operation {
    const path = url.split('?')[0] as string;
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const operation = item[method.toLowerCase()];
      if (pattern.test(path) && operation) return operation;
    }
    throw new Error(`no operation for ${method} ${path}`);
  }

  const validators = new Map<string, ValidateFunction>();
  /** Ajv over the schema the document gives, with its $refs resolved against the document's components. */
  function validatorFor(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
      const rebased = JSON.parse(key.replaceAll('"#/components/', '"openapi.json#/components/'));
      validate = ajv.compile(rebased);
      validators.set(key, validate);
    }
    return validate;
  }

  /** Sends a request and checks the answer against the document: status documented, body valid for it. */
  async function call(
    method: 'GET' | 'POST',
    url: string,
    options: { body?: unknown; headers?: Record<string, string | undefined>; raw?: string } = {},
  ): Promise<Answer> {
    const response = await apps.api.inject({
      method,
      url,
      headers: {
        ...(options.body !== undefined || options.raw !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...options.headers,
      },
      ...(options.raw !== undefined
        ? { payload: options.raw }
        : options.body !== undefined
          ? { payload: JSON.stringify(options.body) }
          : {}),
    });
    const operation = operationFor(method, url);
    const documented = operation.responses[String(response.statusCode)];
    expect({
      operation: operation.operationId,
      status: response.statusCode,
      documented: documented !== undefined,
    }).toEqual({
      operation: operation.operationId,
      status: response.statusCode,
      documented: true,
    });
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0] as string;
    const content = documented?.content?.[mediaType];
    expect({
      operation: operation.operationId,
      status: response.statusCode,
      mediaType,
      documented: content !== undefined,
    }).toEqual({
      operation: operation.operationId,
      status: response.statusCode,
      mediaType,
      documented: true,
    });
    const body = mediaType.endsWith('json') ? response.json() : response.body;
    const validate = validatorFor(content?.schema);
    if (!validate(body)) {
      throw new Error(
        `${method} ${url} ${response.statusCode}: the body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
      );
    }
    for (const name of Object.keys(documented?.headers ?? {})) {
      if (name === 'WWW-Authenticate' || name === 'Retry-After' || name === 'Location' || name === 'ETag') {
        expect({ header: name, present: response.headers[name.toLowerCase()] !== undefined }).toEqual({
          header: name,
          present: true,
        });
      }
    }
    checked.push(`${operation.operationId} ${response.statusCode}`);
    return { status: response.statusCode, body, headers: response.headers };
  }

  it('is OpenAPI 3.1 and Spectral (spectral:oas) finds no error in it', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(await spectral(document, 'spectral:oas')).toEqual({ status: 0, errors: [] });
  });

  it('describes the constraints of a DTO as the server enforces them, nested DTOs included', async () => {
    const schemas = document.components.schemas;
    const meeting = schemas.RecordEnvoyMeetingRequestDto as {
      properties: Record<string, { maxLength?: number; items?: { $ref?: string }; minItems?: number }>;
      required: string[];
    };
    expect(meeting.properties.location?.maxLength).toBe(200);
    expect(meeting.required).toEqual(expect.arrayContaining(['location', 'envoys', 'summary', 'occurredAt']));
    expect(meeting.properties.envoys?.items?.$ref).toBe('#/components/schemas/ParticipantDto');
    expect(meeting.properties.envoys?.minItems).toBe(1);
    const participant = schemas.ParticipantDto as { properties: Record<string, { maxLength?: number }> };
    expect(participant.properties.name?.maxLength).toBe(200);
    const operation = operationFor('POST', '/v1/countries/SY/meetings');
    expect(operation.requestBody?.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/RecordEnvoyMeetingRequestDto',
    );

    // One character over each documented maxLength: the 400 names exactly those fields.
    const answer = await call('POST', '/v1/countries/SY/meetings', {
      body: meetingBody({
        location: 'x'.repeat((meeting.properties.location?.maxLength ?? 0) + 1),
        envoys: [
          {
            name: 'n'.repeat((participant.properties.name?.maxLength ?? 0) + 1),
            title: 'T',
            organisation: 'O',
          },
        ],
      }),
    });
    expect(answer.status).toBe(400);
    const fields = ((answer.body as { errors: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
    expect([...new Set(fields)].sort()).toEqual(['envoys[0].name', 'location']);
  });

  it('says who may call what: bearer JWT on every /v1 operation, none on health and the documents', () => {
    const scheme = document.components.securitySchemes.bearer as Record<string, unknown>;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(String(scheme.description)).toMatch(/clearance/);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of Object.values(item)) {
        if (path.startsWith('/v1') || path === '/metrics') {
          expect({ path, security: operation.security }).toEqual({ path, security: [{ bearer: [] }] });
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
        } else {
          expect({ path, security: operation.security }).toEqual({ path, security: [] });
        }
      }
    }
  });

  it('gives every command its headers and problems, and every read its body schema', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'post' && path === '/v1/imports') {
          // The bulk import streams a file (each line a command) and answers the run's report.
          expect(Object.keys(operation.requestBody?.content ?? {}).sort()).toEqual([
            'application/x-ndjson',
            'text/csv',
          ]);
          expect(operation.responses['201']?.content?.['application/json']?.schema).toEqual({
            $ref: '#/components/schemas/ImportReport',
          });
          expect(Object.keys(operation.responses).sort()).toEqual(
            ['201', '400', '401', '403', '413', '415', '429', '503'].sort(),
          );
        } else if (method === 'post') {
          const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
          expect({ path, headers }).toEqual({
            path,
            headers: expect.arrayContaining(['Idempotency-Key', 'If-Match']),
          });
          expect({ path, statuses: Object.keys(operation.responses) }).toEqual({
            path,
            statuses: expect.arrayContaining([
              '201',
              '400',
              '404',
              '409',
              '412',
              '413',
              '415',
              '422',
              '429',
              '503',
            ]),
          });
          expect(Object.keys(operation.responses['201']?.headers ?? {}).sort()).toEqual(['ETag', 'Location']);
          expect(Object.keys(operation.responses['429']?.headers ?? {})).toEqual(['Retry-After']);
        } else if (path.startsWith('/v1')) {
          const schema = operation.responses['200']?.content?.['application/json']?.schema as {
            $ref?: string;
          };
          expect({ path, schema: schema?.$ref }).toEqual({
            path,
            schema: expect.stringMatching(/^#\/components\/schemas\//),
          });
        }
      }
    }
  });

  it('matches what the API answers: a realistic sequence, successes and problems', async () => {
    const country = 'SY';
    const meeting = await call('POST', `/v1/countries/${country}/meetings`, { body: meetingBody() });
    expect(meeting.status).toBe(201);
    const meetingId = (meeting.body as { eventId: string }).eventId;
    expect((await call('POST', '/v1/follow-ups', { body: followUpBody(meetingId) })).status).toBe(201);

    const key = { 'idempotency-key': 'openapi-offer-1' };
    const offer = await call('POST', `/v1/countries/${country}/incentive-offers`, {
      body: incentiveOfferBody(),
      headers: key,
    });
    expect(offer.status).toBe(201);
    const again = await call('POST', `/v1/countries/${country}/incentive-offers`, {
      body: incentiveOfferBody(),
      headers: key,
    });
    expect(again.body).toEqual(offer.body);
    const offerId = (offer.body as { entryId: string }).entryId;
    const accepted = await call('POST', `/v1/incentive-offers/${offerId}/accept`, {
      body: { occurredAt: '2026-02-20T09:00:00Z', note: 'Accepted in writing.' },
      headers: { 'if-match': String(offer.headers.etag) },
    });
    expect(accepted.status).toBe(201);
    expect((await call('POST', `/v1/countries/${country}/contracts`, { body: contractBody() })).status).toBe(
      201,
    );
    expect(
      (await call('POST', `/v1/countries/${country}/technical-support`, { body: technicalSupportBody() }))
        .status,
    ).toBe(201);
    await awaitProjected(db);

    const reads = [
      `/v1/countries/${country}/timeline?limit=20`,
      `/v1/entries/${meetingId}`,
      `/v1/entries/${meetingId}/corrections`,
      `/v1/countries/${country}/incentive-offers`,
      `/v1/countries/${country}/contracts`,
      `/v1/countries/${country}/technical-support`,
      `/v1/follow-ups?country=${country}`,
      `/v1/countries/${country}/dependency`,
      `/v1/countries/${country}/dependency/history?from=2025-01-01`,
      '/v1/countries',
      '/v1/search?q=vendor',
      '/v1/audit',
      '/health/live',
    ];
    for (const url of reads)
      expect({ url, status: (await call('GET', url)).status }).toEqual({ url, status: 200 });
    const timeline = (await call('GET', `/v1/countries/${country}/timeline`)).body as { entries: unknown[] };
    expect(timeline.entries.length).toBeGreaterThanOrEqual(5);
    expect((await call('GET', '/metrics', {})).status).toBe(200);

    // Problems, each as documented.
    const problems: Array<[number, Promise<Answer>]> = [
      [401, call('GET', `/v1/countries/${country}/timeline`, { headers: { authorization: undefined } })],
      [
        403,
        call('POST', `/v1/countries/${country}/meetings`, {
          body: meetingBody(),
          headers: await as(officer('lb.only', ['LB'])),
        }),
      ],
      [403, call('POST', '/v1/vendors', { body: {}, headers: await as(LEADERSHIP) })],
      [404, call('GET', '/v1/entries/00000000-0000-4000-8000-000000000000')],
      [400, call('GET', `/v1/countries/${country}/timeline?limit=0`)],
      [400, call('GET', '/v1/countries/XX/timeline')],
      [
        409,
        call('POST', `/v1/incentive-offers/${offerId}/withdraw`, {
          body: { occurredAt: '2026-02-21T09:00:00Z', note: 'n' },
        }),
      ],
      [
        412,
        call('POST', `/v1/incentive-offers/${offerId}/withdraw`, {
          body: { occurredAt: '2026-02-21T09:00:00Z', note: 'n' },
          headers: { 'if-match': '"1"' },
        }),
      ],
      [
        400,
        call('POST', `/v1/incentive-offers/${offerId}/withdraw`, {
          body: {},
          headers: { 'if-match': 'nonsense' },
        }),
      ],
      [
        415,
        call('POST', `/v1/countries/${country}/meetings`, {
          raw: 'x',
          headers: { 'content-type': 'text/plain' },
        }),
      ],
      [
        422,
        call('POST', `/v1/countries/${country}/meetings`, {
          body: meetingBody({ occurredAt: '2999-01-01T00:00:00Z' }),
        }),
      ],
      [
        422,
        call('POST', `/v1/countries/${country}/incentive-offers`, {
          body: incentiveOfferBody({ description: 'Another offer.' }),
          headers: key,
        }),
      ],
    ];
    for (const [status, answer] of problems) {
      const { status: got, body } = await answer;
      expect({ expected: status, got, body }).toMatchObject({ expected: status, got: status });
    }
    const statuses = new Set(checked.map((c) => Number(c.split(' ')[1])));
    for (const status of [200, 201, 400, 401, 403, 404, 409, 412, 415, 422])
      expect(statuses.has(status)).toBe(true);
  });

  it('serves /docs: an HTML page whose every asset comes from this origin', async () => {
    const page = await apps.api.inject({
      method: 'GET',
      url: '/docs',
      headers: { authorization: undefined },
    });
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(page.body).not.toMatch(/<script>[^<]/);
    const assets = [...page.body.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(asset, 'http://localhost/docs').pathname;
      const response = await apps.api.inject({ method: 'GET', url, headers: { authorization: undefined } });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
    }
    const init = await apps.api.inject({
      method: 'GET',
      url: '/docs/swagger-ui-init.js',
      headers: { authorization: undefined },
    });
    expect(init.body).toMatch(/"openapi": ?"3\.1\.0"/);
  });

  it("renders /docs in headless Chromium under the API's CSP, with no refusal and no CDN", async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`needs Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    await apps.api.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(apps.api.getHttpServer().address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const elsewhere: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
          elsewhere.push(request.url());
      });
      await page.goto(`${base}/docs`);
      // Swagger UI draws one block per operation once it has read the document.
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      const drawn = await page.locator('.opblock').count();
      expect(drawn).toBeGreaterThanOrEqual(Object.keys(document.paths).length);
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
