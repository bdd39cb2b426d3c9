import type { AddressInfo } from 'node:net';
import { allPages } from '../../apps/web/src/api/client.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { LEADERSHIP, token } from '../support/auth.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { incentiveOfferBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/** The web app's register reads follow every page (apps/web/src/api/client.ts allPages), against the real API. */
describe('the web app reading a register page by page', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('web-paging') }));
    await apps.api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(apps.api.getHttpServer().address() as AddressInfo).port}`;
    for (const description of ['Synthetic loan one.', 'Synthetic loan two.', 'Synthetic loan three.']) {
      await recorded(apps.api, '/v1/countries/SY/incentive-offers', incentiveOfferBody({ description }));
    }
    await awaitProjected(db);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  type Offers = { items: readonly { description: string }[]; nextCursor: string | null };

  it('follows nextCursor to the end, and says when it stopped before it', async () => {
    const options = { token: await token(LEADERSHIP) };
    const path = `${base}/v1/countries/SY/incentive-offers?limit=1`;
    const all = await allPages<Offers['items'][number], Offers>(path, options);
    expect(all.items.map((offer) => offer.description).sort()).toEqual([
      'Synthetic loan one.',
      'Synthetic loan three.',
      'Synthetic loan two.',
    ]);
    expect(all.nextCursor).toBeNull();
    const cut = await allPages<Offers['items'][number], Offers>(path, options, 2);
    expect(cut.items).toHaveLength(2);
    expect(cut.nextCursor).not.toBeNull();
  });
});
