import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { PROJECTION_TABLES, rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { PrivateBroker } from '../support/broker.js';
import type { TestDatabase } from '../support/database.js';
import { ADMIN_DATABASE_URL, testConfig, testEnv, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { readTopic } from '../support/kafka.js';
import { PrivatePostgres } from '../support/private-postgres.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { waitFor } from '../support/wait.js';

const CLIENTS = 4;
const COUNTRIES = ['SY', 'LB', 'IQ', 'JO'];
const LOAD_MS_PER_FAULT = 4_000;
/**
 * Each client's pause between commands: at most about 100 commands/s in all. Flat out, the volume followed the
 * machine's speed (16k–54k commands), and on a loaded machine the five rebuilds, each over the whole and still
 * growing log, ran past the test's time; the faults, not the volume, are what this test is about.
 */
const THINK_MS = 40;

/** One logical command as a client sees it: retried with its Idempotency-Key until acknowledged. */
interface Outcome {
  readonly key: string;
  eventId?: string;
  attempts: number;
  serverErrors: number;
}

/** When the machine's server (the integration tests' one) last started: this test must never restart it. */
async function sharedServerStartedAt(): Promise<string> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>('SELECT pg_postmaster_start_time()::text AS t');
    return rows[0]?.t ?? '';
  } finally {
    await client.end();
  }
}

/**
 * Under a steady stream of commands from several clients, one fault at a time; then every acknowledged command
 * must exist exactly once in the event store, on Kafka (after de-duplication by event id) and in the projections.
 * The broker and the PostgreSQL server that get killed are this test's own.
 */
