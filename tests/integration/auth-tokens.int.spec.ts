import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { type JWTPayload, SignJWT } from 'jose';
import { loadConfig } from '#config';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { type RunningApps, startApps } from '../support/apps.js';
import {
  as,
  officer,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_KEY_ID,
  TEST_PRIVATE_KEY,
  TEST_PUBLIC_JWK,
  token,
} from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';

const ALICE = officer('alice', ['SY'], 'confidential');
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with exactly these claims and header, signed by `key` (this file's test key unless said). */
function signed(
  payload: JWTPayload,
  header: Record<string, unknown> = {},
  key: KeyObject | Uint8Array = TEST_PRIVATE_KEY,
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: TEST_KEY_ID, ...header }).sign(key);
}

/** Every claim a desk officer's token needs, valid; tests leave one out or change it. */
function goodClaims(): JWTPayload {
  return {
    sub: 'alice',
    role: 'desk_officer',
    countries: ['SY'],
    clearance: 'confidential',
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now(),
    exp: now() + 600,
  };
}

function without(claim: string): JWTPayload {
  const claims = goodClaims();
  delete claims[claim];
  return claims;
}

/** The raw bytes an attacker could take for the public key: the configured JWK, its `x`, its PEM. */
const publicJwk = JSON.parse(TEST_PUBLIC_JWK) as { x: string };

async function tampered(): Promise<string> {
  const [header, , signature] = (await token(ALICE)).split('.');
  // The same signature over another payload: Alice made admin of every country.
  return `${header}.${b64({ ...goodClaims(), role: 'admin', countries: '*', clearance: 'secret' })}.${signature}`;
}

const OTHER_KEY = generateKeyPairSync('ed25519').privateKey;

