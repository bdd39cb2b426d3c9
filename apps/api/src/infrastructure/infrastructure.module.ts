import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type pg from 'pg';
import type { AppConfig } from '#config';
import { assertEventData } from '#contracts';
import { createPool, PostgresEventStore } from '#event-store';
import { createKafka, eventRouter } from '#messaging';
import { EntryStore } from '../shared/entry-store.js';
import { IdempotencyRetentionService } from './idempotency-retention.service.js';
import { APP_CONFIG, KAFKA, PG_POOL, PG_READ_POOL } from './tokens.js';

/** Postgres pool, event store and Kafka client, built once from the validated config. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: PG_POOL,
          useFactory: () => {
            const log = new Logger('postgres');
            return createPool(config.databaseUrl, 20, { warn: (o, m) => log.warn({ msg: m, ...o }) });
          },
        },
        {
          provide: PG_READ_POOL,
          useFactory: () => {
            const log = new Logger('postgres-reads');
            return createPool(
              config.reads.databaseUrl,
              config.reads.poolSize,
              { warn: (o, m) => log.warn({ msg: m, ...o }) },
              { statementTimeoutMs: config.reads.statementTimeoutMs },
            );
          },
        },
        {
          provide: PostgresEventStore,
          inject: [PG_POOL],
          // Nothing is recorded that breaks the published contract (libs/contracts): such an event is a bug
          // here, answered 500, never a record downstream services cannot read.
          useFactory: (pool: pg.Pool) =>
            new PostgresEventStore(pool, eventRouter(config.kafka.topicPrefix), (event) =>
              assertEventData(event.type, event.schemaVersion, event.data),
            ),
        },
        {
          provide: KAFKA,
          useFactory: () => createKafka(config.kafka, `${config.kafka.clientId}-api`),
        },
        EntryStore,
        IdempotencyRetentionService,
      ],
      exports: [APP_CONFIG, PG_POOL, PG_READ_POOL, PostgresEventStore, EntryStore, KAFKA],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.end(), this.readPool.end()]);
  }
}
