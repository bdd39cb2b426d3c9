import { generateKeyPairSync } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import countries from 'i18n-iso-countries';
import { type JWTPayload, SignJWT } from 'jose';
import type { Classification, Role } from '#domain';

/**
 * The signing key of this test file's identity provider: generated per test file (jest loads this module once per
 * file), its public half handed to the apps under test as AUTH_PUBLIC_KEY (testEnv does that), its private half
 * signing the tokens tests send. No key is shared with `npm start`'s development key.
 */
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
export const TEST_KEY_ID = 'test-signing-key';
export const TEST_ISSUER = 'demarche-test-issuer';
export const TEST_AUDIENCE = 'demarche';
export const TEST_PUBLIC_JWK = JSON.stringify({
  ...publicKey.export({ format: 'jwk' }),
  kid: TEST_KEY_ID,
  alg: 'EdDSA',
  use: 'sig',
});
export const TEST_PRIVATE_KEY = privateKey;

/** The environment an API under test needs to verify this file's tokens. */
export function authEnv(): Record<string, string> {
  return { AUTH_PUBLIC_KEY: TEST_PUBLIC_JWK, AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE };
}

/** Every assigned ISO 3166-1 alpha-2 code: a desk officer token scoped to all of them, for tests about other things. */
export const EVERY_COUNTRY = Object.keys(countries.getAlpha2Codes());

export interface Identity {
  readonly sub: string;
  readonly role: Role;
  readonly countries?: readonly string[] | '*';
  readonly clearance: Classification;
}

/** A signed token for the identity; `claims` and `header` override or add anything (for tests of bad tokens). */
export async function token(
  identity: Identity,
  options: { claims?: JWTPayload; expiresIn?: string | number; header?: Record<string, unknown> } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? '1h';
  // Claims given last, so a test can replace any of them (iss, aud, exp, sub…) or remove one (undefined).
  const payload: JWTPayload = {
    sub: identity.sub,
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now,
    role: identity.role,
    clearance: identity.clearance,
    ...(identity.countries === undefined ? {} : { countries: identity.countries }),
    ...options.claims,
  };
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: TEST_KEY_ID, ...options.header });
  if (!(options.claims && 'exp' in options.claims)) jwt.setExpirationTime(expiresIn);
  return jwt.sign(TEST_PRIVATE_KEY);
}

/** Headers carrying a bearer token for the identity. */
export async function as(identity: Identity): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await token(identity)}` };
}

/** A desk officer (secret clearance unless said) for the given countries, every country by default. */
export function officer(
  sub = 'test.officer',
  scope: readonly string[] = EVERY_COUNTRY,
  clearance: Classification = 'secret',
): Identity {
  return { sub, role: 'desk_officer', countries: scope, clearance };
}

export const ADMIN: Identity = { sub: 'test.admin', role: 'admin', clearance: 'secret' };
export const LEADERSHIP: Identity = { sub: 'test.leadership', role: 'leadership', clearance: 'secret' };

/**
 * Who a test request is sent as when it names nobody: the vendor registry, /metrics and the audit as an admin, everything
 * else as a desk officer for every country with secret clearance. Tests of access send their own tokens.
 */
export function defaultIdentity(method: string, url: string): Identity {
  if (url.startsWith('/metrics') || url.startsWith('/v1/audit')) return ADMIN;
  if (method === 'POST' && url.startsWith('/v1/vendors')) return ADMIN;
  return officer();
}

const cache = new Map<string, Promise<string>>();

/** A default token per identity, minted once per test file and reused (they last an hour). */
function defaultToken(identity: Identity): Promise<string> {
  const key = identity.sub;
  let minted = cache.get(key);
  if (!minted) {
    minted = token(identity, { expiresIn: '2h' });
    cache.set(key, minted);
  }
  return minted;
}

type InjectOptions = { method?: string; url?: string; headers?: Record<string, unknown> };

/**
 * Makes `api.inject({...})` send the default identity's token unless the request carries an Authorization header
 * of its own (`authorization: undefined` sends none): the tests written before sign-in keep testing what they test,
 * through the same authentication every caller goes through.
 */
export function signInjectedRequests(api: NestFastifyApplication): NestFastifyApplication {
  // Fastify's own inject: Nest's wrapper exits the process on a synchronous throw instead of rejecting.
  const fastify = api.getHttpAdapter().getInstance();
  const inject = fastify.inject.bind(fastify) as (options: unknown) => unknown;
  const signed = (options?: unknown) => {
    if (options === undefined || typeof options !== 'object' || options === null) return inject(options);
    const request = options as InjectOptions;
    const headers = { ...(request.headers ?? {}) };
    if ('authorization' in headers) {
      if (headers.authorization === null || headers.authorization === undefined) delete headers.authorization;
      return inject({ ...request, headers });
    }
    const identity = defaultIdentity(
      String(request.method ?? 'GET').toUpperCase(),
      String(request.url ?? '/'),
    );
    return defaultToken(identity).then((bearer) =>
      inject({ ...request, headers: { ...headers, authorization: `Bearer ${bearer}` } }),
    );
  };
  // Nest's application object is itself a proxy that refuses new properties: wrap it instead.
  return new Proxy(api, {
    get(target, property) {
      if (property === 'inject') return signed;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
