import { UTCDate } from '@date-fns/utc';
import { format, subDays } from 'date-fns';
import type { Page } from 'playwright-core';
import type { CountryList, DependencyReport } from '../../apps/web/src/api/types.js';
import { as, LEADERSHIP } from '../support/auth.js';
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
import { meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * The countries overview's figures and trend lines, search from the header, and the printable country brief, in
 * Debian's headless Chromium against the demo scenario (scripts/seed.mjs) and one confidential meeting recorded
 * here: the brief prints to PDF (A4 and Letter) with its marking in the top and bottom margins of every page, the
 * marking is the highest classification of what the brief shows, and a reader without clearance neither finds
 * nor sees the confidential meeting. All data synthetic.
 */

const TODAY = new UTCDate();
const dateOnly = (date: Date) => format(date, 'yyyy-MM-dd');
/** A confidential meeting ten days ago, with a word found nowhere else. */
const SECRET_WORD = 'quokkaseminar';
const CONFIDENTIAL_MEETING = meetingBody({
  occurredAt: `${dateOnly(subDays(TODAY, 10))}T09:00:00Z`,
  location: 'Tartus',
  classification: 'confidential',
  summary: `Closed-door ${SECRET_WORD} on core network vendors.`,
});
const LEVELS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'];
const MM = 72 / 25.4;
const whole = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(n);

interface PdfPage {
  readonly height: number;
  readonly items: ReadonlyArray<{ readonly text: string; readonly y: number }>;
}

/** Each page of a PDF: its height and every text item with its baseline's height from the page's bottom (pt). */
async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const document = await task.promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const [, , , height] = page.view;
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item && item.str.trim() ? [{ text: item.str.trim(), y: item.transform[5] as number }] : [],
    );
    pages.push({ height: height ?? 0, items });
  }
  await task.destroy();
  return pages;
}

/**
 * Whether the marking stands in the top margin and in the bottom margin of each page (nothing but the margin boxes
 * prints there: the marking, and the page number beside it).
 */
function markingPlaces(pages: readonly PdfPage[], marking: string): Array<[boolean, boolean]> {
  return pages.map((page) => {
    const lines = new Map<number, string>();
    for (const item of page.items) {
      const y = Math.round(item.y);
      lines.set(y, `${lines.get(y) ?? ''}${item.text}`.replace(/\s+/g, ''));
    }
    const ys = [...lines].filter(([, text]) => text.includes(marking)).map(([y]) => y);
    return [ys.some((y) => y > page.height - 18 * MM), ys.some((y) => y < 18 * MM)];
  });
}

/** The highest marking of the entries and items a page shows (their .mark badges in the main content). */
async function highestShown(page: Page): Promise<string> {
  const marks = await page.locator('main .mark').allTextContents();
  const ranks = marks.map((mark) => LEVELS.indexOf(mark.trim()));
  expect(ranks).not.toContain(-1);
  return LEVELS[Math.max(0, ...ranks)] ?? 'SECRET';
}

