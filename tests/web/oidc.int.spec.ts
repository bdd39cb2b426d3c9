import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { ConfigError, loadConfig } from '#config';
import { TEST_AUDIENCE } from '../support/auth.js';
import { axeViolations, scrollsSideways, shoot, startWebApp, type WebApp } from '../support/browser.js';
import { meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * Sign-in through an OpenID Connect provider: a real one (panva's oidc-provider) runs in this process on a free
 * loopback port, with a public client for the web app (PKCE required, redirect URI <app>/auth/callback), the API as a
 * resource server (RFC 8707) for which it issues RS256-signed JWT access tokens carrying role, countries and
 * clearance, and its built-in development login and consent pages. The API is configured with the provider's
 * issuer and key set only (no test key, no development key): what it accepts, the provider signed. In Chromium:
 * the sign-in page's provider button, the provider's login and consent, back in the app as the provider's account.
 * All accounts synthetic.
 */

const CLIENT_ID = 'demarche-web';
const RESOURCE = 'urn:demarche:api';
const PROVIDER_NAME = 'Ministry ID (test)';

interface Account {
  readonly name: string;
  /** The claims of this API on the account's access tokens; none: an account the provider keeps no role for. */
  readonly api?: {
    readonly role: string;
    readonly countries?: readonly string[];
    readonly clearance: string;
  };
}

const ACCOUNTS: Record<string, Account> = {
  'officer.sy': {
    name: 'S. Officer',
    api: { role: 'desk_officer', countries: ['SY'], clearance: 'confidential' },
  },
  visitor: { name: 'V. Isitor' },
};

// oidc-provider ships no type declarations: the little of it used here, typed by hand.
interface ProviderModule {
  default: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => { callback(): Server['listeners'] };
  errors: { InvalidTarget: new (description?: string) => Error };
}

/** A listening server whose handler is set later: the issuer (its URL) must be known before the provider exists. */
async function listeningServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The provider at `issuer`, for the web app at `app`: the configuration a real deployment needs, minus its UI. */
async function oidcProvider(issuer: string, app: string) {
  const name = 'oidc-provider';
  const { default: Provider, errors } = (await import(name)) as ProviderModule;
  const signingKey = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'test-provider-key',
    alg: 'RS256',
    use: 'sig',
  };
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        // A public client: a browser app keeps no secret; PKCE proves the code is ours.
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${app}/auth/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name'] },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
    },
    async findAccount(_ctx: unknown, id: string) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: account.name }) };
    },
    // The API's claims, on the access tokens for it.
    async extraTokenClaims(_ctx: unknown, token: { accountId?: string }) {
      const api = token.accountId ? ACCOUNTS[token.accountId]?.api : undefined;
      if (!api) return undefined;
      const { role, countries, clearance } = api;
      return { role, clearance, ...(countries ? { countries } : {}) };
    },
    // CORS for the public client's own origin only (the token endpoint is called from the web app).
    clientBasedCORS(_ctx: unknown, origin: string, client: { redirectUris: string[] }) {
      return client.redirectUris.some((uri) => new URL(uri).origin === origin);
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        async getResourceServerInfo(_ctx: unknown, indicator: string) {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'records',
            audience: TEST_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  });
}

