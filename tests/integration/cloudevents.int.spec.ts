import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { type CloudEvent, Kafka as CloudEventsKafka, type KafkaMessage } from 'cloudevents';
import type { AppConfig } from '#config';
import { EVENT_HEADERS, validateEventData } from '#contracts';
import { CLASSIFICATIONS } from '#domain';
import { type EventRow, toStoredEvent } from '#event-store';
import {
  createKafka,
  EventPublisher,
  engagementTopic,
  engagementTopicSpecs,
  engagementTopics,
  ensureTopics,
} from '#messaging';
import { startProjector } from '../../apps/projector/src/bootstrap.js';
import { READ_MODEL_PROJECTIONS } from '../../apps/projector/src/projections/read-model-projections.js';
import { rebuildProjection } from '../../apps/projector/src/rebuild/rebuild.js';
import { startRelay } from '../../apps/relay/src/bootstrap.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { PrivateBroker } from '../support/broker.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { legacyWireMessage } from '../support/legacy-wire.js';
import { seed } from '../support/seed.js';
import { waitFor } from '../support/wait.js';

const run = promisify(execFile);

/** One record as `kcat -J` prints it: headers as a flat [name, value, name, value…] list. */
interface KcatRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly payload: string | null;
  readonly headers?: string[];
}

/** Every record of `topic`, start to end, read by Debian's kcat (librdkafka), not by our code. */
async function kcat(broker: string, topic: string): Promise<KcatRecord[]> {
  try {
    const { stdout } = await run(
      'kcat',
      ['-C', '-b', broker, '-t', topic, '-J', '-e', '-q', '-o', 'beginning'],
      {
        maxBuffer: 256 * 1024 * 1024,
        timeout: 60_000,
      },
    );
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as KcatRecord);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error("kcat is not installed: install Debian's kcat package (apt-get install -y kcat)");
    }
    throw error;
  }
}

function headerMap(record: KcatRecord): Record<string, string> {
  const list = record.headers ?? [];
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) headers[list[i] as string] = list[i + 1] as string;
  return headers;
}

const EVENT_ROWS = `
SELECT global_position::text AS global_position, event_id, stream_id, stream_version, event_type, schema_version,
       country, occurred_at, recorded_at, recorded_by, classification, source, confidence, correlation_id,
       causation_id, data
FROM events ORDER BY global_position`;

const TIMELINE = `SELECT * FROM country_timeline ORDER BY stream_id, event_id, revision`;

/**
 * A topic an older build filled (the whole envelope as each record's value), the migration that republishes
 * every event as a CloudEvent in binary mode, and what a downstream team sees afterwards through clients we did
 * not write: kcat reads the records, the cloudevents SDK's Kafka binding decodes them.
 */