async function atBothViewports(page: Page, check: () => Promise<void>): Promise<void> {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 768, height: 1024 },
  ]) {
    await page.setViewportSize(viewport);
    await check();
    expect([viewport.width, await scrollsSideways(page)]).toEqual([viewport.width, false]);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('the overview, search and the country brief in a browser', () => {
  let app: WebApp;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp('brief');
    base = app.base;
    await seedDemo(app);
    await recorded(app.apps.api, '/v1/countries/SY/meetings', CONFIDENTIAL_MEETING);
    await awaitProjected(app.db);
    page = await app.newPage();
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows leadership each country's figures now and 12 months ago, with the HHI's trend line", async () => {
    await signInAs(page, base, 'leadership');
    const syria = page.locator('tr[data-country="SY"]');
    const trend = syria.locator('[data-chart="hhi-trend"]');
    await trend.locator('svg path').first().waitFor();

    const answer = await app.apps.api.inject({ url: '/v1/countries', headers: await as(LEADERSHIP) });
    const overview = (answer.json() as CountryList).countries.find((c) => c.country === 'SY');
    const ran = (list: CountryList['countries'][number]['dependency']['now']) =>
      list.find((f) => f.domain === 'ran' && f.unitKind === 'sites');
    const now = ran(overview?.dependency.now ?? []);
    const before = ran(overview?.dependency.twelveMonthsAgo ?? []);
    if (!now || !before) throw new Error('the demo scenario has Syrian RAN figures now and a year ago');
    const hhi = (await syria.locator('[data-figure="hhi"]').textContent()) ?? '';
    expect(hhi).toContain(whole(now.hhi));
    expect(hhi).toContain(`12 mo ago ${whole(before.hhi)}`);
    const highRisk = (await syria.locator('[data-figure="high-risk"]').textContent()) ?? '';
    expect(highRisk).toContain(
      `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(now.highRiskSharePercent)}%`,
    );
    // The trend's text alternative ends at today's figure and starts where the history 12 months ago does.
    const label = (await trend.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(new RegExp(`^HHI 12 months: [\\d,]+ → ${whole(now.hhi)}$`));
    expect(await trend.getAttribute('role')).toBe('img');
    expect(await page.locator('tr[data-country="IQ"] [data-chart="hhi-trend"]').count()).toBe(1);

    // Sorted by HHI, highest first, from the keyboard.
    await page.getByRole('button', { name: /^HHI/ }).focus();
    await page.keyboard.press('Enter');
    const iraq = ran(
      (answer.json() as CountryList).countries.find((c) => c.country === 'IQ')?.dependency.now ?? [],
    );
    const first = (iraq?.hhi ?? 0) > now.hhi ? 'IQ' : 'SY';
    expect(await page.locator('tbody tr').first().getAttribute('data-country')).toBe(first);

    await atBothViewports(page, async () => {
      await shoot(page, `brief-1-overview-${page.viewportSize()?.width}`);
      // Nor does the table scroll sideways inside its frame.
      expect(
        await page.evaluate<boolean>(
          "(() => { const frame = document.querySelector('.table-wrap'); return frame.scrollWidth > frame.clientWidth; })()",
        ),
      ).toBe(false);
    });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds a seeded entry from the header search box, and a confidential one for leadership', async () => {
    const box = page
      .getByRole('search', { name: 'Search entries' })
      .getByRole('searchbox', { name: 'Search entries' });
    await box.fill('"San Francisco"');
    await box.press('Enter');
    await page.waitForURL(`${base}/search?q=%22San+Francisco%22`);
    const result = page.locator('li.search-result').first();
    await result.waitFor();
    expect(await result.locator('.result-headline').textContent()).toMatch(/^Envoy meeting in San Francisco/);
    // ts_headline highlights each word of the phrase.
    expect(await result.locator('.result-snippet mark').allTextContents()).toEqual(
      expect.arrayContaining(['San', 'Francisco']),
    );
    expect(await result.locator('.result-country').textContent()).toBe('Syria');
    expect(await result.locator('.result-country').getAttribute('href')).toBe('/countries/SY');
    expect(await result.locator('.mark').textContent()).toBe('UNCLASSIFIED');

    await box.fill(SECRET_WORD);
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`${base}/search?q=${SECRET_WORD}`);
    const found = page.locator('li.search-result');
    await page.getByText(/^Envoy meeting in Tartus/).waitFor();
    expect(await found.count()).toBe(1);
    expect(await found.locator('.mark').textContent()).toBe('CONFIDENTIAL');
    expect(await found.locator('.result-snippet mark').textContent()).toBe(SECRET_WORD);
    await atBothViewports(page, async () => {
      await shoot(page, `brief-2-search-${page.viewportSize()?.width}`);
    });
    expect(await axeViolations(page)).toEqual([]);

    // A result opens its country.
    await found.locator('.result-country').click();
    await page.waitForURL(`${base}/countries/SY`);
  });

  it('pages through many results', async () => {
    await page.goto(
      `${base}/search?q=${encodeURIComponent('Syria or Iraq or network or vendor or dialogue')}`,
    );
    await page.locator('li.search-result').first().waitFor();
    expect(await page.locator('li.search-result').count()).toBe(20);
    await page.getByRole('button', { name: 'More results' }).click();
    await page.locator('li.search-result').nth(20).waitFor();
    const ids = await page
      .locator('li.search-result')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-event-id')));
    expect(new Set(ids).size).toBe(ids.length);
    // The first new result has the focus.
    expect(await page.locator(':focus').locator('xpath=ancestor::li[1]').getAttribute('data-event-id')).toBe(
      ids[20],
    );
  });

  it('prints the brief with its marking, the highest of what it shows, on every page, A4 and Letter', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Printable brief, SY' }).click();
    await page.waitForURL(`${base}/countries/SY/brief`);
    await page.locator('[data-chart="dependency"] svg').first().waitFor();
    const marking = (await page.getByTestId('brief-marking').textContent()) ?? '';
    expect(marking).toBe('CONFIDENTIAL');
    expect(await highestShown(page)).toBe(marking);
    expect(await page.getByTestId('brief-marking-bottom').textContent()).toBe(marking);
    expect(await page.locator('#brief-as-of').inputValue()).toBe(dateOnly(TODAY));
    expect(await page.locator('#brief-since').inputValue()).toBe(dateOnly(subDays(TODAY, 30)));
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('Envoy meeting in Tartus');
    expect(await page.locator('.brief-cards .brief-card').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-chart="dependency"]').count()).toBeGreaterThan(1);
    await atBothViewports(page, async () => {
      await shoot(page, `brief-3-brief-${page.viewportSize()?.width}`);
    });
    expect(await axeViolations(page)).toEqual([]);

    // The print stylesheet, photographed at an A4 page's width (the PDFs are saved beside it, to be looked at).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await shoot(page, 'brief-4-brief-print');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('form.brief-dates').isVisible()).toBe(false);
    for (const paper of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({
        format: paper,
        printBackground: true,
        path: `${SHOTS}/brief-SY-${paper}.pdf`,
      });
      const pages = await pdfPages(pdf);
      // Three domains' charts, the figures, the entries and the open items do not fit on one page.
      expect([paper, pages.length > 1]).toEqual([paper, true]);
      expect(markingPlaces(pages, marking)).toEqual(pages.map(() => [true, true]));
    }
    // Back to the browser's own media: printing from here on is the real print, not an emulated one.
    await page.emulateMedia({ media: null });
  });

  it('follows the dates the reader picks', async () => {
    const since = dateOnly(subDays(TODAY, 5));
    await page.locator('#brief-since').fill(since);
    await page.getByRole('button', { name: 'Update brief' }).click();
    await page.waitForURL(`${base}/countries/SY/brief?asOf=${dateOnly(TODAY)}&since=${since}`);
    await page.getByRole('heading', { name: /^What changed since/ }).waitFor();
    const changed = page.locator('section', { has: page.locator('#brief-changed') });
    await changed.locator('table[data-testid="figure-changes"]').waitFor();
    expect(await changed.textContent()).not.toContain('Envoy meeting in Tartus');
    const recent = page.locator('section', { has: page.locator('#brief-recent') });
    expect(await recent.textContent()).toContain('Envoy meeting in Tartus');

    // A brief as of a past day: that day's figures, the 90 days before it, the open items as they stood then, all as
    // known now (the demo was recorded today: read as known at that day, it would be empty).
    await page.locator('#brief-as-of').fill('2026-03-31');
    await page.locator('#brief-since').fill('2026-02-01');
    await page.getByRole('button', { name: 'Update brief' }).click();
    await page.waitForURL(`${base}/countries/SY/brief?asOf=2026-03-31&since=2026-02-01`);
    await recent
      .getByText(/Envoy meeting in San Francisco/)
      .first()
      .waitFor();
    const answer = await app.apps.api.inject({
      url: '/v1/countries/SY/dependency?asOf=2026-03-31',
      headers: await as(LEADERSHIP),
    });
    const ran = (answer.json() as DependencyReport).domains.find(
      (f) => f.domain === 'ran' && f.unitKind === 'sites',
    );
    const card = page.locator('.brief-card', { hasText: 'Radio access (RAN), sites' });
    expect(await card.textContent()).toContain(`${whole(ran?.hhi ?? -1)} HHI`);
    const recentThen = (await recent.textContent()) ?? '';
    expect(recentThen).toContain('Envoy meeting in San Francisco');
    expect(recentThen).not.toContain('Tartus');
    expect(await page.getByTestId('brief-marking').textContent()).toBe('UNCLASSIFIED');
  });

  it("marks a low-clearance reader's brief lower and shows them nothing above it; search finds nothing above it", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
    // From `/`, so that signing in lands there (not back on the brief signed out of).
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/sign-in`);
    await page.locator('button[data-identity="reader-unclassified"]').click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/countries/SY/brief`);
    await page.locator('[data-chart="dependency"] svg').first().waitFor();
    const marking = (await page.getByTestId('brief-marking').textContent()) ?? '';
    expect(marking).toBe('UNCLASSIFIED');
    expect(await highestShown(page)).toBe(marking);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('Tartus');
    expect(body).not.toContain('CONFIDENTIAL');
    await shoot(page, 'brief-5-brief-unclassified');
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      path: `${SHOTS}/brief-SY-A4-unclassified.pdf`,
    });
    const pages = await pdfPages(pdf);
    expect(markingPlaces(pages, 'UNCLASSIFIED')).toEqual(pages.map(() => [true, true]));
    expect(pages.flatMap((p) => p.items.map((i) => i.text)).join(' ')).not.toMatch(/CONFIDENTIAL|Tartus/);

    const box = page.getByRole('searchbox', { name: 'Search entries' });
    await box.fill(SECRET_WORD);
    await box.press('Enter');
    await page.getByTestId('result-count').waitFor();
    expect(await page.getByTestId('result-count').textContent()).toBe(
      `No entry you may read matches “${SECRET_WORD}”.`,
    );
    expect(await page.locator('li.search-result').count()).toBe(0);
    // The same reader finds what is within their clearance.
    await box.fill('"San Francisco"');
    await box.press('Enter');
    await page.locator('li.search-result').first().waitFor();
    expect(await page.locator('li.search-result .result-headline').first().textContent()).toMatch(
      /^Envoy meeting in San Francisco/,
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