describe('OIDC settings', () => {
  const base = {
    AUTH_OIDC_ISSUER_URL: 'https://id.example.org/realms/ministry',
    AUTH_OIDC_CLIENT_ID: 'demarche-web',
    AUTH_JWKS_URL: 'https://id.example.org/realms/ministry/protocol/openid-connect/certs',
  };

  function refusal(env: Record<string, string>): string {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('the configuration was accepted');
  }

  it('takes the API token issuer from the provider, and tells the web app what to ask for', () => {
    const config = loadConfig({ ...base, AUTH_OIDC_RESOURCE: RESOURCE });
    expect(config.auth.issuer).toBe(base.AUTH_OIDC_ISSUER_URL);
    expect(config.auth.oidc).toEqual({
      name: 'id.example.org',
      issuer: base.AUTH_OIDC_ISSUER_URL,
      clientId: 'demarche-web',
      scopes: 'openid profile',
      resource: RESOURCE,
    });
    expect(loadConfig({ ...base, AUTH_ISSUER: base.AUTH_OIDC_ISSUER_URL }).auth.issuer).toBe(
      base.AUTH_OIDC_ISSUER_URL,
    );
    expect(loadConfig({}).auth.oidc).toBeUndefined();
  });

  it('refuses inconsistent settings, naming each', () => {
    expect(refusal({ ...base, AUTH_ISSUER: 'https://elsewhere.example.org' })).toContain(
      `AUTH_ISSUER: must be the OIDC provider's issuer "${base.AUTH_OIDC_ISSUER_URL}"`,
    );
    expect(refusal({ ...base, AUTH_JWKS_URL: '' })).toContain(
      'AUTH_JWKS_URL: required with AUTH_OIDC_ISSUER_URL',
    );
    expect(refusal({ ...base, AUTH_PUBLIC_KEY: '{"kty":"OKP"}' })).toContain(
      'AUTH_PUBLIC_KEY: not with AUTH_OIDC_ISSUER_URL',
    );
    expect(refusal({ ...base, AUTH_DEV_SIGNING_KEY: '{"d":"x"}' })).toContain(
      'AUTH_DEV_SIGNING_KEY: not with AUTH_OIDC_ISSUER_URL',
    );
    expect(refusal({ ...base, AUTH_OIDC_CLIENT_ID: '' })).toContain(
      'AUTH_OIDC_CLIENT_ID: required with AUTH_OIDC_ISSUER_URL',
    );
    expect(refusal({ AUTH_OIDC_CLIENT_ID: 'demarche-web' })).toContain(
      'AUTH_OIDC_ISSUER_URL: required with AUTH_OIDC_CLIENT_ID',
    );
    expect(refusal({ ...base, AUTH_OIDC_ISSUER_URL: 'http://id.example.org' })).toContain(
      'AUTH_OIDC_ISSUER_URL: must be',
    );
    expect(refusal({ ...base, AUTH_OIDC_SCOPES: 'profile email' })).toContain(
      'AUTH_OIDC_SCOPES: must include openid',
    );
    expect(refusal({ AUTH_OIDC_RESOURCE: RESOURCE })).toContain(
      'AUTH_OIDC_RESOURCE: only with AUTH_OIDC_ISSUER_URL',
    );
  });
});

