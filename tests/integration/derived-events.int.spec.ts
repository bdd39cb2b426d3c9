import type { AppConfig } from '#config';
import {
  type DerivedEvent,
  derivedTopic,
  EVENT_HEADERS,
  FOLLOW_UP_BECAME_OVERDUE,
  HIGH_RISK_SHARE_CHANGED,
  type HighRiskShareChangedData,
  OFFER_EXPIRING,
  validateEventData,
} from '#contracts';
import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, followUpBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { type ConsumedRecord, readDerivedTopic } from '../support/kafka.js';
import { awaitProjected } from '../support/record.js';

/** The day the first run judges by: a follow-up due on 1 March is overdue, an offer expiring on 20 March close. */
const MARCH_10 = new Date('2026-03-10T08:00:00Z');

/**
 * Derived events: worked out by the API's one scheduler from the committed read models, queued with their claim in
 * one transaction, and published after commit by the projector, on a derived topic per classification level.
 */
describe('derived events for consumers who should not fold history', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let apps: RunningApps;
  let scheduler: SchedulerService;
  const ids: Record<string, string> = {};

  const claims = (kind: string) =>
    db.count('SELECT count(*) AS n FROM derived_announcements WHERE kind = $1', [kind]);

  async function derived(level: string, count: number, only?: (r: ConsumedRecord<DerivedEvent>) => boolean) {
    return readDerivedTopic(derivedTopic(config.kafka.topicPrefix, level), count, {
      distinctBy: (r) => r.event.id,
      ...(only ? { only } : {}),
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({
      databaseUrl: db.url,
      topicPrefix: uniqueName('derived'),
      extra: { SCHEDULER_INTERVAL_MS: '0' },
    });
    apps = await startApps(config);
    scheduler = apps.api.get(SchedulerService);
    const meeting = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
    ids.overdue = (await recorded(apps.api, '/v1/follow-ups', followUpBody(meeting.eventId))).entryId;
    ids.notDue = (
      await recorded(apps.api, '/v1/follow-ups', followUpBody(meeting.eventId, { dueDate: '2026-04-01' }))
    ).entryId;
    ids.expiring = (
      await recorded(
        apps.api,
        '/v1/countries/SY/incentive-offers',
        incentiveOfferBody({ expiresOn: '2026-03-20' }),
      )
    ).entryId;
    ids.later = (
      await recorded(
        apps.api,
        '/v1/countries/SY/incentive-offers',
        incentiveOfferBody({ expiresOn: '2026-12-31' }),
      )
    ).entryId;
    // Syria's RAN: half Huawei as the unclassified record has it; three quarters with a secret contract added.
    await recorded(
      apps.api,
      '/v1/countries/SY/contracts',
      contractBody({ vendorId: 'huawei', units: 1_000 }),
    );
    await recorded(apps.api, '/v1/countries/SY/contracts', contractBody({ vendorId: 'nokia', units: 1_000 }));
    await recorded(
      apps.api,
      '/v1/countries/SY/contracts',
      contractBody({ vendorId: 'huawei', units: 2_000, classification: 'secret' }),
    );
    await awaitProjected(db);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  it('announces an overdue follow-up and an offer about to expire, once each, on the topic of their level', async () => {
    await scheduler.runOnce(MARCH_10);
    const records = await derived('unclassified', 2, (r) => r.event.type !== HIGH_RISK_SHARE_CHANGED);
    const overdue = records.find((r) => r.event.type === FOLLOW_UP_BECAME_OVERDUE);
    expect(overdue?.key).toBe('SY');
    expect(overdue?.event).toMatchObject({
      subject: ids.overdue,
      country: 'SY',
      classification: 'unclassified',
      time: '2026-03-02T00:00:00.000Z',
      data: { followUpId: ids.overdue, dueDate: '2026-03-01', owner: 'desk.officer.sy' },
    });
    const expiring = records.find((r) => r.event.type === OFFER_EXPIRING);
    expect(expiring?.event.data).toMatchObject({
      offerId: ids.expiring,
      expiresOn: '2026-03-20',
      daysLeft: 10,
    });
    for (const record of records) {
      expect(record.headers[EVENT_HEADERS.dataSchema]).toBe(
        `${config.publicBaseUrl}/schemas/derived/${record.event.type}/v1.json`,
      );
      expect(validateEventData(record.event.type, 1, record.value)).toEqual({ ok: true });
    }
    // Nothing about the follow-up not yet due or the offer expiring in December.
    const subjects = records.map((r) => r.event.subject);
    expect(subjects).not.toContain(ids.notDue);
    expect(subjects).not.toContain(ids.later);

    // A second run announces nothing again.
    await scheduler.runOnce(MARCH_10);
    expect(await claims(FOLLOW_UP_BECAME_OVERDUE)).toBe(1);
    expect(await claims(OFFER_EXPIRING)).toBe(1);
    expect(await db.count('SELECT count(*) AS n FROM projector_outbox')).toBe(0);
  });

  it("announces each level's high-risk share, classified at the highest level of its contracts", async () => {
    await scheduler.runOnce();
    const share = (r: ConsumedRecord<DerivedEvent>) => r.event.type === HIGH_RISK_SHARE_CHANGED;
    const [low] = await derived('unclassified', 1, share);
    const [high] = await derived('secret', 1, share);
    expect(low?.event).toMatchObject({ subject: 'SY/ran/sites', classification: 'unclassified' });
    expect(low?.event.data).toMatchObject({
      country: 'SY',
      domain: 'ran',
      unitKind: 'sites',
      previousSharePercent: null,
      sharePercent: 50,
      direction: 'rose',
      total: 2_000,
      highRiskVendors: [{ vendorId: 'huawei', name: 'Huawei', sharePercent: 50 }],
    } satisfies Partial<HighRiskShareChangedData>);
    expect(high?.event.data).toMatchObject({ sharePercent: 75, total: 4_000, previousSharePercent: null });
    // No level in between has a figure of its own: the unclassified one is theirs too.
    for (const level of ['restricted', 'confidential']) {
      expect(
        await db.count('SELECT count(*) AS n FROM derived_announcements WHERE kind = $1 AND level = $2', [
          HIGH_RISK_SHARE_CHANGED,
          level,
        ]),
      ).toBe(0);
    }
  });

  it('announces a share again only when it moves, with the share it moved from', async () => {
    await scheduler.runOnce();
    expect(await claims(HIGH_RISK_SHARE_CHANGED)).toBe(2);
    await recorded(
      apps.api,
      '/v1/countries/SY/contracts',
      contractBody({ vendorId: 'ericsson', units: 2_000 }),
    );
    await awaitProjected(db);
    await scheduler.runOnce();
    const moves = await derived(
      'unclassified',
      2,
      (r) => r.event.type === HIGH_RISK_SHARE_CHANGED && r.event.subject === 'SY/ran/sites',
    );
    const fell = moves.find((r) => (r.event.data as HighRiskShareChangedData).direction === 'fell');
    expect(fell?.event.data).toMatchObject({ previousSharePercent: 50, sharePercent: 25, total: 4_000 });
    // The secret figure moved too (from 75 % to 50 %), on its own topic.
    const secret = await derived('secret', 2, (r) => r.event.type === HIGH_RISK_SHARE_CHANGED);
    expect(secret.map((r) => (r.event.data as HighRiskShareChangedData).sharePercent).sort()).toEqual([
      50, 75,
    ]);
  });
});
