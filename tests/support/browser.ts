import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { WEB_APP_DIR } from '../../apps/api/src/http/web-app.js';
import { type RunningApps, startApps } from './apps.js';
import { TEST_KEY_ID, TEST_PRIVATE_KEY, token } from './auth.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testConfig, uniqueName } from './env.js';
import { awaitProjected } from './record.js';

/**
 * The web app in Debian's headless Chromium (driven by playwright-core) against an API in the test's process that
 * serves the built app (dist/web): demo sign-in mints tokens with the test key (AUTH_DEV_SIGNING_KEY; its public
 * half is the API's AUTH_PUBLIC_KEY). Pages are checked with axe-core and photographed into test-results/web/.
 */

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SHOTS = join(process.cwd(), 'test-results', 'web');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The test key's private half as the API takes it: the key the sign-in page's tokens are signed with. */
export const DEV_SIGNING_KEY = JSON.stringify({
  ...TEST_PRIVATE_KEY.export({ format: 'jwk' }),
  kid: TEST_KEY_ID,
  alg: 'EdDSA',
});

/** Fails naming what to do when the browser or the build is missing, rather than with a launch error. */
export function assertBrowserPrerequisites(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`,
    );
  }
  if (!existsSync(join(WEB_APP_DIR, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_APP_DIR}): npm run build:web (npm test does)`);
  }
}

/** Serious and critical accessibility violations axe-core finds on the page, as "rule (impact): target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not stand in the way.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: Array<Record<string, unknown>> }> } }
    ).axe;
    const result = await axe.run();
    return result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A full-page screenshot into test-results/web/<name>.png (git-ignored), to be looked at. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Whether the page scrolls sideways at its current viewport (it should not, at 1366×768 or 768×1024). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  );
}

export interface WebApp {
  readonly db: TestDatabase;
  readonly apps: RunningApps;
  /** The API's origin, serving the app at `/`. */
  readonly base: string;
  readonly browser: Browser;
  /** Console errors and uncaught exceptions of every page opened with newPage (a CSP refusal shows up here). */
  readonly pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh database, the API, relay and projector on it listening on a free port, and a headless Chromium. */
export async function startWebApp(label: string, extra: Record<string, string> = {}): Promise<WebApp> {
  assertBrowserPrerequisites();
  mkdirSync(SHOTS, { recursive: true });
  const db = await createTestDatabase();
  let apps: RunningApps | undefined;
  let browser: Browser | undefined;
  try {
    apps = await startApps(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName(label),
        extra: { AUTH_DEV_SIGNING_KEY: DEV_SIGNING_KEY, ...extra },
      }),
    );
    await apps.api.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(apps.api.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const pageErrors: string[] = [];
    const running = { apps, browser };
    return {
      db,
      apps,
      base,
      browser,
      pageErrors,
      async newPage(viewport = { width: 1366, height: 768 }) {
        const page = await running.browser.newPage({ viewport });
        page.on('console', (message) => {
          if (message.type() === 'error') pageErrors.push(message.text());
        });
        page.on('pageerror', (error) => pageErrors.push(error.message));
        return page;
      },
      async close() {
        await running.browser.close();
        await running.apps.close();
        await db.drop();
      },
    };
  } catch (error) {
    await browser?.close();
    await apps?.close();
    await db.drop();
    throw error;
  }
}

/**
 * Loads the demo scenario (scripts/seed.mjs, as a newcomer runs it) into the app through its public API, as a
 * desk officer for Syria and Iraq, and waits until the projector has applied every event.
 */
export async function seedDemo(app: WebApp): Promise<void> {
  const seedToken = await token({
    sub: 'seed.script',
    role: 'desk_officer',
    countries: ['SY', 'IQ'],
    clearance: 'secret',
  });
  const output: string[] = [];
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'scripts', 'seed.mjs')], {
      env: { ...process.env, API_URL: app.base, SEED_TOKEN: seedToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (status !== 0) throw new Error(`the demo seed failed (exit ${status}):\n${output.join('')}`);
  await awaitProjected(app.db);
}

/** Signs in on the sign-in page as one of the demo identities (GET /auth/demo-identities), landing on `/`. */
export async function signInAs(page: Page, base: string, identity: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.locator(`button[data-identity="${identity}"]`).click();
  await page.waitForURL(`${base}/`);
}