describe('sign-in through an OIDC provider, in a browser', () => {
  let app: WebApp;
  let provider: { server: Server; origin: string };
  let page: Page;

  beforeAll(async () => {
    provider = await listeningServer();
    const issuer = provider.origin;
    app = await startWebApp('oidc', {
      // The provider's issuer and key set only: neither this file's test key nor demo sign-in.
      AUTH_PUBLIC_KEY: '',
      AUTH_DEV_SIGNING_KEY: '',
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_OIDC_ISSUER_URL: issuer,
      AUTH_OIDC_CLIENT_ID: CLIENT_ID,
      AUTH_OIDC_RESOURCE: RESOURCE,
      AUTH_OIDC_PROVIDER_NAME: PROVIDER_NAME,
    });
    provider.server.on('request', (await oidcProvider(issuer, app.base)).callback());
    page = await watched(await app.newPage());
  });

  afterAll(async () => {
    await app?.close();
    provider?.server.closeAllConnections();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  /**
   * Console errors and uncaught exceptions while the page shows the app (a CSP refusal shows up here): not those of
   * the provider's development pages, which load their styles from elsewhere.
   */
  const appErrors: string[] = [];
  async function watched(opened: Page): Promise<Page> {
    const record = (text: string) => {
      if (new URL(opened.url()).origin === app.base) appErrors.push(`${opened.url()}: ${text}`);
    };
    opened.on('console', (message) => {
      if (message.type() === 'error') record(`${message.text()} ${message.location().url}`);
    });
    opened.on('pageerror', (error) => record(error.message));
    return opened;
  }

  /** From the sign-in page, through the provider's login and consent, back to the app's callback page. */
  async function signInAtProvider(on: Page, account: string): Promise<void> {
    await on.locator('button[data-sign-in="oidc"]').click();
    await on.waitForURL((url) => url.origin === provider.origin);
    await on.locator('input[name="login"]').fill(account);
    await on.locator('input[name="password"]').fill('any password');
    await on.getByRole('button', { name: 'Sign-in' }).click();
    await on.getByRole('button', { name: 'Continue' }).click();
    await on.waitForURL((url) => url.origin === app.base);
  }

  it('offers the provider, and only it, with the CSP letting the app reach it', async () => {
    const options = await fetch(`${app.base}/auth/sign-in-options`);
    expect(await options.json()).toEqual({
      demo: false,
      oidc: {
        name: PROVIDER_NAME,
        issuer: provider.origin,
        clientId: CLIENT_ID,
        scopes: 'openid profile',
        resource: RESOURCE,
      },
    });
    expect((await fetch(`${app.base}/auth/demo-identities`)).status).toBe(404);
    const csp = (await fetch(`${app.base}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${provider.origin}`);
    expect(csp).toContain("default-src 'self'");

    await page.goto(`${app.base}/`);
    await page.waitForURL(`${app.base}/sign-in`);
    const button = page.locator('button[data-sign-in="oidc"]');
    expect(await button.textContent()).toBe(`Sign in with ${PROVIDER_NAME}`);
    expect(await page.locator('button[data-identity]').count()).toBe(0);
    await shoot(page, 'oidc-1-sign-in');
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    expect(appErrors).toEqual([]);
  });

  it('signs in with the authorization code and PKCE, and the API accepts the provider’s access token', async () => {
    const authorize = page.waitForRequest((r) => r.url().startsWith(`${provider.origin}/auth?`));
    const exchange = page.waitForRequest(
      (r) => r.url() === `${provider.origin}/token` && r.method() === 'POST',
    );
    await signInAtProvider(page, 'officer.sy');
    await page.waitForURL(`${app.base}/`);
    const query = new URL((await authorize).url()).searchParams;
    expect(query.get('response_type')).toBe('code');
    expect(query.get('client_id')).toBe(CLIENT_ID);
    expect(query.get('code_challenge_method')).toBe('S256');
    const challenge = query.get('code_challenge');
    expect(challenge).toMatch(/^[\w-]{43}$/);
    expect(query.get('resource')).toBe(RESOURCE);
    expect(query.get('redirect_uri')).toBe(`${app.base}/auth/callback`);
    // The browser exchanged the code itself, proving it holds the verifier of that challenge; no client secret.
    const form = new URLSearchParams((await exchange).postData() ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('resource')).toBe(RESOURCE);
    expect(form.has('client_secret')).toBe(false);
    expect(
      createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url'),
    ).toBe(challenge);

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('subject').textContent()).toBe('officer.sy');
    expect(await page.getByTestId('role').textContent()).toBe('Desk officer');
    expect(await page.getByTestId('countries').textContent()).toBe('Syria');
    expect(await page.getByTestId('clearance').textContent()).toBe('CONFIDENTIAL');
    // The overview answered (the API verified the token with the provider's key set): nothing recorded yet.
    await page.getByText('No country you may read has any entry yet.').waitFor();

    // The session's bearer is the provider's access token for the API, signed by it; kept for the tab only.
    const token = await page.evaluate(() => sessionStorage.getItem('demarche.token'));
    expect(token).not.toBeNull();
    const claims = decodeJwt(token ?? '');
    expect(claims).toMatchObject({
      iss: provider.origin,
      aud: TEST_AUDIENCE,
      sub: 'officer.sy',
      client_id: CLIENT_ID,
      role: 'desk_officer',
      countries: ['SY'],
      clearance: 'confidential',
    });
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    // It records, as the provider's subject, and the overview shows it.
    const answer = await fetch(`${app.base}/v1/countries/SY/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(meetingBody({ location: 'Tartus', classification: 'confidential' })),
    });
    expect(answer.status).toBe(201);
    await awaitProjected(app.db);
    const { rows } = await app.db.pool.query<{ recorded_by: string }>(
      'SELECT recorded_by FROM events ORDER BY global_position DESC LIMIT 1',
    );
    expect(rows[0]?.recorded_by).toBe('officer.sy');
    await page.reload();
    await page.locator('tr[data-country="SY"]').waitFor();
    expect(await page.locator('tr[data-country="SY"]').textContent()).toContain('Tartus');
    await shoot(page, 'oidc-2-signed-in');
    expect(appErrors).toEqual([]);
  });

  it('signs out of the tab, and back in where the reader was going', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.base}/sign-in`);
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('demarche.'))),
    ).toEqual([]);

    await page.goto(`${app.base}/countries/SY`);
    await page.waitForURL(`${app.base}/sign-in`);
    // The provider remembers the account and its consent; the redirect comes straight back.
    await page.locator('button[data-sign-in="oidc"]').click();
    await page.waitForURL(`${app.base}/countries/SY`);
    expect(await page.getByTestId('subject').textContent()).toBe('officer.sy');
    expect(appErrors).toEqual([]);
  });

  it('says why when the reader turns the provider down, and signs no one in', async () => {
    // A new browser context: no session at the provider yet.
    const fresh = await watched(await app.newPage());
    await fresh.goto(`${app.base}/sign-in`);
    await fresh.locator('button[data-sign-in="oidc"]').click();
    await fresh.waitForURL((url) => url.origin === provider.origin);
    await fresh.getByRole('link', { name: '[ Cancel ]' }).click();
    await fresh.waitForURL((url) => url.origin === app.base && url.pathname === '/auth/callback');
    expect(await fresh.getByRole('alert').textContent()).toBe('End-User aborted interaction (access_denied)');
    expect(await fresh.evaluate(() => sessionStorage.getItem('demarche.token'))).toBeNull();
    await shoot(fresh, 'oidc-3-refused');
    expect(await axeViolations(fresh)).toEqual([]);
    await fresh.getByRole('link', { name: 'Back to sign-in' }).click();
    await fresh.locator('button[data-sign-in="oidc"]').waitFor();
    expect(appErrors).toEqual([]);
  });

  it('turns away an access token without this API’s claims, saying what the provider must issue', async () => {
    const fresh = await watched(await app.newPage());
    await fresh.goto(`${app.base}/sign-in`);
    await signInAtProvider(fresh, 'visitor');
    await fresh.getByRole('alert').waitFor();
    expect(new URL(fresh.url()).pathname).toBe('/auth/callback');
    expect(await fresh.getByRole('alert').textContent()).toContain(
      'it must issue signed JWT access tokens for this API, with the role, countries and clearance claims',
    );
    expect(await fresh.evaluate(() => sessionStorage.getItem('demarche.token'))).toBeNull();
    expect(appErrors).toEqual([]);
  });
});

describe('sign-in without an OIDC provider', () => {
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp('oidc-off');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('offers the demo identities only, and the CSP reaches this origin alone', async () => {
    expect(await (await fetch(`${app.base}/auth/sign-in-options`)).json()).toEqual({
      demo: true,
      oidc: null,
    });
    const csp = (await fetch(`${app.base}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('connect-src');
    const page = await app.newPage();
    await page.goto(`${app.base}/sign-in`);
    await page.locator('button[data-identity="leadership"]').waitFor();
    expect(await page.locator('button[data-sign-in="oidc"]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