/** Each way a request can fail to authenticate, as the Authorization header it sends (null: none). */
const REFUSED: ReadonlyArray<[string, () => Promise<string | null>, string]> = [
  ['an expired token', async () => `Bearer ${await signed({ ...goodClaims(), exp: now() - 60 })}`, 'EXPIRED'],
  [
    'a token not valid yet',
    async () => `Bearer ${await signed({ ...goodClaims(), nbf: now() + 600 })}`,
    'NOT_YET_VALID',
  ],
  [
    'a token of another issuer',
    async () => `Bearer ${await signed({ ...goodClaims(), iss: 'https://evil.example' })}`,
    'WRONG_ISSUER',
  ],
  [
    'a token for another audience',
    async () => `Bearer ${await signed({ ...goodClaims(), aud: 'another-service' })}`,
    'WRONG_AUDIENCE',
  ],
  [
    'an unsigned token (alg: none)',
    async () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(goodClaims())}.`,
    'ALGORITHM_NOT_ALLOWED',
  ],
  [
    'an HS256 token keyed with the configured public JWK',
    async () =>
      `Bearer ${await signed(goodClaims(), { alg: 'HS256' }, new TextEncoder().encode(TEST_PUBLIC_JWK))}`,
    'ALGORITHM_NOT_ALLOWED',
  ],
  [
    "an HS256 token keyed with the public key's raw bytes",
    async () =>
      `Bearer ${await signed(goodClaims(), { alg: 'HS256' }, Buffer.from(publicJwk.x, 'base64url'))}`,
    'ALGORITHM_NOT_ALLOWED',
  ],
  [
    'a token naming an unknown kid',
    async () => `Bearer ${await signed(goodClaims(), { kid: 'someone-elses-key' })}`,
    'UNKNOWN_KEY',
  ],
  [
    'a token signed by a key not configured (under the right kid)',
    async () => `Bearer ${await signed(goodClaims(), {}, OTHER_KEY)}`,
    'BAD_SIGNATURE',
  ],
  ['a tampered payload', async () => `Bearer ${await tampered()}`, 'BAD_SIGNATURE'],
  ['a token without sub', async () => `Bearer ${await signed(without('sub'))}`, 'BAD_CLAIMS'],
  ['a token without role', async () => `Bearer ${await signed(without('role'))}`, 'BAD_CLAIMS'],
  ['a token without clearance', async () => `Bearer ${await signed(without('clearance'))}`, 'BAD_CLAIMS'],
  [
    "a desk officer's token without countries",
    async () => `Bearer ${await signed(without('countries'))}`,
    'BAD_CLAIMS',
  ],
  ['a token without exp', async () => `Bearer ${await signed(without('exp'))}`, 'BAD_CLAIMS'],
  [
    'a token with a role that does not exist',
    async () => `Bearer ${await signed({ ...goodClaims(), role: 'root' })}`,
    'BAD_CLAIMS',
  ],
  [
    "a token naming the service's own system role",
    async () => `Bearer ${await signed({ ...goodClaims(), role: 'system' })}`,
    'BAD_CLAIMS',
  ],
  [
    'a token with a clearance that does not exist',
    async () => `Bearer ${await signed({ ...goodClaims(), clearance: 'top-secret' })}`,
    'BAD_CLAIMS',
  ],
  [
    "a desk officer's token for every country ('*')",
    async () => `Bearer ${await signed({ ...goodClaims(), countries: '*' })}`,
    'BAD_CLAIMS',
  ],
  ['no Authorization header', async () => null, 'MISSING_TOKEN'],
  [
    'the Basic scheme',
    async () => `Basic ${Buffer.from('alice:secret').toString('base64')}`,
    'MALFORMED_TOKEN',
  ],
  ['a bearer that is no JWT', async () => 'Bearer not-a-jwt', 'MALFORMED_TOKEN'],
];

describe('bearer tokens', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('auth-tokens') }), {
      pipeline: false,
    });
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  /** Rows of every table a command writes. */
  const written = async () => ({
    events: await db.count('SELECT count(*) AS n FROM events'),
    outbox: await db.count('SELECT count(*) AS n FROM outbox'),
    idempotencyKeys: await db.count('SELECT count(*) AS n FROM idempotency_keys'),
  });

  const record = (authorization: string | null, extra: Record<string, string> = {}) =>
    apps.api.inject({
      method: 'POST',
      url: '/v1/countries/SY/meetings',
      payload: JSON.stringify(meetingBody()),
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `key-${Math.random().toString(36).slice(2)}`,
        // signInjectedRequests sends no Authorization header at all for a null one.
        authorization: authorization as string,
        ...extra,
      },
    });

  it.each(REFUSED)(
    'refuses %s with 401 problem+json and a Bearer challenge, writing nothing',
    async (_what, header, code) => {
      const before = await written();
      const response = await record(await header());
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="demarche"/);
      expect(response.json()).toMatchObject({ status: 401, code });
      // Nothing of the token comes back.
      const sent = (await header())?.split(' ')[1];
      if (sent && sent.length > 20) expect(response.body).not.toContain(sent.slice(-20));
      expect(await written()).toEqual(before);
    },
  );

  it('challenges a request without a token with the bare scheme and a bad token with invalid_token', async () => {
    expect((await record(null)).headers['www-authenticate']).toBe('Bearer realm="demarche"');
    const expired = await record(`Bearer ${await signed({ ...goodClaims(), exp: now() - 60 })}`);
    expect(expired.headers['www-authenticate']).toMatch(/^Bearer realm="demarche", error="invalid_token"/);
  });

  it('records with a good token (201), idempotency key and all', async () => {
    const before = await written();
    const response = await record(`Bearer ${await signed(goodClaims())}`);
    expect(response.statusCode).toBe(201);
    expect(await written()).toEqual({
      events: before.events + 1,
      outbox: before.outbox + 1,
      idempotencyKeys: before.idempotencyKeys + 1,
    });
  });

  it("records the token's subject, whatever an X-Officer header claims", async () => {
    const response = await record((await as(ALICE)).authorization, { 'x-officer': 'mallory' });
    expect(response.statusCode).toBe(201);
    const { rows } = await db.pool.query<{ recorded_by: string }>(
      'SELECT recorded_by FROM events WHERE event_id = $1',
      [response.json().eventId],
    );
    expect(rows).toEqual([{ recorded_by: 'alice' }]);
    expect(await db.count("SELECT count(*) AS n FROM events WHERE recorded_by = 'mallory'")).toBe(0);
  });
});

/** A stand-in identity provider: serves whatever key set it is given, and counts how often it is asked. */
class KeySetServer {
  keys: object[] = [];
  fetches = 0;
  status = 200;
  private readonly server: Server = createServer((_request, response) => {
    this.fetches += 1;
    response.writeHead(this.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function keyPair(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' } };
}

describe('keys from a JWKS URL (an OIDC provider)', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  const provider = new KeySetServer();
  const first = keyPair('provider-key-1');
  const rotated = keyPair('provider-key-2');

  beforeAll(async () => {
    db = await createTestDatabase();
    provider.keys = [first.jwk];
    const url = await provider.start();
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('auth-jwks'),
        // No configured key: the provider's key set only.
        extra: { AUTH_JWKS_URL: url, AUTH_PUBLIC_KEY: '' },
      }),
      { pipeline: false },
    );
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await apps?.close();
    await provider.close();
    await db?.drop();
  });

  const read = async (bearer: string) =>
    apps.api.inject({
      method: 'GET',
      url: '/v1/countries/SY/timeline',
      headers: { authorization: `Bearer ${bearer}` },
    });

  it('accepts a token signed by a key of the set, fetching the set once and caching it', async () => {
    const token1 = await signed(goodClaims(), { kid: first.kid }, first.privateKey);
    expect((await read(token1)).statusCode).toBe(200);
    expect((await read(token1)).statusCode).toBe(200);
    expect(provider.fetches).toBe(1);
    // This file's own key is not one of the provider's.
    expect((await read(await signed(goodClaims()))).statusCode).toBe(401);
  });

  it('accepts a token of a key rotated in after the first fetch, fetching the set again for its new kid', async () => {
    provider.keys = [first.jwk, rotated.jwk];
    const fetchesBefore = provider.fetches;
    // jose fetches again for an unknown kid at most once per 30 s cooldown (so a flood of made-up kids cannot
    // hammer the provider): move the clock the cooldown reads past it rather than wait.
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
    const response = await read(await signed(goodClaims(), { kid: rotated.kid }, rotated.privateKey));
    jest.restoreAllMocks();
    expect(response.statusCode).toBe(200);
    expect(provider.fetches).toBe(fetchesBefore + 1);
    // The first key still works, from the refreshed cache.
    expect((await read(await signed(goodClaims(), { kid: first.kid }, first.privateKey))).statusCode).toBe(
      200,
    );
    expect(provider.fetches).toBe(fetchesBefore + 1);
  });

  it('refuses a kid the provider does not publish, even after fetching again', async () => {
    const stranger = keyPair('not-published');
    const fetchesBefore = provider.fetches;
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 62_000);
    const response = await read(await signed(goodClaims(), { kid: stranger.kid }, stranger.privateKey));
    jest.restoreAllMocks();
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNKNOWN_KEY' });
    expect(provider.fetches).toBe(fetchesBefore + 1);
  });
});

describe('a key set that cannot be fetched', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  const provider = new KeySetServer();

  beforeAll(async () => {
    db = await createTestDatabase();
    // A provider that was there and is gone: its port answers nothing now.
    const url = await provider.start();
    await provider.close();
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('auth-jwks-down'),
        extra: { AUTH_JWKS_URL: url, AUTH_PUBLIC_KEY: '' },
      }),
      { pipeline: false },
    );
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('is a 503 with Retry-After, not a 401: the token may be good', async () => {
    const { kid, privateKey } = keyPair('provider-key');
    const response = await apps.api.inject({
      method: 'GET',
      url: '/v1/countries/SY/timeline',
      headers: { authorization: `Bearer ${await signed(goodClaims(), { kid }, privateKey)}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json()).toMatchObject({ status: 503, code: 'KEY_SET_UNAVAILABLE' });
  });
});

describe('a production configuration', () => {
  const devKey = JSON.stringify({ ...JSON.parse(TEST_PUBLIC_JWK), kid: 'demarche-dev-0000' });
  const env = (extra: Record<string, string>) =>
    testEnv({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/demarche_test_not_used',
      topicPrefix: uniqueName('auth-production'),
      extra: { NODE_ENV: 'production', ...extra },
    });

  it('refuses to start with the development key', async () => {
    await expect(
      createApiApp(loadConfig(env({ AUTH_PUBLIC_KEY: devKey })), { logger: false }),
    ).rejects.toThrow(/NODE_ENV=production refuses the development signing key/);
  });

  it('refuses to start with the development issuer', async () => {
    await expect(
      createApiApp(loadConfig(env({ AUTH_ISSUER: 'demarche-dev' })), { logger: false }),
    ).rejects.toThrow(/NODE_ENV=production refuses the development signing key/);
  });

  it("starts with a provider's key and issuer", async () => {
    const app = await createApiApp(loadConfig(env({})), { logger: false });
    await app.close();
  });
});
