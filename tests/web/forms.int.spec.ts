import type { Page } from 'playwright-core';
import {
  axeViolations,
  scrollsSideways,
  shoot,
  signInAs,
  startWebApp,
  type WebApp,
} from '../support/browser.js';
import { countEvents, postJson, recorded } from '../support/commands.js';
import {
  contractBody,
  followUpBody,
  incentiveOfferBody,
  meetingBody,
  technicalSupportBody,
} from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * The desk officer's forms in Debian's headless Chromium, against the API serving the built app: an envoy
 * meeting logged through its form appears on the country's timeline; the server's field errors land next to
 * their fields and nothing is written; a double-clicked submit writes once (one Idempotency-Key); a transition
 * sent with a stale version shows what changed (412) and a retry against the new version succeeds. Every form
 * is checked with axe-core, for sideways scrolling at 1366×768 and 768×1024, and photographed. All data synthetic.
 */

const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 768, height: 1024 };

describe('the desk officer’s forms in a browser', () => {
  let app: WebApp;
  let base: string;
  let page: Page;
  let tartus: { eventId: string };

  beforeAll(async () => {
    app = await startWebApp('forms');
    base = app.base;
    // A meeting of the officer's country, to correct and to follow up.
    tartus = await recorded(
      app.apps.api,
      '/v1/countries/SY/meetings',
      meetingBody({ location: 'Tartus', occurredAt: '2026-02-02T09:00:00Z' }),
    );
    await awaitProjected(app.db);
    page = await app.newPage(LAPTOP);
    await signInAs(page, base, 'desk-officer-sy');
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(() => {
    // Refusals (4xx) and the answer the network test loses are logged by the browser; nothing else may be.
    expect(app.pageErrors.filter((e) => !/status of 4\d\d|net::ERR_CONNECTION_RESET/.test(e))).toEqual([]);
  });

  async function fillMeeting(location: string, options: { summary?: string } = {}): Promise<void> {
    await page.locator('#f-occurredAt').fill('2026-03-04T10:30');
    await page.locator('#f-location').fill(location);
    await page.locator('#f-envoys-0-name').fill('A. Envoy');
    await page.locator('#f-envoys-0-title').fill('Special Envoy');
    await page.locator('#f-envoys-0-organisation').fill('Department of State');
    await page.locator('#f-counterparts-0-name').fill('B. Minister');
    await page.locator('#f-counterparts-0-title').fill('Minister of Communications');
    await page.locator('#f-counterparts-0-organisation').fill('Ministry of Communications');
    if (options.summary !== undefined) await page.locator('#f-summary').fill(options.summary);
    await page.locator('#f-topics-0-value').fill('vendor diversity');
    await page.getByRole('button', { name: '+ Add topic' }).click();
    await page.locator('#f-topics-1-value').fill('cybersecurity');
    await page.getByLabel('Network vulnerability').check();
  }

  async function openMeetingForm(): Promise<void> {
    await page.goto(`${base}/countries/SY/record`);
    await page.locator('a[data-form="meeting"]').click();
    await page.waitForURL(`${base}/countries/SY/record/meeting`);
    await page.locator('#f-location').waitFor();
  }

  it('offers a desk officer every form of a new entry, and no vendor form', async () => {
    await page.goto(`${base}/countries/SY/record`);
    await page.locator('a[data-form="meeting"]').waitFor();
    const forms = await page
      .locator('a[data-form]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-form')));
    expect(forms).toEqual([
      'meeting',
      'dialogue',
      'follow-up',
      'offer',
      'technical-support',
      'contract',
      'response',
      'competing-offer',
    ]);
    await shoot(page, 'forms-1-chooser');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('logs an envoy meeting through the form, and it appears on the country timeline', async () => {
    const before = await countEvents(app.db);
    await openMeetingForm();
    // Classification offers only the levels up to the officer's clearance (secret: all four).
    expect(await page.locator('#f-classification option').allTextContents()).toEqual([
      'Unclassified',
      'Restricted',
      'Confidential',
      'Secret',
    ]);
    await fillMeeting('Latakia harbour', { summary: 'Synthetic meeting on a vendor-diversity roadmap.' });
    await shoot(page, 'forms-2-meeting-filled');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    await page.waitForURL(`${base}/countries/SY`, { timeout: 20_000 });
    const entry = page.locator('li.entry', { hasText: 'Envoy meeting in Latakia harbour' });
    await entry.waitFor();
    expect(await countEvents(app.db)).toBe(before + 1);
    const stored = await app.db.pool.query<{ data: Record<string, unknown>; recorded_by: string }>(
      `SELECT data, recorded_by FROM events WHERE event_type = 'EnvoyMeetingHeld' AND data->>'location' = $1`,
      ['Latakia harbour'],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.recorded_by).toBe('demo.desk-officer.sy');
    expect(stored.rows[0]?.data).toMatchObject({
      topics: ['vendor diversity', 'cybersecurity'],
      concerns: ['network-vulnerability'],
      envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' }],
    });
    await shoot(page, 'forms-3-on-timeline');
  });

  it('shows the server’s field errors next to their fields and writes nothing', async () => {
    const before = await countEvents(app.db);
    await openMeetingForm();
    // Only the server refuses a location over 200 characters; the summary is missing.
    await fillMeeting('L'.repeat(201));
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    const alert = page.locator('.fm-form-alert[data-status="400"]');
    await alert.waitFor();
    // Focus moves to the summary, which names both fields.
    expect(
      await page.evaluate<boolean>("document.activeElement?.classList.contains('fm-form-alert') === true"),
    ).toBe(true);
    expect(await alert.locator('li').count()).toBeGreaterThanOrEqual(2);
    for (const field of ['location', 'summary']) {
      const control = page.locator(`#f-${field}`);
      expect(await control.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(`f-${field}-error`);
      expect(await page.locator(`#f-${field}-error`).textContent()).toContain(field);
    }
    // A field the server accepted is not marked.
    expect(await page.locator('#f-envoys-0-name').getAttribute('aria-invalid')).toBe('false');
    expect(await countEvents(app.db)).toBe(before);
    await shoot(page, 'forms-4-field-errors');
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    // A rule of the domain (no entry before it happened) is shown next to the date it is about.
    await page.locator('#f-location').fill('Homs');
    await page.locator('#f-summary').fill('Synthetic meeting, corrected after the server refused it.');
    await page.locator('#f-occurredAt').fill('2099-01-01T09:00');
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    await page.locator('.fm-form-alert[data-status="422"]').waitFor();
    expect(await page.locator('#f-occurredAt').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-location').getAttribute('aria-invalid')).toBe('false');
    expect(await countEvents(app.db)).toBe(before);

    // Corrected, the same form records.
    await page.locator('#f-occurredAt').fill('2026-03-04T10:30');
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    await page.waitForURL(`${base}/countries/SY`, { timeout: 20_000 });
    await page.locator('li.entry', { hasText: 'Envoy meeting in Homs' }).waitFor();
    expect(await countEvents(app.db)).toBe(before + 1);
  });

  it('writes once when the submit button is double-clicked', async () => {
    const before = await countEvents(app.db);
    await openMeetingForm();
    await fillMeeting('Palmyra', { summary: 'Synthetic meeting, submitted with a double click.' });
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.getByRole('button', { name: 'Record envoy meeting' }).dblclick();
    await page.waitForURL(`${base}/countries/SY`, { timeout: 20_000 });
    await page.locator('li.entry', { hasText: 'Envoy meeting in Palmyra' }).waitFor();
    await awaitProjected(app.db);
    expect(await countEvents(app.db)).toBe(before + 1);
    expect(await page.locator('li.entry', { hasText: 'Envoy meeting in Palmyra' }).count()).toBe(1);

    // Two clicks in one task, before the page can disable the button: still one write.
    await openMeetingForm();
    await fillMeeting('Raqqa', { summary: 'Synthetic meeting, clicked twice in one go.' });
    await page.evaluate(
      "(() => { const b = document.querySelector('form.fm-command-form button[type=submit]'); b.click(); b.click(); })()",
    );
    await page.waitForURL(`${base}/countries/SY`, { timeout: 20_000 });
    await awaitProjected(app.db);
    expect(await countEvents(app.db)).toBe(before + 2);
    expect(posts.every((key) => /^[\x21-\x7e]{1,200}$/.test(key))).toBe(true);
  });

  it('retries with the same Idempotency-Key after a network failure, so the meeting is recorded once', async () => {
    const before = await countEvents(app.db);
    await openMeetingForm();
    await fillMeeting('Deir ez-Zor', { summary: 'Synthetic meeting whose first answer was lost.' });
    const keys: string[] = [];
    // The first POST reaches the server, but its answer never reaches the page.
    let lost = false;
    await page.route('**/v1/countries/SY/meetings', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    await page.locator('.fm-form-alert', { hasText: 'Not sent' }).waitFor();
    expect(await countEvents(app.db)).toBe(before + 1);
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    await page.waitForURL(`${base}/countries/SY`, { timeout: 20_000 });
    await page.unroute('**/v1/countries/SY/meetings');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await countEvents(app.db)).toBe(before + 1);
    const entry = page.locator('li.entry', { hasText: 'Envoy meeting in Deir ez-Zor' });
    await entry.first().waitFor();
    expect(await entry.count()).toBe(1);
  });

  it('does not offer to submit again when the write was confirmed but waiting for its projection failed', async () => {
    const before = await countEvents(app.db);
    await openMeetingForm();
    await fillMeeting('Palmyra', { summary: 'Synthetic meeting whose projection could not be awaited.' });
    // The POST succeeds; every read of the new entry fails, as if the API went away right after the write.
    await page.route('**/v1/entries/**', (route) => route.abort('connectionreset'));
    await page.getByRole('button', { name: 'Record envoy meeting' }).click();
    await page.waitForURL(`${base}/countries/SY`, { timeout: 30_000 });
    await page.unroute('**/v1/entries/**');
    expect(await page.locator('.fm-form-alert', { hasText: 'Not sent' }).count()).toBe(0);
    await awaitProjected(app.db);
    expect(await countEvents(app.db)).toBe(before + 1);
  });

  it('shows what changed when an offer moved on since the form was opened, and retries against the new version', async () => {
    const offer = await recorded(
      app.apps.api,
      '/v1/countries/SY/incentive-offers',
      incentiveOfferBody({ description: 'Synthetic loan before amendment.' }),
    );
    await awaitProjected(app.db);

    await page.goto(`${base}/entries/${offer.eventId}`);
    await page.locator('a[data-action="accept"]').waitFor();
    expect(await page.getByTestId('entry-version').textContent()).toBe('1');
    await shoot(page, 'forms-5-entry');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('a[data-action="accept"]').click();
    await page.waitForURL(`${base}/entries/${offer.eventId}/accept`);
    await page.locator('#f-occurredAt').fill('2026-03-10T12:00');
    await page.locator('#f-note').fill('Accepted at the ministry.');
    expect(await axeViolations(page)).toEqual([]);

    // Meanwhile the offer's terms are amended (version 2).
    const amended = await postJson(app.apps.api, `/v1/incentive-offers/${offer.entryId}/amend`, {
      occurredAt: '2026-03-08T09:00:00Z',
      changes: { description: 'Synthetic loan after amendment.' },
      reason: 'Terms revised by the agency.',
    });
    expect(amended.status).toBe(201);
    await awaitProjected(app.db);
    const before = await countEvents(app.db);

    await page.getByRole('button', { name: 'Record that the country accepted' }).click();
    const stale = page.locator('.fm-form-alert[data-status="412"]');
    await stale.waitFor();
    await page.getByTestId('fresh-version').waitFor();
    expect(await page.getByTestId('fresh-version').textContent()).toBe('2');
    const table = stale.locator('table');
    expect(await table.textContent()).toContain('Synthetic loan after amendment.');
    expect(await table.textContent()).toContain('Synthetic loan before amendment.');
    expect(await countEvents(app.db)).toBe(before);
    await shoot(page, 'forms-6-stale');
    expect(await axeViolations(page)).toEqual([]);
    for (const viewport of [LAPTOP, TABLET]) {
      await page.setViewportSize(viewport);
      expect({ viewport, scrolls: await scrollsSideways(page) }).toEqual({ viewport, scrolls: false });
    }
    await page.setViewportSize(LAPTOP);

    await stale.getByRole('button', { name: 'Submit again against version 2' }).click();
    await page.waitForURL(`${base}/entries/${offer.eventId}`, { timeout: 20_000 });
    await page.locator('.fm-badge-accepted').waitFor();
    expect(await countEvents(app.db)).toBe(before + 1);
    // Accepted, the offer offers no more transitions.
    expect(await page.locator('a[data-action="accept"]').count()).toBe(0);
    await shoot(page, 'forms-7-accepted');
  });

  it('corrects an entry through its form, sending only what changed', async () => {
    const before = await countEvents(app.db);
    await page.goto(`${base}/entries/${tartus.eventId}`);
    await page.locator('a[data-action="correct"]').click();
    await page.waitForURL(`${base}/entries/${tartus.eventId}/correct`);
    // The form starts from the entry as it reads.
    expect(await page.locator('#f-changes-location').inputValue()).toBe('Tartus');
    expect(await page.locator('#f-changes-envoys-0-name').inputValue()).toBe('A. Envoy');
    await page.locator('#f-changes-location').fill('Tartus port');
    await page.locator('#f-reason').fill('The meeting was at the port authority.');
    await shoot(page, 'forms-9-correction');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Correct this entry' }).click();
    await page.waitForURL(`${base}/entries/${tartus.eventId}`, { timeout: 20_000 });
    await page.locator('h1', { hasText: 'Envoy meeting in Tartus port' }).waitFor();
    expect(await page.locator('.fm-facts', { hasText: 'Tartus port' }).count()).toBeGreaterThan(0);
    await shoot(page, 'forms-9b-corrected-entry');
    expect(await axeViolations(page)).toEqual([]);
    expect(await countEvents(app.db)).toBe(before + 1);
    const correction = await app.db.pool.query<{ data: { changes: Record<string, unknown> } }>(
      `SELECT data FROM events WHERE event_type = 'EntryCorrected' AND data->>'targetEventId' = $1`,
      [tartus.eventId],
    );
    expect(correction.rows.map((row) => row.data.changes)).toEqual([{ location: 'Tartus port' }]);
  });

  it('assigns a follow-up from a meeting’s page, the meeting already chosen', async () => {
    const before = await countEvents(app.db);
    await page.goto(`${base}/entries/${tartus.eventId}`);
    await page.getByRole('link', { name: 'Assign a follow-up' }).click();
    await page.waitForURL(/\/countries\/SY\/record\/follow-up\?source=/);
    expect(await page.locator('#f-sourceEventId').inputValue()).toBe(tartus.eventId);
    await page.locator('#f-action').fill('Send the port authority the vendor-diversity roadmap.');
    await page.locator('#f-owner').fill('desk.officer.sy');
    await page.locator('#f-dueDate').fill('2026-04-15');
    await page.locator('#f-occurredAt').fill('2026-03-05T09:00');
    await page.getByRole('button', { name: 'Record follow-up' }).click();
    await page.waitForURL(`${base}/countries/SY`, { timeout: 20_000 });
    await page.locator('li.entry[data-event-type="FollowUpAssigned"]').first().waitFor();
    expect(await countEvents(app.db)).toBe(before + 1);
  });

  it('records every change of an offer, a follow-up, a technical support and a contract through their forms', async () => {
    const followUp = await recorded(app.apps.api, '/v1/follow-ups', followUpBody(tartus.eventId));
    const support = await recorded(
      app.apps.api,
      '/v1/countries/SY/technical-support',
      technicalSupportBody(),
    );
    const contract = await recorded(app.apps.api, '/v1/countries/SY/contracts', contractBody());
    const offer = await recorded(app.apps.api, '/v1/countries/SY/incentive-offers', incentiveOfferBody());
    await awaitProjected(app.db);
    const lastEvent = async (streamId: string) =>
      (
        await app.db.pool.query<{ event_type: string; data: Record<string, unknown> }>(
          'SELECT event_type, data FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
          [streamId],
        )
      ).rows[0];

    /** Opens an action's form from the entry's page, fills it, submits it, and waits for the entry's page. */
    async function act(
      eventId: string,
      action: string,
      fill: Record<string, string>,
      select: Record<string, string> = {},
    ) {
      await page.goto(`${base}/entries/${eventId}`);
      await page.locator(`a[data-action="${action}"]`).click();
      await page.waitForURL(`${base}/entries/${eventId}/${action}`);
      await page.locator('form.fm-command-form').waitFor();
      if ((await page.locator('#f-occurredAt').count()) > 0)
        await page.locator('#f-occurredAt').fill('2026-03-12T08:00');
      for (const [id, value] of Object.entries(fill)) await page.locator(`#${id}`).fill(value);
      for (const [id, value] of Object.entries(select)) await page.locator(`#${id}`).selectOption(value);
      await page.locator('form.fm-command-form button[type="submit"]').click();
      await page.waitForURL(`${base}/entries/${eventId}`, { timeout: 20_000 });
      await page.locator('.fm-notice.fm-success').waitFor();
    }

    await act(offer.eventId, 'amend', {
      'f-reason': 'The agency raised the loan.',
      'f-changes-amount-amount': '30000000',
      'f-changes-amount-currency': 'USD',
    });
    expect(await lastEvent(offer.streamId)).toMatchObject({ event_type: 'IncentiveTermsAmended' });
    await act(offer.eventId, 'decline', { 'f-note': 'The ministry declined.' });
    expect(await lastEvent(offer.streamId)).toMatchObject({ event_type: 'IncentiveDeclined' });
    await page.locator('.fm-badge-declined').waitFor();

    await act(followUp.eventId, 'complete', { 'f-note': 'Roadmap sent.' });
    expect(await lastEvent(followUp.streamId)).toMatchObject({ event_type: 'FollowUpCompleted' });
    await page.locator('.fm-badge-done').waitFor();

    await act(support.eventId, 'milestone', { 'f-milestone': 'Core audit report delivered', 'f-note': '' });
    expect(await lastEvent(support.streamId)).toMatchObject({
      event_type: 'TechnicalSupportMilestoneDelivered',
    });
    await act(support.eventId, 'close', { 'f-note': 'Audit done.' }, { 'f-outcome': 'completed' });
    expect(await lastEvent(support.streamId)).toMatchObject({ event_type: 'TechnicalSupportClosed' });

    await act(contract.eventId, 'amend-contract', { 'f-reason': 'More sites.', 'f-changes-units': '1200' });
    expect(await lastEvent(contract.streamId)).toMatchObject({ event_type: 'ContractAmended' });
    await act(contract.eventId, 'replace', {
      'f-fromVendorId': 'huawei',
      'f-toVendorId': 'nokia',
      'f-units': '300',
      'f-note': 'First swap.',
    });
    expect(await lastEvent(contract.streamId)).toMatchObject({ event_type: 'EquipmentReplaced' });
    await act(
      contract.eventId,
      'terminate',
      { 'f-reason': 'Ended early.' },
      { 'f-equipment': 'decommissioned' },
    );
    expect(await lastEvent(contract.streamId)).toMatchObject({ event_type: 'ContractTerminated' });
    await page.locator('.fm-badge-terminated').waitFor();
    await shoot(page, 'forms-10-terminated');
    for (const viewport of [LAPTOP, TABLET]) {
      await page.setViewportSize(viewport);
      expect({ viewport, scrolls: await scrollsSideways(page) }).toEqual({ viewport, scrolls: false });
    }
    await page.setViewportSize(LAPTOP);

    const idlib = await recorded(
      app.apps.api,
      '/v1/countries/SY/meetings',
      meetingBody({ location: 'Idlib' }),
    );
    await awaitProjected(app.db);
    await act(idlib.eventId, 'retract', { 'f-reason': 'Recorded for the wrong country.' });
    expect(await lastEvent(idlib.streamId)).toMatchObject({ event_type: 'EntryRetracted' });
    await page.locator('.fm-badge-retracted').waitFor();
    expect(await page.locator('a[data-action]').count()).toBe(0);
  });

  it('keeps the vendor registry to admins, who register a vendor through its form', async () => {
    await page.goto(`${base}/countries/SY/record/vendor`);
    await page.locator('.fm-notice', { hasText: 'Only administrators' }).waitFor();
    expect(await page.locator('form.fm-command-form').count()).toBe(0);

    const admin = await app.newPage(LAPTOP);
    await signInAs(admin, base, 'admin');
    await admin.goto(`${base}/countries/SY/record`);
    await admin.locator('a[data-form]').first().waitFor();
    expect(
      await admin
        .locator('a[data-form]')
        .evaluateAll((links) => links.map((l) => l.getAttribute('data-form'))),
    ).toEqual(['vendor', 'vendor-risk']);
    await admin.locator('a[data-form="vendor"]').click();
    await admin.locator('#f-vendorId').fill('test-radio-works');
    await admin.locator('#f-name').fill('Test Radio Works');
    await admin.locator('#f-origin').fill('FI');
    await admin.locator('#f-occurredAt').fill('2026-01-01T00:00');
    expect(await axeViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Register the vendor' }).click();
    await admin.locator('.fm-notice.fm-success').waitFor({ timeout: 20_000 });
    const stored = await app.db.pool.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM events WHERE event_type = 'VendorRegistered' AND data->>'vendorId' = 'test-radio-works'`,
    );
    expect(stored.rows[0]?.data).toMatchObject({ name: 'Test Radio Works', origin: 'FI', highRisk: false });
    await admin.close();
  });

  it('has no serious accessibility violations and no sideways scrolling on any form, at both viewports', async () => {
    const forms = [
      'meeting',
      'dialogue',
      'follow-up',
      'offer',
      'technical-support',
      'contract',
      'response',
      'competing-offer',
    ];
    for (const viewport of [LAPTOP, TABLET]) {
      await page.setViewportSize(viewport);
      for (const form of forms) {
        await page.goto(`${base}/countries/SY/record/${form}`);
        await page.locator('form.fm-command-form').waitFor();
        expect({ form, viewport, scrolls: await scrollsSideways(page) }).toEqual({
          form,
          viewport,
          scrolls: false,
        });
        if (viewport === LAPTOP) {
          expect({ form, violations: await axeViolations(page) }).toEqual({ form, violations: [] });
        }
      }
      await shoot(page, `forms-8-competing-offer-${viewport.width}`);
    }
    await page.setViewportSize(LAPTOP);
  });
});