describe('faults under steady load', () => {
  const broker = new PrivateBroker();
  const postgres = new PrivatePostgres();
  let sharedStartedAt: string;
  let db: TestDatabase;
  let apps: RunningApps;
  let env: Record<string, string>;
  let topic: string;
  const processes: { relay?: AppProcess; projector?: AppProcess } = {};

  beforeAll(async () => {
    sharedStartedAt = await sharedServerStartedAt();
    await Promise.all([broker.start(), postgres.start()]);
    db = await postgres.createDatabase();
    const topicPrefix = uniqueName('load');
    topic = `${topicPrefix}.engagement.unclassified`;
    const overrides = { databaseUrl: db.url, topicPrefix, brokers: broker.address };
    env = testEnv({ ...overrides, extra: { RELAY_MAX_BACKOFF_MS: '1000', PROJECTOR_TX_SIZE: '20' } });
    apps = await startApps(testConfig(overrides), { pipeline: false });
    processes.relay = spawnApp('relay', env);
    processes.projector = spawnApp('projector', env);
  });

  afterAll(async () => {
    await Promise.all([processes.relay?.kill('SIGKILL'), processes.projector?.kill('SIGKILL')]);
    await apps?.close();
    await db?.drop().catch(() => undefined);
    await Promise.all([broker.destroy(), postgres.destroy()]);
  });

  async function send(outcome: Outcome, country: string): Promise<void> {
    for (;;) {
      outcome.attempts += 1;
      const response = await apps.api
        .inject({
          method: 'POST',
          url: `/v1/countries/${country}/meetings`,
          payload: meetingBody({ summary: `load ${outcome.key}` }),
          headers: { 'idempotency-key': outcome.key },
        })
        .catch(() => undefined);
      if (response?.statusCode === 201) {
        outcome.eventId = response.json().eventId;
        return;
      }
      outcome.serverErrors += 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('loses and doubles nothing across broker, projector, relay and Postgres failures and a rebuild', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; running; i += 1) {
        const outcome: Outcome = { key: randomUUID(), attempts: 0, serverErrors: 0 };
        outcomes.push(outcome);
        await send(outcome, COUNTRIES[(client + i) % COUNTRIES.length] ?? 'SY');
        // A little think time: a steady stream, not a flood that only measures catch-up.
        await new Promise((resolve) => setTimeout(resolve, THINK_MS));
      }
    });
    const load = () => new Promise((resolve) => setTimeout(resolve, LOAD_MS_PER_FAULT));
    // Where the time goes, printed as it passes: a run that overruns its timeout still shows its last phase.
    const began = Date.now();
    const phase = (name: string) =>
      console.log(
        `steady load +${((Date.now() - began) / 1000).toFixed(1)} s: ${name} (${outcomes.length} sent)`,
      );

    await load();
    phase('broker killed');
    await broker.kill();
    await load();
    await broker.start();
    phase('broker restarted');

    await load();
    await processes.projector?.kill('SIGKILL');
    processes.projector = spawnApp('projector', env);
    phase('projector killed and restarted');

    await load();
    await processes.relay?.kill('SIGKILL');
    processes.relay = spawnApp('relay', env);
    phase('relay killed and restarted');

    await load();
    // A crash, not a clean shutdown: sessions die mid-transaction and the server runs crash recovery.
    await postgres.restart({ crash: true });
    phase('postgres crashed and restarted');
    await load();

    // Every projection rebuilt and swapped in while the clients keep writing.
    const rebuilt = [];
    for (const projection of Object.keys(PROJECTION_TABLES)) {
      rebuilt.push(await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, { projection }));
      phase(`${projection} rebuilt`);
    }
    await load();

    running = false;
    await Promise.all(clients);
    phase('clients stopped');

    const acknowledged = outcomes.filter((o) => o.eventId).map((o) => o.eventId as string);
    const meetingsStored = await db.count(
      `SELECT count(*) AS n FROM events WHERE event_type = 'EnvoyMeetingHeld'`,
    );
    await waitFor(
      async () =>
        (await db.count(
          `SELECT count(*) AS n FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld' AND known_until IS NULL`,
        )) === acknowledged.length
          ? true
          : undefined,
      { what: 'every acknowledged meeting projected', timeoutMs: 90_000 },
    ).catch(async (error) => {
      const state = await db.pool.query(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS unpublished,
                (SELECT count(*) FROM projection_parked_streams) AS parked,
                (SELECT count(*) FROM country_timeline WHERE known_until IS NULL) AS projected,
                (SELECT string_agg(DISTINCT reason, ' | ') FROM projection_parked_streams) AS reasons`,
      );
      console.log(
        'stalled:',
        JSON.stringify(state.rows[0]),
        '\nrelay:',
        processes.relay?.output().slice(-3000),
        '\nprojector:',
        processes.projector?.output().slice(-3000),
      );
      throw error;
    });
    phase('every acknowledged meeting projected');
    const records = await readTopic(topic, acknowledged.length, {
      brokers: broker.address,
      timeoutMs: 60_000,
      only: (r) => r.event.type === 'EnvoyMeetingHeld',
      // The relay publishes at least once (a send that failed half-way is sent again): wait for every event.
      distinctBy: (r) => r.event.eventId as string,
    });
    const onKafka = new Set(records.map((r) => r.event.eventId as string));
    const stored = new Set(
      (
        await db.pool.query<{ event_id: string }>(
          `SELECT event_id FROM events WHERE event_type = 'EnvoyMeetingHeld'`,
        )
      ).rows.map((r) => r.event_id),
    );
    const projected = new Set(
      (
        await db.pool.query<{ event_id: string }>(
          `SELECT event_id FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld' AND known_until IS NULL`,
        )
      ).rows.map((r) => r.event_id),
    );
    const counted = await db.count('SELECT coalesce(sum(entries), 0) AS n FROM country_activity');
    const missing = acknowledged.filter((id) => !stored.has(id) || !onKafka.has(id) || !projected.has(id));
    const gaps = await db.count(
      'SELECT count(*) AS n FROM (SELECT stream_id FROM events GROUP BY stream_id HAVING max(stream_version) <> count(*)) g',
    );
    const withoutOutbox = await db.count(
      'SELECT count(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.global_position = e.global_position)',
    );
    const serverErrors = outcomes.reduce((sum, o) => sum + o.serverErrors, 0);
    console.log(
      `steady load: sent ${outcomes.length} commands (${outcomes.reduce((s, o) => s + o.attempts, 0)} requests, ` +
        `${serverErrors} answered 5xx or failed and were retried), acknowledged ${acknowledged.length}, ` +
        `stored ${meetingsStored}, on Kafka ${records.length} (${onKafka.size} distinct, ` +
        `${records.length - onKafka.size} duplicates), projected ${projected.size}, counted ${counted}, ` +
        `missing ${missing.length}, stream gaps ${gaps}, events without outbox ${withoutOutbox}; rebuilt ` +
        rebuilt
          .map((r) => `${r.projection} (${r.applied} events, ${r.caughtUpAtSwap} at the swap)`)
          .join(', '),
    );
    expect(acknowledged.length).toBe(outcomes.length);
    expect(missing).toEqual([]);
    // One event per logical command: retries after a 5xx never wrote a second one.
    expect(meetingsStored).toBe(acknowledged.length);
    expect(projected.size).toBe(acknowledged.length);
    expect(counted).toBe(acknowledged.length);
    expect(gaps).toBe(0);
    expect(withoutOutbox).toBe(0);
    expect(await sharedServerStartedAt()).toBe(sharedStartedAt);
  }, 300_000);
});
