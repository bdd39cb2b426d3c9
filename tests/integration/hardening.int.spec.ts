import fs from 'node:fs';
import { jest } from '@jest/globals';
import { ConsoleLogger, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { ADMIN, as, type Identity, LEADERSHIP, officer } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';

/** Request headers; a null authorization makes signInjectedRequests send none. */
type Headers = Record<string, string | null>;

const SERVICE: Identity = { sub: 'downstream.service', role: 'service', countries: '*', clearance: 'secret' };
const ALICE = officer('alice', ['SY'], 'secret');
const BOB = officer('bob', ['SY'], 'secret');
/** What no error body may carry: a stack frame, SQL, a table of the store, a module path. */
const INTERNALS =
  /\bat \S+ \(|\.ts:\d+|\.js:\d+|node_modules|SELECT |INSERT |country_timeline|relation "|pg_/;

function metric(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('hardening', () => {
  let db: TestDatabase;
  const started: RunningApps[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(started.map((apps) => apps.close()));
    await db?.drop();
  });

  /** An API on the shared test database, with these settings on top of the test defaults. */
  async function api(extra: Record<string, string> = {}): Promise<NestFastifyApplication> {
    const apps = await startApps(
      testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('hardening'), extra }),
      { pipeline: false },
    );
    started.push(apps);
    return apps.api;
  }

  const get = async (app: NestFastifyApplication, url: string, headers: Headers = {}) =>
    app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

  // First: Nest's Logger keeps its levels process-wide, and the apps below start with only error and fatal
  // (logger: false), which would silence this app's warnings in this test process.
  describe('logs of refused requests', () => {
    it('name the subject and route, never the body or the token', async () => {
      const app = await createApiApp(
        testConfig({
          databaseUrl: db.url,
          topicPrefix: uniqueName('hardening-logs'),
          extra: { LOG_LEVEL: 'warn' },
        }),
        { logger: true },
      );
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      // pino writes each line synchronously to fd 1 (synchronousStdout): catch those writes.
      const lines: string[] = [];
      const write = fs.writeSync;
      const spy = jest.spyOn(fs, 'writeSync').mockImplementation(((
        fd: number,
        data: unknown,
        ...rest: unknown[]
      ) => {
        if (fd === 1 && typeof data === 'string') {
          lines.push(data);
          return data.length;
        }
        return (write as (...args: unknown[]) => number)(fd, data, ...rest);
      }) as typeof fs.writeSync);
      const bearer = (await as(ALICE)).authorization;
      const secretSummary = 'Minister said something that must never reach a log.';
      try {
        const refused = await app.inject({
          method: 'POST',
          url: '/v1/countries/LB/meetings',
          payload: JSON.stringify(meetingBody({ summary: secretSummary })),
          headers: { authorization: bearer, 'content-type': 'application/json' },
        });
        expect(refused.statusCode).toBe(403);
        const unauthenticated = await app.inject({
          method: 'POST',
          url: '/v1/countries/SY/meetings',
          payload: JSON.stringify(meetingBody({ summary: secretSummary })),
          headers: { authorization: `${bearer}x`, 'content-type': 'application/json' },
        });
        expect(unauthenticated.statusCode).toBe(401);
      } finally {
        spy.mockRestore();
        await app.close();
        // Nest's Logger is process-wide: the apps below log through Nest's console logger again, not this one's.
        Logger.overrideLogger(new ConsoleLogger());
      }
      const entries = lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const refusals = entries.filter((e) => e.msg === 'request refused');
      expect(refusals).toEqual([
        expect.objectContaining({
          status: 403,
          route: '/v1/countries/:country/meetings',
          reason: 'country_out_of_scope',
          subject: 'alice',
        }),
        expect.objectContaining({
          status: 401,
          route: '/v1/countries/:country/meetings',
          reason: expect.any(String),
          subject: null,
        }),
      ]);
      const all = lines.join('');
      expect(all).not.toContain(secretSummary);
      expect(all).not.toContain(bearer.slice('Bearer '.length));
    });
  });

  describe('security headers and CORS', () => {
    let closed: NestFastifyApplication;

    beforeAll(async () => {
      closed = await api();
    });

    it.each([
      ['a public answer', '/health/live', {}],
      ['a read', '/v1/countries/SY/timeline', {}],
      ['a 401', '/v1/countries/SY/timeline', { authorization: null }],
      ['a 404', '/v1/nothing-here', {}],
    ])('are set by helmet on %s', async (_what, url, headers) => {
      const response = await get(closed, url, headers);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('allows no origin when CORS_ORIGINS is empty, on requests and preflights alike', async () => {
      const origin = 'https://evil.example';
      const simple = await get(closed, '/v1/countries/SY/timeline', { origin });
      expect(simple.statusCode).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await closed.inject({
        method: 'OPTIONS',
        url: '/v1/countries/SY/meetings',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          authorization: null,
        } as Headers as Record<string, string>,
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    it('allows exactly the configured origins', async () => {
      const open = await api({ CORS_ORIGINS: 'https://desk.example, https://other.example' });
      const allowed = await get(open, '/v1/countries/SY/timeline', { origin: 'https://desk.example' });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example');
      const preflight = await open.inject({
        method: 'OPTIONS',
        url: '/v1/countries/SY/meetings',
        headers: {
          origin: 'https://desk.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
          authorization: null,
        } as Headers as Record<string, string>,
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://desk.example');
      expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
      const refused = await get(open, '/v1/countries/SY/timeline', { origin: 'https://evil.example' });
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('rate limits', () => {
    it('answers 429 problem+json with Retry-After once a subject is over its limit; another subject goes on', async () => {
      const limited = await api({ RATE_LIMIT_PER_SUBJECT: '5' });
      const alice = await as(ALICE);
      for (let i = 0; i < 5; i += 1) {
        expect((await get(limited, '/v1/countries/SY/timeline', alice)).statusCode).toBe(200);
      }
      const refused = await get(limited, '/v1/countries/SY/timeline', alice);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toEqual({
        type: 'urn:demarche:problem:rate-limited',
        title: 'Too Many Requests',
        status: 429,
        code: 'RATE_LIMITED',
        detail: expect.stringMatching(/^More than 5 requests a minute for this caller; retry in/),
        instance: '/v1/countries/SY/timeline',
      });
      // The same subject from another address is the same caller; another subject from the same one is not.
      expect(
        (
          await limited.inject({
            method: 'GET',
            url: '/v1/countries/SY/timeline',
            headers: alice,
            remoteAddress: '10.0.0.9',
          })
        ).statusCode,
      ).toBe(429);
      expect((await get(limited, '/v1/countries/SY/timeline', await as(BOB))).statusCode).toBe(200);
      // A refused write writes nothing.
      const events = await db.count('SELECT count(*) AS n FROM events');
      const write = await limited.inject({
        method: 'POST',
        url: '/v1/countries/SY/meetings',
        payload: JSON.stringify(meetingBody()),
        headers: { ...alice, 'content-type': 'application/json' },
      });
      expect(write.statusCode).toBe(429);
      expect(await db.count('SELECT count(*) AS n FROM events')).toBe(events);
    });

    it('limits each client address, signed in or not, and leaves other addresses alone', async () => {
      const limited = await api({ RATE_LIMIT_PER_IP: '5' });
      const from = (remoteAddress: string, headers: Headers) =>
        limited.inject({
          method: 'GET',
          url: '/v1/countries/SY/timeline',
          headers: headers as Record<string, string>,
          remoteAddress,
        });
      // Five callers, one address: unauthenticated requests count too (they are refused 401, but counted).
      expect((await from('10.1.1.1', await as(ALICE))).statusCode).toBe(200);
      expect((await from('10.1.1.1', await as(BOB))).statusCode).toBe(200);
      expect((await from('10.1.1.1', { authorization: null })).statusCode).toBe(401);
      expect((await from('10.1.1.1', { authorization: 'Bearer x.y.z' })).statusCode).toBe(401);
      expect((await from('10.1.1.1', await as(ADMIN))).statusCode).toBe(200);
      const refused = await from('10.1.1.1', await as(officer('carol', ['SY'])));
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        status: 429,
        code: 'RATE_LIMITED',
        detail: expect.stringMatching(/from this address/),
      });
      // Refused before the token is even looked at: no token gets a 429 too, not a 401.
      expect((await from('10.1.1.1', { authorization: null })).statusCode).toBe(429);
      expect((await from('10.2.2.2', await as(ALICE))).statusCode).toBe(200);
    });
  });

  describe('/metrics', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      app = await api();
    });

    it.each([
      ['no token', 401, { authorization: null }],
      ['a desk officer', 403, 'desk'],
      ['leadership', 403, LEADERSHIP],
      ['an admin', 200, ADMIN],
      ['a service', 200, SERVICE],
    ] as const)('answers %s with %i', async (_who, status, who) => {
      const headers =
        who === 'desk'
          ? await as(ALICE)
          : 'role' in who
            ? await as(who as Identity)
            : { authorization: null };
      const response = await get(app, '/metrics', headers);
      expect(response.statusCode).toBe(status);
      if (status !== 200) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).not.toContain('demarche_');
      }
    });

    it('counts refused requests by route, status and reason', async () => {
      await get(app, '/v1/countries/SY/timeline', { authorization: null });
      await get(app, '/v1/countries/SY/timeline', { authorization: 'Bearer a.b.c' });
      await get(app, '/v1/countries/LB/timeline', await as(ALICE));
      await get(app, '/v1/vendors', await as(ALICE));
      const text = (await get(app, '/metrics', await as(ADMIN))).body;
      const refused = 'demarche_http_refused_requests_total';
      expect(
        metric(text, refused, 'route="/v1/countries/:country/timeline",status="401",reason="missing_token"'),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metric(
          text,
          refused,
          'route="/v1/countries/:country/timeline",status="401",reason="malformed_token"',
        ),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metric(
          text,
          refused,
          'route="/v1/countries/:country/timeline",status="403",reason="country_out_of_scope"',
        ),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metric(text, refused, 'route="/metrics",status="403",reason="role_not_allowed"'),
      ).toBeGreaterThanOrEqual(1);
    });
  });

  describe('error bodies', () => {
    it('carry no stack trace, SQL or table name, whatever failed', async () => {
      const app = await api();
      const answers = [
        await get(app, '/v1/countries/SY/timeline', { authorization: null }),
        await get(app, '/v1/countries/LB/timeline', await as(ALICE)),
        await get(app, '/v1/countries/SY/timeline?cursor=%00%27'),
        await get(app, '/v1/nothing-here'),
        await app.inject({
          method: 'POST',
          url: '/v1/countries/SY/meetings',
          payload: '{"occurredAt": ',
          headers: { 'content-type': 'application/json' },
        }),
      ];
      // A failure inside the store: the read model's table is gone for a moment.
      await db.pool.query('ALTER TABLE country_timeline RENAME TO country_timeline_away');
      try {
        answers.push(await get(app, '/v1/countries/SY/timeline'));
      } finally {
        await db.pool.query('ALTER TABLE country_timeline_away RENAME TO country_timeline');
      }
      expect(answers.map((a) => a.statusCode)).toEqual([401, 403, 400, 404, 400, 500]);
      for (const answer of answers) {
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.body).not.toMatch(INTERNALS);
      }
    });
  });
});
