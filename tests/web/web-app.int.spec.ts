import { jwtVerify } from 'jose';
import type { Page } from 'playwright-core';
import { loadConfig } from '#config';
import { assertProductionKey } from '../../apps/api/src/auth/token-verifier.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_KEY_ID, TEST_PUBLIC_JWK } from '../support/auth.js';
import { axeViolations, DEV_SIGNING_KEY, shoot, startWebApp, type WebApp } from '../support/browser.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * The web app in Debian's headless Chromium, against the API in this process serving the built app (dist/web):
 * demo sign-in minting tokens with this file's key (AUTH_DEV_SIGNING_KEY, its public half the API's
 * AUTH_PUBLIC_KEY), the countries overview, a country's timeline, and a reader without clearance seeing nothing
 * above it. Every page is checked with axe-core and photographed into test-results/web/. All data synthetic.
 */

// Dated apart, so the timeline's newest-first order is known. Headlines name the location.
const OPEN = { location: 'Latakia', occurredAt: '2026-03-02T09:00:00Z', classification: 'unclassified' };
const HIDDEN = { location: 'Aleppo', occurredAt: '2026-03-09T09:00:00Z', classification: 'confidential' };

describe('the web app in a browser', () => {
  let app: WebApp;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp('web');
    base = app.base;
    for (const meeting of [OPEN, HIDDEN]) {
      await recorded(app.apps.api, '/v1/countries/SY/meetings', meetingBody(meeting));
    }
    await recorded(
      app.apps.api,
      '/v1/countries/IQ/meetings',
      meetingBody({
        location: 'Baghdad',
        occurredAt: '2026-02-20T09:00:00Z',
        classification: 'unclassified',
      }),
    );
    await awaitProjected(app.db);
    page = await app.newPage();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('signs leadership in with a demo token and shows the countries overview', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/sign-in`);
    await page.locator('button[data-identity="leadership"]').waitFor();
    await shoot(page, '1-sign-in');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('button[data-identity="leadership"]').click();
    await page.locator('tr[data-country="SY"]').waitFor();
    expect(await page.getByTestId('subject').textContent()).toBe('demo.leadership');
    expect(await page.getByTestId('role').textContent()).toBe('Leadership');
    expect(await page.getByTestId('countries').textContent()).toBe('All countries');
    expect(await page.getByTestId('clearance').textContent()).toBe('SECRET');
    // The token is kept for the tab only.
    expect(
      await page.evaluate(() => [!!sessionStorage.getItem('demarche.token'), localStorage.length]),
    ).toEqual([true, 0]);
    const syria = page.locator('tr[data-country="SY"]');
    expect(await syria.textContent()).toContain('Envoy meeting in Aleppo');
    expect(await page.locator('tbody tr').count()).toBe(2);
    await shoot(page, '2-countries');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sorts the overview from the keyboard', async () => {
    const header = page.locator('th', { has: page.getByRole('button', { name: /^Country/ }) });
    await page.getByRole('button', { name: /^Country/ }).focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('tbody tr').first().getAttribute('data-country')).toBe('IQ');
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('tbody tr').first().getAttribute('data-country')).toBe('SY');
  });

  it("opens a country's timeline, newest first, with each entry's marking; a reload stays on it", async () => {
    await page.getByRole('link', { name: 'Syria' }).click();
    await page.waitForURL(`${base}/countries/SY`);
    await page.locator('li.entry').first().waitFor();
    const entries = async () =>
      page
        .locator('li.entry')
        .evaluateAll((items) =>
          items.map((item) => [
            item.querySelector('.entry-headline')?.textContent,
            item.querySelector('.mark')?.textContent,
          ]),
        );
    expect(await entries()).toEqual([
      [expect.stringContaining('Envoy meeting in Aleppo'), 'CONFIDENTIAL'],
      [expect.stringContaining('Envoy meeting in Latakia'), 'UNCLASSIFIED'],
    ]);
    await shoot(page, '3-country');
    expect(await axeViolations(page)).toEqual([]);
    // The API answers the app's page for its routes, so a reload (or a shared link) lands here again.
    await page.reload();
    await page.locator('li.entry').first().waitFor();
    expect(await page.locator('li.entry').count()).toBe(2);
  });

  it('shows a reader without clearance no confidential entry on any page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
    expect(await page.evaluate(() => sessionStorage.getItem('demarche.token'))).toBeNull();
    // Signed out on Syria's page, the next person signing in on this tab starts at the overview, not there.
    await page.locator('button[data-identity="reader-unclassified"]').click();
    await page.waitForURL(`${base}/`);
    await page.locator('table.overview').waitFor();
    expect(await page.getByTestId('clearance').textContent()).toBe('UNCLASSIFIED');
    await page.locator('tr[data-country="SY"]').waitFor();
    const overview = (await page.locator('body').textContent()) ?? '';
    expect(overview).toContain('Envoy meeting in Latakia');
    expect(overview).not.toContain('Aleppo');
    await shoot(page, '4-countries-unclassified');

    await page.getByRole('link', { name: 'Syria' }).click();
    await page.locator('li.entry').first().waitFor();
    expect(await page.locator('li.entry').count()).toBe(1);
    const country = (await page.locator('body').textContent()) ?? '';
    expect(country).toContain('Envoy meeting in Latakia');
    expect(country).not.toContain('Aleppo');
    expect(country).not.toContain('CONFIDENTIAL');
    await shoot(page, '5-country-unclassified');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('loads with the API’s security headers and nothing refused by the CSP', async () => {
    const answer = await fetch(`${base}/countries/SY`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(app.pageErrors).toEqual([]);
  });
});

describe('demo sign-in and the web app at the API', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('web-api'),
        extra: { AUTH_DEV_SIGNING_KEY: DEV_SIGNING_KEY },
      }),
      { pipeline: false },
    );
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('mints an 8-hour token for a demo identity with the configured issuer and audience', async () => {
    const answer = await apps.api.inject({
      method: 'POST',
      url: '/auth/demo-token',
      payload: { identity: 'desk-officer-sy' },
      headers: { authorization: undefined },
    });
    expect(answer.statusCode).toBe(200);
    const { token } = answer.json() as { token: string };
    const { createPublicKey } = await import('node:crypto');
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createPublicKey({ key: JSON.parse(TEST_PUBLIC_JWK), format: 'jwk' }),
      {
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
      },
    );
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: TEST_KEY_ID });
    expect(payload).toMatchObject({
      sub: 'demo.desk-officer.sy',
      role: 'desk_officer',
      countries: ['SY'],
      clearance: 'secret',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(8 * 3600);
    const read = await apps.api.inject({
      url: '/v1/countries/SY/timeline',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.statusCode).toBe(200);
  });

  it('refuses an identity it does not offer', async () => {
    const answer = await apps.api.inject({
      method: 'POST',
      url: '/auth/demo-token',
      payload: { identity: 'root' },
      headers: { authorization: undefined },
    });
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-type']).toContain('application/problem+json');
  });

  it('answers the app for its pages, but a problem for an unknown API path or a missing file', async () => {
    const page = await apps.api.inject({ url: '/countries/SY', headers: { authorization: undefined } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    for (const url of ['/v1/nope', '/health/nope', '/assets/missing.js', '/auth/nope', '/nope']) {
      const answer = await apps.api.inject({ url });
      expect([url, answer.statusCode, answer.headers['content-type']]).toEqual([
        url,
        404,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it('has no demo sign-in without the development key, and production refuses the key', async () => {
    const plain = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('web-plain') }), {
      pipeline: false,
    });
    try {
      for (const [method, url] of [
        ['POST', '/auth/demo-token'],
        ['GET', '/auth/demo-identities'],
      ] as const) {
        const answer = await plain.api.inject({
          method,
          url,
          ...(method === 'POST' ? { payload: { identity: 'leadership' } } : {}),
          headers: { authorization: undefined },
        });
        expect([url, answer.statusCode]).toEqual([url, 404]);
      }
    } finally {
      await plain.close();
    }
    const production = loadConfig({
      ...testEnv({ databaseUrl: db.url, topicPrefix: 'unused' }),
      NODE_ENV: 'production',
      AUTH_DEV_SIGNING_KEY: DEV_SIGNING_KEY,
    });
    expect(() => assertProductionKey(production)).toThrow(/AUTH_DEV_SIGNING_KEY/);
  });
});
