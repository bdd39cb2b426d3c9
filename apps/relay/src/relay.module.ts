import { type DynamicModule, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type pg from 'pg';
import type { AppConfig } from '#config';
import { synchronousStdout } from '#config';
import { createPool, Outbox } from '#event-store';
import { createKafka } from '#messaging';
import { OutboxRelayService } from './outbox-relay.service.js';
import { APP_CONFIG, KAFKA, PG_POOL } from './tokens.js';

@Module({})
export class RelayModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  static forRoot(config: AppConfig): DynamicModule {
    const kafkaLog = new Logger('kafkajs');
    const pgLog = new Logger('postgres');
    return {
      module: RelayModule,
      imports: [LoggerModule.forRoot({ pinoHttp: [{ level: config.logLevel }, synchronousStdout()] })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: PG_POOL,
          useFactory: () =>
            createPool(config.databaseUrl, 4, { warn: (o, m) => pgLog.warn({ msg: m, ...o }) }),
        },
        { provide: Outbox, inject: [PG_POOL], useFactory: (pool: pg.Pool) => new Outbox(pool) },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka(config.kafka, `${config.kafka.clientId}-relay`, {
              warn: (o, m) => kafkaLog.warn({ msg: m, ...o }),
              error: (o, m) => kafkaLog.error({ msg: m, ...o }),
            }),
        },
        OutboxRelayService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
