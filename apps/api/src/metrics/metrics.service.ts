import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppConfig } from '#config';
import { Outbox, poolErrorCount } from '#event-store';
import { engagementTopics, type Kafka } from '#messaging';
import { APP_CONFIG, KAFKA, PG_POOL } from '../infrastructure/tokens.js';
import { PARKED_STREAMS, PROJECTION_CHECKPOINTS, PROJECTOR_OUTBOX } from './metrics.sql.js';

interface ProjectorOutbox {
  pending: number;
  refused: number;
  oldest_pending_seconds: number;
}

/**
 * Prometheus metrics (prom-client). The API's own request figures, plus the pipeline's health read at scrape
 * time: relay backlog from the outbox, projection lag from checkpoints against Kafka's end offsets, the
 * streams a projection has parked, and what the projector has queued for Kafka after its commits.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger(MetricsService.name);

  readonly requestDuration = new Histogram({
    name: 'demarche_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly commandErrors = new Counter({
    name: 'demarche_command_errors_total',
    help: 'Refused or failed commands by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'demarche_api_' });
    const db = this.pool;
    new Counter({
      name: 'demarche_postgres_pool_errors_total',
      help: 'Errors on idle connections of the API database pool (the server restarted or dropped them)',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(poolErrorCount(db));
      },
    });
    // The outbox is the event store's table: its backlog is read through libs/event-store, like the relay's.
    const outbox = new Outbox(this.pool);
    new Gauge({
      name: 'demarche_relay_backlog_events',
      help: 'Outbox rows not yet published to Kafka',
      registers: [this.registry],
      async collect() {
        this.set((await outbox.backlog()).pending);
      },
    });
    new Gauge({
      name: 'demarche_relay_backlog_oldest_seconds',
      help: 'Age of the oldest outbox row not yet published',
      registers: [this.registry],
      async collect() {
        this.set((await outbox.backlog()).oldestSeconds);
      },
    });
    new Gauge({
      name: 'demarche_projection_parked_streams',
      help: 'Streams a projection has parked behind an event it could not apply; `npm run dlq` replays them',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        const { rows } = await db.query<{ projection: string; parked: number }>(PARKED_STREAMS);
        this.reset();
        // The read-models runner is always reported, so an alert on it sees 0 rather than no series.
        this.set({ projection: 'read-models' }, 0);
        for (const row of rows) this.set({ projection: row.projection }, row.parked);
      },
    });
    // One query per scrape for the three projector-outbox gauges: a scrape collects them together, so they share
    // the read in flight and agree with each other (a row refused meanwhile is not counted twice).
    let projectorOutboxRead: Promise<ProjectorOutbox> | undefined;
    const projectorOutbox = () =>
      (projectorOutboxRead ??= db
        .query<ProjectorOutbox>(PROJECTOR_OUTBOX)
        .then(({ rows }) => rows[0] ?? { pending: 0, refused: 0, oldest_pending_seconds: 0 })
        .finally(() => {
          projectorOutboxRead = undefined;
        }));
    new Gauge({
      name: 'demarche_projector_outbox_pending_records',
      help: 'Records the projector queued in projector_outbox (dead letters) and has not yet sent to Kafka',
      registers: [this.registry],
      async collect() {
        this.set((await projectorOutbox()).pending);
      },
    });
    new Gauge({
      name: 'demarche_projector_outbox_oldest_pending_seconds',
      help: 'Age of the oldest record in projector_outbox not yet sent to Kafka',
      registers: [this.registry],
      async collect() {
        this.set((await projectorOutbox()).oldest_pending_seconds);
      },
    });
    new Gauge({
      name: 'demarche_projector_outbox_refused_records',
      help: 'Records in projector_outbox Kafka refused for their content: never sent, kept with the error (npm run dlq -- list)',
      registers: [this.registry],
      async collect() {
        this.set((await projectorOutbox()).refused);
      },
    });
    const lagEvents = new Gauge({
      name: 'demarche_projection_lag_events',
      help: 'Events on Kafka a projection has not applied yet, per topic (classification level) and partition',
      labelNames: ['projection', 'topic', 'partition'] as const,
      registers: [this.registry],
    });
    const lagSeconds = new Gauge({
      name: 'demarche_projection_lag_seconds',
      help: 'While behind: seconds since the last event the projection applied was recorded',
      labelNames: ['projection', 'topic', 'partition'] as const,
      registers: [this.registry],
      collect: async () => {
        await this.collectLag(lagEvents, lagSeconds);
      },
    });
  }

  private async collectLag(lagEvents: Gauge<string>, lagSeconds: Gauge<string>): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      // Every level's topic; one the relay has not created yet has no lag to report.
      const existing = new Set(await admin.listTopics());
      const ends: { topic: string; partition: number; high: string }[] = [];
      for (const topic of engagementTopics(this.config.kafka.topicPrefix).filter((t) => existing.has(t))) {
        for (const end of await admin.fetchTopicOffsets(topic)) ends.push({ topic, ...end });
      }
      const { rows } = await this.pool.query<{
        projection: string;
        topic: string;
        partition: number;
        next_offset: string;
        since_last_seconds: number;
      }>(PROJECTION_CHECKPOINTS);
      for (const { topic, ...end } of ends) {
        for (const projection of new Set(rows.map((r) => r.projection).concat('read-models'))) {
          const checkpoint = rows.find(
            (r) => r.projection === projection && r.topic === topic && r.partition === end.partition,
          );
          const behind = Number(BigInt(end.high) - BigInt(checkpoint?.next_offset ?? '0'));
          const labels = { projection, topic, partition: String(end.partition) };
          lagEvents.set(labels, Math.max(0, behind));
          lagSeconds.set(labels, behind > 0 ? (checkpoint?.since_last_seconds ?? 0) : 0);
        }
      }
    } catch (error) {
      this.logger.warn(`projection lag unavailable: ${(error as Error).message}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
