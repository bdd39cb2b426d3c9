import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  SHOTS,
  scrollsSideways,
  seedDemo,
  shoot,
  signInAs,
  startWebApp,
  type WebApp,
} from '../support/browser.js';
import { recorded } from '../support/commands.js';
import { followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * The country page (/countries/SY) in headless Chromium over the demo scenario (scripts/seed.mjs): the dependency
 * chart with its markers and moves, the as-of control every panel follows, the timeline's filters, correction
 * trails and retractions, open items, what a reader without clearance sees, accessibility and layout. Entries the
 * test adds (a confidential meeting and offer, an overdue follow-up, corrections) are synthetic.
 */

interface Entry {
  eventId: string;
  eventType: string;
  occurredAt: string;
  headline: string;
  corrections: { total: number };
}

// Colours of chart-model.ts: each marker kind is drawn in its own, which no vendor area uses.
const RIVAL_MARKER = '#b42318';
const COUNTRY_MARKER = '#0f766e';
const MOVE_MARK = '#4c1d95';
// stance-model.ts's colour of the committed stance.
const COMMITTED_MARK = '#1d6b35';

describe('the country page', () => {
  let app: WebApp;
  let page: Page;
  let timeline: Entry[];
  const hidden = { meeting: 'Envoy meeting in Homs', offer: 'Confidential spectrum grant (synthetic test)' };
  const overdueAction = 'Send the test workshop agenda';

  /** GET through the API in-process, as the test's default reader (secret clearance). */
  async function get<T>(url: string): Promise<T> {
    const response = await app.apps.api.inject({ method: 'GET', url });
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }

  async function allEntries(query = ''): Promise<Entry[]> {
    const page = await get<{ entries: Entry[] }>(`/v1/countries/SY/timeline?limit=200${query}`);
    return page.entries;
  }

  async function openCountry(url: string): Promise<void> {
    await page.goto(url);
    await page.locator('[data-chart="dependency"] svg').waitFor();
    await page.locator('.timeline-panel [data-testid="timeline-count"]').waitFor();
    await page.locator('.open-items .register').first().waitFor();
    await page.locator('[data-chart="stance"] svg').waitFor();
  }

  /** Opens every disclosure (lists of moves and markers, closed items, correction trails). */
  async function openEveryDetails(): Promise<void> {
    await page.evaluate(
      "for (const details of document.querySelectorAll('main details')) details.open = true",
    );
  }

  /** Waits until the timeline shows `n` entries. */
  async function entryCount(n: number): Promise<void> {
    const entries = page.locator('.timeline-panel li.entry');
    for (const started = Date.now(); (await entries.count()) !== n; ) {
      if (Date.now() - started > 15_000)
        throw new Error(`the timeline shows ${await entries.count()} entries, not ${n}`);
      await page.waitForTimeout(100);
    }
  }

  const entryHeadlines = () => page.locator('.timeline-panel li.entry .entry-headline').allTextContents();

  beforeAll(async () => {
    app = await startWebApp('country');
    await seedDemo(app);
    const tartus = await recorded(
      app.apps.api,
      '/v1/countries/SY/meetings',
      meetingBody({ location: 'Tartus', occurredAt: '2024-12-01T09:00:00Z', classification: 'unclassified' }),
    );
    await recorded(
      app.apps.api,
      '/v1/follow-ups',
      followUpBody(tartus.eventId, {
        occurredAt: '2024-12-02T09:00:00Z',
        dueDate: '2025-01-15',
        action: overdueAction,
      }),
    );
    // Enough entries for a second page of the timeline (50 a page).
    for (const month of [1, 2, 3, 4, 5, 6]) {
      await recorded(
        app.apps.api,
        '/v1/countries/SY/meetings',
        meetingBody({
          location: 'Idlib',
          occurredAt: `2022-0${month}-10T09:00:00Z`,
          classification: 'unclassified',
        }),
      );
    }
    await recorded(
      app.apps.api,
      '/v1/countries/SY/meetings',
      meetingBody({ location: 'Homs', occurredAt: '2026-08-10T09:00:00Z', classification: 'confidential' }),
    );
    await recorded(
      app.apps.api,
      '/v1/countries/SY/incentive-offers',
      incentiveOfferBody({
        occurredAt: '2026-08-12T09:00:00Z',
        classification: 'confidential',
        description: hidden.offer,
      }),
    );
    await awaitProjected(app.db);
    // The seed's corrected meeting (Damascus → Beirut) gets three more corrections: the timeline carries the
    // latest three, so the first is one page further (GET /v1/entries/{id}/corrections).
    const beirut = (await allEntries()).find((e) => e.headline.startsWith('Envoy meeting in Beirut'));
    if (!beirut) throw new Error('the seed has no corrected Beirut meeting');
    for (const n of [1, 2, 3]) {
      await recorded(app.apps.api, `/v1/entries/${beirut.eventId}/corrections`, {
        changes: { outcome: `Tender planned for Q4 (revision ${n}).` },
        reason: `Outcome restated, revision ${n}.`,
      });
    }
    await awaitProjected(app.db);
    timeline = await allEntries();
    page = await app.newPage();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows leadership the Syria dependency chart with markers, and opens an entry from a marker', async () => {
    await signInAs(page, app.base, 'leadership');
    await openCountry(`${app.base}/countries/SY`);
    expect(await page.locator('h1').textContent()).toBe('Syria');
    // Markers are DOM nodes of the SVG chart, one per entry of their kind in the chart's period.
    const history = await get<{ from: string }>('/v1/countries/SY/dependency/history');
    // Entries of one kind on one day share a marker.
    const inPeriod = (...types: string[]) =>
      new Set(
        timeline
          .filter((e) => types.includes(e.eventType) && e.occurredAt >= history.from)
          .map((e) => e.occurredAt.slice(0, 10)),
      ).size;
    const rivals = page.locator(`[data-chart="dependency"] svg path[fill="${RIVAL_MARKER}"]`);
    expect(await rivals.count()).toBe(inPeriod('CompetingOfferObserved'));
    const countryMarks = page.locator(`[data-chart="dependency"] svg path[fill="${COUNTRY_MARKER}"]`);
    expect(await countryMarks.count()).toBe(
      inPeriod('CountryResponseObserved', 'IncentiveAccepted', 'IncentiveDeclined'),
    );
    await shoot(page, 'country-1-leadership');
    expect(await axeViolations(page)).toEqual([]);

    const rival = timeline.find((e) => e.eventType === 'CompetingOfferObserved');
    await rivals.first().click();
    const dialog = page.locator('dialog.entry-dialog[open]');
    await dialog.locator('.dialog-headline').waitFor();
    expect(await dialog.locator('.dialog-headline').allTextContents()).toEqual([rival?.headline]);
    // The dialog is modal over the viewport: photographed as the reader sees it.
    await page.screenshot({ path: join(SHOTS, 'country-2-marker-entry.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens the entries behind a move from its mark on the chart', async () => {
    const history = await get<{
      series: Array<{
        domain: string;
        points: Array<{ moves: Array<{ causes: Array<{ eventId: string }> }> }>;
      }>;
    }>('/v1/countries/SY/dependency/history');
    const moves = history.series[0]?.points.flatMap((p) => p.moves) ?? [];
    const diamonds = page.locator(`[data-chart="dependency"] svg path[fill="${MOVE_MARK}"]`);
    expect(await diamonds.count()).toBe(moves.length);
    // The chart draws moves oldest first; the first move's causes are its first entries.
    await diamonds.first().click();
    const dialog = page.locator('dialog.entry-dialog[open]');
    await dialog.locator('.dialog-headline').first().waitFor();
    const cause = timeline.find((e) => e.eventId === moves[0]?.causes[0]?.eventId);
    expect(cause).toBeDefined();
    expect(await dialog.locator('.dialog-headline').first().textContent()).toBe(cause?.headline);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens the entries behind a move from the keyboard list of moves', async () => {
    await page.locator('.chart-list summary').click();
    const moveButton = page.locator('.chart-list button', { hasText: /Open \d+ entr/ }).first();
    await moveButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog.entry-dialog[open]');
    await dialog.locator('.dialog-headline').first().waitFor();
    const headlines = await dialog.locator('.dialog-headline').allTextContents();
    // A move's causes come first: here a contract event of the seed.
    expect(headlines[0]).toMatch(/contract|replaced|terminated|amended|awarded/i);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('follows the as-of date in the timeline, the chart, the stance and the open items', async () => {
    await openCountry(`${app.base}/countries/SY`);
    await page.getByLabel('Core network, units').click();
    await page.waitForURL(/domain=core/);
    const vendorsNow = await page.locator('[data-figure="vendors"]').textContent();
    const highRiskNow = await page.locator('[data-figure="high-risk"]').textContent();
    const chartNow = await page.locator('[data-chart="dependency"]').getAttribute('aria-label');
    // Now: Nokia's 40 core units (sy-c7, 1 Jul 2026) replaced ZTE's (terminated that day); Huawei keeps 25.
    expect(vendorsNow).toContain('Nokia');
    // One mark per observed stance: the committed one of 1 Oct 2026 among them.
    const committed = page.locator(`[data-chart="stance"] svg path[fill="${COMMITTED_MARK}"]`);
    expect(await committed.count()).toBe(1);
    expect(vendorsNow).not.toContain('ZTE');
    const commitment = timeline.find(
      (e) => e.eventType === 'CountryResponseObserved' && e.occurredAt.startsWith('2026-10-01'),
    );
    expect(await entryHeadlines()).toContain(commitment?.headline);

    await page.getByLabel('As of').fill('2026-06-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/asOf=2026-06-01/);
    await page.locator('.view-state', { hasText: 'as of 1 Jun 2026' }).waitFor();
    await page.locator('[data-figure="vendors"]', { hasText: 'ZTE' }).waitFor();
    await page.locator('[data-chart="stance"] svg').waitFor();

    // The chart: as of 1 Jun 2026, ZTE's 40 and Huawei's 25 core units, all high-risk; no Nokia yet.
    const vendorsThen = await page.locator('[data-figure="vendors"]').textContent();
    expect(vendorsThen).toContain('ZTE');
    expect(vendorsThen).not.toContain('Nokia');
    expect(await page.locator('[data-figure="high-risk"]').textContent()).not.toBe(highRiskNow);
    expect(await page.locator('[data-chart="dependency"]').getAttribute('aria-label')).not.toBe(chartNow);
    // The timeline: only what had happened by then (the API's own count, as of that day).
    const before = await allEntries('&asOf=2026-06-01');
    expect(before.length).toBeLessThan(timeline.length);
    await page.locator('.timeline-panel [data-testid="timeline-count"]').waitFor();
    expect((await entryHeadlines()).length).toBe(Math.min(before.length, 50));
    expect(await entryHeadlines()).not.toContain(commitment?.headline);
    // The stance trend: the committed stance of 1 Oct 2026 is not there yet.
    expect(await page.locator('.stance-list .stance-tag').allTextContents()).toEqual([
      'Receptive',
      'Resistant',
    ]);
    // Open items: the workshop follow-up (due 30 Sep 2026) is open and not yet overdue.
    const workshop = page.locator('[data-register="follow-up"]', {
      hasText: 'Technical workshop on core network security',
    });
    expect(await workshop.getAttribute('data-overdue')).toBe('false');
    // The brief link keeps the date; a reload keeps the view.
    expect(await page.getByRole('link', { name: 'Brief' }).getAttribute('href')).toBe(
      '/countries/SY/brief?asOf=2026-06-01',
    );
    await page.reload();
    await page.locator('[data-figure="vendors"]', { hasText: 'ZTE' }).waitFor();
    expect(await page.getByLabel('As of').inputValue()).toBe('2026-06-01');
    await shoot(page, 'country-3-as-of');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('follows the known-at date: known before anything was recorded, every panel is empty', async () => {
    // Everything here was recorded today (UTC): as known at the end of yesterday, nothing was.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${app.base}/countries/SY?knownAt=${yesterday}`);
    await page.locator('.dependency-panel', { hasText: 'No contract you may read' }).waitFor();
    await page.locator('[data-testid="timeline-count"]', { hasText: 'No entry you may read' }).waitFor();
    await page.locator('.stance-panel', { hasText: 'No response of the country observed yet' }).waitFor();
    await page.locator('.open-items', { hasText: 'No open follow-up.' }).waitFor();
    expect(await page.locator('.timeline-panel li.entry').count()).toBe(0);
    expect(await page.locator('[data-register]').count()).toBe(0);
    expect(await page.getByLabel('Known at').inputValue()).toBe(yesterday);
    await shoot(page, 'country-3b-known-at');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.locator('[data-chart="dependency"] svg').waitFor();
    expect(page.url()).not.toContain('knownAt');
  });

  it('pages the timeline with "Load more", grouped by month', async () => {
    await openCountry(`${app.base}/countries/SY`);
    // The API's timeline leaves retracted entries out, as the page does by default.
    const visible = timeline;
    expect(visible.length).toBeGreaterThan(50);
    expect(await page.locator('.timeline-panel li.entry').count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await entryCount(visible.length);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Months in order, newest first, each once, the last the seed's oldest entries' month.
    const months = await page.locator('.timeline-panel section.month h3').allTextContents();
    expect(new Set(months).size).toBe(months.length);
    expect(months.at(-1)).toBe('January 2022');
  });

  it('narrows the timeline with a filter', async () => {
    await openCountry(`${app.base}/countries/SY`);
    await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Country responses' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/kind=response/);
    const responses = timeline.filter((e) => e.eventType === 'CountryResponseObserved');
    await page.locator('.timeline-panel li.entry').first().waitFor();
    await entryCount(responses.length);
    const types = await page
      .locator('.timeline-panel li.entry')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-event-type')));
    expect(types).toEqual(responses.map(() => 'CountryResponseObserved'));

    await page.getByRole('textbox', { name: 'Vendor' }).fill('Huawei');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/vendor=Huawei/);
    const huawei = await allEntries('&type=CountryResponseObserved&vendor=Huawei');
    expect(huawei.length).toBeLessThan(responses.length);
    await entryCount(huawei.length);
    expect(await entryHeadlines()).toEqual(huawei.map((e) => e.headline));
    await shoot(page, 'country-4-filtered');
  });

  it('shows a corrected entry with its whole correction trail, and retracted entries only on request', async () => {
    await openCountry(`${app.base}/countries/SY?kind=meeting`);
    const corrected = page.locator('.timeline-panel li.entry', { hasText: 'Envoy meeting in Beirut' });
    expect(await corrected.locator('.badge-corrected').textContent()).toBe('Corrected');
    await corrected.locator('.trail summary').click();
    expect(await corrected.locator('.trail summary').textContent()).toContain('4 changes');
    expect(await corrected.locator('.trail-reason').allTextContents()).toEqual([
      '“Outcome restated, revision 3.”',
      '“Outcome restated, revision 2.”',
      '“Outcome restated, revision 1.”',
    ]);
    await corrected.getByRole('button', { name: 'Show older corrections' }).click();
    await corrected
      .locator('.trail-reason', { hasText: 'The briefing was held in Beirut, not Damascus.' })
      .waitFor();
    expect(await corrected.locator('.trail-changes').last().textContent()).toContain('Beirut');
    await shoot(page, 'country-5-correction-trail');

    // The seed's duplicate response is retracted: hidden, until asked for.
    await openCountry(`${app.base}/countries/SY?kind=response`);
    const duplicate = 'Same statement, logged again';
    expect((await page.locator('.timeline-panel').textContent()) ?? '').not.toContain(duplicate);
    await page.getByLabel('Show retracted entries').click();
    await page.waitForURL(/retracted=true/);
    const retracted = page.locator('.timeline-panel li.entry.retracted');
    await retracted.waitFor();
    expect(await retracted.locator('.badge-retracted').textContent()).toBe('Retracted');
  });

  it('highlights an overdue follow-up among the open items, in text as well as colour', async () => {
    await openCountry(`${app.base}/countries/SY`);
    const overdue = page.locator('[data-register="follow-up"][data-overdue="true"]');
    const served = await get<{ items: Array<{ action: string; overdue: boolean }> }>(
      '/v1/follow-ups?country=SY',
    );
    expect(await overdue.locator('.item-name').allTextContents()).toEqual(
      served.items.filter((f) => f.overdue).map((f) => f.action),
    );
    const ours = overdue.filter({ hasText: overdueAction });
    expect(await ours.locator('.badge-overdue').textContent()).toContain('Overdue');
    const style = (node: unknown) =>
      (
        globalThis as unknown as { getComputedStyle(n: unknown): { borderLeftColor: string } }
      ).getComputedStyle(node).borderLeftColor;
    expect(await ours.evaluate(style)).toBe('rgb(164, 22, 26)');
    expect(await page.locator('.overdue-note').textContent()).toMatch(/\d+ follow-ups? (is|are) overdue/);
    await page.locator('.open-items').screenshot({ path: join(SHOTS, 'country-6-open-items.png') });
  });

  it('shows a reader without clearance no confidential entry anywhere on the page', async () => {
    // Leadership (secret) sees both: the check below can fail.
    await openCountry(`${app.base}/countries/SY`);
    await openEveryDetails();
    const leadershipText = (await page.locator('main').textContent()) ?? '';
    expect(leadershipText).toContain(hidden.meeting);
    expect(leadershipText).toContain(hidden.offer);
    expect(await page.locator('main .mark-confidential').count()).toBeGreaterThan(0);

    const reader = await app.newPage();
    await signInAs(reader, app.base, 'reader-unclassified');
    page = reader;
    await openCountry(`${app.base}/countries/SY`);
    await openEveryDetails();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(hidden.meeting);
    expect(text).not.toContain(hidden.offer);
    expect(
      await page.locator('main .mark-confidential, main .mark-secret, main .mark-restricted').count(),
    ).toBe(0);
    expect(await page.getByRole('link', { name: 'Record an entry' }).count()).toBe(0);
    await shoot(page, 'country-7-reader-unclassified');
  });

  it('offers desk officers a link to record an entry, and fits 1366×768 and 768×1024 without sideways scrolling', async () => {
    const officer = await app.newPage({ width: 1366, height: 768 });
    await signInAs(officer, app.base, 'desk-officer-sy');
    page = officer;
    await openCountry(`${app.base}/countries/SY`);
    expect(await page.getByRole('link', { name: 'Record an entry' }).getAttribute('href')).toBe(
      '/countries/SY/record',
    );
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'country-8-desk-officer-1366');

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    expect(await scrollsSideways(page)).toBe(false);
    const chartWidth = await page
      .locator('[data-chart="dependency"] svg')
      .evaluate((svg) => svg.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(768);
    await shoot(page, 'country-9-768');
    expect(app.pageErrors).toEqual([]);
  });
});