describe('events on Kafka as CloudEvents in binary mode', () => {
  // kcat signs in with librdkafka, whose SCRAM exchange this Kafka refuses; a private PLAINTEXT broker serves here.
  const broker = new PrivateBroker();
  let db: TestDatabase;
  let config: AppConfig;
  let apps: RunningApps;
  const pipeline: INestApplicationContext[] = [];
  let stored: ReturnType<typeof toStoredEvent>[];
  let timelineBefore: unknown[];

  const unpublished = () => db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');

  /** Waits until the projector's checkpoints reach the end of every level's topic. */
  async function projectorAtEnd(): Promise<void> {
    const kafka = createKafka({ brokers: [broker.address] }, 'checkpoint-test');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, number>();
      for (const topic of engagementTopics(config.kafka.topicPrefix)) {
        for (const o of await admin.fetchTopicOffsets(topic))
          ends.set(`${topic}/${o.partition}`, Number(o.high));
      }
      await waitFor(
        async () => {
          const { rows } = await db.pool.query<{ topic: string; partition: number; next_offset: string }>(
            `SELECT topic, partition, next_offset::text FROM projection_checkpoints WHERE projection = 'read-models'`,
          );
          const at = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, Number(r.next_offset)]));
          return [...ends].every(([k, end]) => end === 0 || at.get(k) === end) ? true : undefined;
        },
        { what: 'the projector at the end of every level', timeoutMs: 60_000 },
      );
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    await broker.start();
    db = await createTestDatabase();
    config = testConfig({
      databaseUrl: db.url,
      topicPrefix: uniqueName('cloudevents'),
      brokers: broker.address,
    });
    // The demo seed, recorded through the API with the relay stopped: the events wait in the outbox.
    apps = await startApps(config, { pipeline: false });
    await apps.api.listen(0, '127.0.0.1');
    const api = `http://127.0.0.1:${(apps.api.getHttpServer().address() as AddressInfo).port}`;
    expect(await seed(api)).toMatchObject({ code: 0 });

    // An older build's relay publishes them all in its format, and the outbox records them as published.
    const kafka = createKafka({ brokers: [broker.address] }, 'older-build');
    await ensureTopics(kafka, engagementTopicSpecs(config.kafka.topicPrefix, 3, 1));
    const { rows } = await db.pool.query<EventRow & { topic: string; message_key: string }>(
      `SELECT e.*, e.global_position::text AS global_position, o.topic, o.message_key
       FROM (${EVENT_ROWS}) e JOIN outbox o ON o.global_position = e.global_position::bigint
       ORDER BY e.global_position::bigint`,
    );
    stored = rows.map((row) => toStoredEvent(row));
    const older = new EventPublisher(kafka, config.publicBaseUrl);
    for (const [i, row] of rows.entries()) {
      await older.publishRaw(row.topic, [legacyWireMessage(stored[i] as never, row.message_key)]);
    }
    await older.disconnect();
    await db.pool.query('UPDATE outbox SET published_at = now()');

    // This build's relay and projector start: the projector reads the older format.
    pipeline.push(await startRelay(config), await startProjector(config));
    await projectorAtEnd();
    timelineBefore = (await db.pool.query(TIMELINE)).rows;
    expect(timelineBefore.length).toBeGreaterThan(20);

    // The migration queues every event again; the relay republishes each in binary mode.
    const migration = readFileSync(
      new URL('../../migrations/1764086400016_republish-cloudevents.sql', import.meta.url),
      'utf8',
    );
    await db.pool.query(migration.split('-- Down Migration')[0] ?? '');
    expect(await unpublished()).toBe(stored.length);
    await waitFor(async () => ((await unpublished()) === 0 ? true : undefined), {
      what: 'the relay republished every event',
      timeoutMs: 60_000,
    });
    await projectorAtEnd();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(pipeline.map((app) => app.close()));
    await apps?.close();
    await db?.drop();
    await broker.destroy();
  });

  it('applies no event twice: the read models are as they were before the republishing', async () => {
    expect((await db.pool.query(TIMELINE)).rows).toEqual(timelineBefore);
    expect(await db.count('SELECT count(*) AS n FROM projected_events')).toBe(stored.length);
  });

  it('puts every event on the topic of its level once more, readable by kcat and the cloudevents SDK', async () => {
    const seen = new Map<string, CloudEvent<unknown>>();
    for (const level of CLASSIFICATIONS) {
      const topic = engagementTopic(config.kafka.topicPrefix, level);
      for (const record of await kcat(broker.address, topic)) {
        const headers = headerMap(record);
        // Records without ce_recordedat are the older build's, each repeated later in binary mode.
        if (headers[EVENT_HEADERS.recordedAt] === undefined) continue;
        const message: KafkaMessage<string | null> = {
          key: record.key ?? '',
          value: record.payload,
          headers,
          body: record.payload,
        };
        const event = CloudEventsKafka.toEvent(message) as CloudEvent<unknown>;
        expect(event.validate()).toBe(true);
        expect(event.classification).toBe(level);
        expect(seen.has(event.id)).toBe(false);
        seen.set(event.id, event);
      }
    }
    expect([...seen.keys()].sort()).toEqual(stored.map((e) => e.eventId).sort());
    const schemas = new Set<string>();
    for (const e of stored) {
      const event = seen.get(e.eventId) as CloudEvent<unknown>;
      expect(event).toMatchObject({
        specversion: '1.0',
        id: e.eventId,
        type: e.type,
        source: '/demarche',
        subject: e.streamId,
        datacontenttype: 'application/json',
        dataschema: `${config.publicBaseUrl}/schemas/events/${e.type}/v${e.schemaVersion}.json`,
        recordedat: e.recordedAt,
        schemaversion: String(e.schemaVersion),
        country: e.country,
        streamversion: String(e.streamVersion),
        globalposition: e.globalPosition,
        correlationid: e.correlationId,
        partitionkey: e.streamId.startsWith('vendor-') ? e.streamId : e.country,
      });
      // `time` is when it happened; the SDK reads it as a date and gives it back in RFC 3339.
      expect(new Date(event.time as string).toISOString()).toBe(e.occurredAt);
      expect(event.data).toEqual(e.data);
      // The data matches the schema its record names (Ajv, strict), and that schema is served by the API.
      expect({ id: e.eventId, ...validateEventData(e.type, e.schemaVersion, event.data) }).toEqual({
        id: e.eventId,
        ok: true,
      });
      schemas.add(new URL(event.dataschema as string).pathname);
    }
    for (const path of schemas) {
      const response = await apps.api.inject({ method: 'GET', url: path });
      expect({ path, status: response.statusCode }).toEqual({ path, status: 200 });
    }
  });

  it('rebuilds the same timeline from topics that hold both formats', async () => {
    await rebuildProjection(db.pool, READ_MODEL_PROJECTIONS, {
      projection: 'country-timeline',
      source: {
        kind: 'kafka',
        kafka: createKafka({ brokers: [broker.address] }, 'rebuild-test'),
        topics: engagementTopics(config.kafka.topicPrefix),
      },
    });
    expect((await db.pool.query(TIMELINE)).rows).toEqual(timelineBefore);
  });
});
