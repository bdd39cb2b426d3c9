import { type DynamicModule, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type pg from 'pg';
import type { AppConfig } from '#config';
import { synchronousStdout } from '#config';
import { createPool } from '#event-store';
import { createKafka } from '#messaging';
import { ProjectionRunnerService } from './projection-runner.service.js';
import { READ_MODEL_PROJECTIONS } from './projections/read-model-projections.js';
import { APP_CONFIG, KAFKA, PG_POOL, PROJECTIONS } from './tokens.js';

@Module({})
export class ProjectorModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  static forRoot(config: AppConfig): DynamicModule {
    const kafkaLog = new Logger('kafkajs');
    const pgLog = new Logger('postgres');
    return {
      module: ProjectorModule,
      imports: [LoggerModule.forRoot({ pinoHttp: [{ level: config.logLevel }, synchronousStdout()] })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: PG_POOL,
          useFactory: () =>
            // A connection per partition applied at once, and two for the after-commit publisher and admin reads.
            createPool(config.databaseUrl, config.projector.concurrency + 2, {
              warn: (o, m) => pgLog.warn({ msg: m, ...o }),
            }),
        },
        { provide: PROJECTIONS, useValue: READ_MODEL_PROJECTIONS },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka(config.kafka, `${config.kafka.clientId}-projector`, {
              warn: (o, m) => kafkaLog.warn({ msg: m, ...o }),
              error: (o, m) => kafkaLog.error({ msg: m, ...o }),
            }),
        },
        ProjectionRunnerService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
