import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { AppConfig } from '#config';
import { engagementTopic } from '#messaging';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { incentiveOfferBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { waitFor } from '../support/wait.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The API's scheduler and its first job: an offer whose expiresOn has passed gets its IncentiveExpired recorded
 * once, by system:scheduler, dated when it lapsed (the start of the UTC day after expiresOn). All data synthetic.
 */
describe('the scheduler expiring lapsed offers', () => {
  let db: TestDatabase;
  let apps: RunningApps;
  let config: AppConfig;
  let scheduler: SchedulerService;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({
      databaseUrl: db.url,
      topicPrefix: uniqueName('scheduler'),
      // Runs only when a test asks (runOnce), never on a timer.
      extra: { SCHEDULER_INTERVAL_MS: '0' },
    });
    apps = await startApps(config);
    scheduler = apps.api.get(SchedulerService);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  async function offer(expiresOn: string | null, occurredAt = '2026-01-10T09:00:00Z') {
    return recorded(
      apps.api,
      '/v1/countries/SY/incentive-offers',
      incentiveOfferBody({ occurredAt, expiresOn }),
    );
  }

  /** Waits until the registers hold the offer's current row at the given stream version. */
  async function registered(offerId: string, version: number) {
    return waitFor(
      async () => {
        const { rows } = await db.pool.query<{ status: string; state: Record<string, unknown> }>(
          `SELECT status, state FROM registers
           WHERE stream_id = $1 AND known_until IS NULL AND stream_version = $2`,
          [`incentive-${offerId}`, version],
        );
        return rows[0];
      },
      { what: `offer ${offerId} registered at version ${version}` },
    );
  }

  async function streamEvents(offerId: string) {
    const { rows } = await db.pool.query<{
      event_type: string;
      recorded_by: string;
      occurred_at: Date;
      correlation_id: string;
    }>(
      `SELECT event_type, recorded_by, occurred_at, correlation_id FROM events
       WHERE stream_id = $1 ORDER BY stream_version`,
      [`incentive-${offerId}`],
    );
    return rows;
  }

  const expirations = async () =>
    db.count(`SELECT count(*) AS n FROM events WHERE event_type = 'IncentiveExpired'`);

  const doneBy = (run: Awaited<ReturnType<SchedulerService['runOnce']>>) =>
    run.kind === 'ran' ? run.jobs.find((j) => j.job === 'expire-lapsed-offers') : undefined;

  it('records IncentiveExpired once for an offer past its expiry, as system:scheduler, and leaves the rest alone', async () => {
    // Expired on 31 January: lapsed since 1 February 00:00 UTC.
    const lapsed = await offer('2026-01-31');
    // Expires today: still open until midnight UTC.
    const lastDay = await offer(today());
    const fresh = await offer('2099-12-31');
    const openEnded = await offer(null);
    for (const o of [lapsed, lastDay, fresh, openEnded]) await registered(o.entryId, 1);

    const run = await scheduler.runOnce();
    if (run.kind !== 'ran') throw new Error('the scheduler stood by with no other replica running');
    expect(doneBy(run)).toEqual({ job: 'expire-lapsed-offers', done: 1, skipped: 0, failed: 0 });

    const events = await streamEvents(lapsed.entryId);
    expect(events.map((e) => [e.event_type, e.recorded_by])).toEqual([
      ['IncentiveOffered', 'test.officer'],
      ['IncentiveExpired', 'system:scheduler'],
    ]);
    expect(events[1]?.occurred_at.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(events[1]?.correlation_id).toBe(run.correlationId);
    for (const o of [lastDay, fresh, openEnded]) expect(await streamEvents(o.entryId)).toHaveLength(1);

    // Downstream consumers hear of it on Kafka…
    const [published] = await readTopic(engagementTopic(config.kafka.topicPrefix, 'unclassified'), 1, {
      only: (r) => r.event.type === 'IncentiveExpired' && r.event.streamId === lapsed.streamId,
    });
    expect(published?.event).toMatchObject({
      type: 'IncentiveExpired',
      recordedBy: 'system:scheduler',
      occurredAt: '2026-02-01T00:00:00.000Z',
      country: 'SY',
      data: { offerId: lapsed.entryId, note: 'Lapsed unanswered: the offer expired on 2026-01-31.' },
    });
    // …and the projector puts it on the timeline and in the register.
    const timeline = await waitFor(
      async () => {
        const response = await apps.api.inject({
          method: 'GET',
          url: '/v1/countries/SY/timeline?type=IncentiveExpired',
        });
        const entries = response.json().entries as { streamId: string }[];
        return entries.find((entry) => entry.streamId === lapsed.streamId);
      },
      { what: 'the expiry on the timeline' },
    );
    expect(timeline).toMatchObject({
      recordedBy: 'system:scheduler',
      occurredAt: '2026-02-01T00:00:00.000Z',
    });
    expect((await registered(lapsed.entryId, 2)).state).toMatchObject({
      status: 'expired',
      closedAt: '2026-02-01T00:00:00.000Z',
    });

    // Nothing is left to expire.
    expect(doneBy(await scheduler.runOnce())).toEqual({
      job: 'expire-lapsed-offers',
      done: 0,
      skipped: 0,
      failed: 0,
    });
    expect(await streamEvents(lapsed.entryId)).toHaveLength(2);
  });

  it('writes nothing twice when re-run before the registers caught up (as after a crash)', async () => {
    const lapsed = await offer('2026-01-31');
    await registered(lapsed.entryId, 1);
    expect(doneBy(await scheduler.runOnce())).toMatchObject({ done: 1 });
    const expired = await registered(lapsed.entryId, 2);

    // The register reads as before the expiry, as if the projector had not applied it yet.
    const current = `stream_id = $1 AND known_until IS NULL`;
    await db.pool.query(
      `UPDATE registers SET status = 'offered', state = state || '{"status": "offered"}' WHERE ${current}`,
      [lapsed.streamId],
    );
    try {
      expect(doneBy(await scheduler.runOnce())).toEqual({
        job: 'expire-lapsed-offers',
        done: 0,
        skipped: 1,
        failed: 0,
      });
      expect((await streamEvents(lapsed.entryId)).map((e) => e.event_type)).toEqual([
        'IncentiveOffered',
        'IncentiveExpired',
      ]);
    } finally {
      await db.pool.query(`UPDATE registers SET status = 'expired', state = $2 WHERE ${current}`, [
        lapsed.streamId,
        expired.state,
      ]);
    }
  });

  it('records an expiry once when two schedulers (two API replicas) run at once', async () => {
    const lapsed = await offer('2026-02-28', '2026-02-01T09:00:00Z');
    await registered(lapsed.entryId, 1);
    const before = await expirations();
    const replica: NestFastifyApplication = await createApiApp(config, { logger: false });
    await replica.init();
    try {
      const other = replica.get(SchedulerService);
      const runs = await Promise.all([scheduler.runOnce(), other.runOnce(), scheduler.runOnce()]);
      const done = runs
        .map((r) => doneBy(r))
        .reduce((sum, job) => sum + (job && 'done' in job ? job.done : 0), 0);
      expect(done).toBe(1);
      expect(await expirations()).toBe(before + 1);
      const events = await streamEvents(lapsed.entryId);
      expect(events.map((e) => [e.event_type, e.occurred_at.toISOString()])).toEqual([
        ['IncentiveOffered', '2026-02-01T09:00:00.000Z'],
        ['IncentiveExpired', '2026-03-01T00:00:00.000Z'],
      ]);
    } finally {
      await replica.close();
    }
  });

  it('stands by, writing nothing, while another replica holds the lock', async () => {
    const lapsed = await offer('2026-01-31');
    await registered(lapsed.entryId, 1);
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('demarche.scheduler'))`);
      expect(await scheduler.runOnce()).toEqual({ kind: 'standby' });
      expect(await streamEvents(lapsed.entryId)).toHaveLength(1);
      await holder.query(`SELECT pg_advisory_unlock(hashtext('demarche.scheduler'))`);
      expect(doneBy(await scheduler.runOnce())).toMatchObject({ done: 1 });
      expect(await streamEvents(lapsed.entryId)).toHaveLength(2);
    } finally {
      await holder.end();
    }
  });

  it('counts its runs and their items on /metrics', async () => {
    const metrics = (await apps.api.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/demarche_scheduler_runs_total\{outcome="ran"\} [1-9]/);
    expect(metrics).toMatch(/demarche_scheduler_runs_total\{outcome="standby"\} [1-9]/);
    expect(metrics).toMatch(
      /demarche_scheduler_job_items_total\{job="expire-lapsed-offers",result="done"\} [1-9]/,
    );
    expect(metrics).toMatch(/demarche_scheduler_job_runs_total\{job="expire-lapsed-offers",outcome="ok"\}/);
  });

  it('runs on its interval when one is set, and stops with the app', async () => {
    const lapsed = await offer('2026-01-31');
    await registered(lapsed.entryId, 1);
    const ticking = await createApiApp({ ...config, scheduler: { intervalMs: 50 } }, { logger: false });
    await ticking.init();
    try {
      await waitFor(async () => ((await streamEvents(lapsed.entryId)).length === 2 ? true : undefined), {
        what: 'the interval run to expire the offer',
      });
    } finally {
      const closing = Date.now();
      await ticking.close();
      expect(Date.now() - closing).toBeLessThan(5_000);
    }
    expect(await streamEvents(lapsed.entryId)).toHaveLength(2);
  });
});
