import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  ValidationPipe,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka, type SASLOptions } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import pg from 'pg';
import pino from 'pino';
import { AlertConsumer, kafkaLogLevel } from './alert-consumer.js';
import { AlertStore } from './alert-store.js';
import type { AlertsConfig } from './config.js';
import { AlertsController } from './http/alerts.http.controller.js';
import { HealthController } from './http/health.controller.js';
import { fieldsInvalid, ProblemFilter } from './http/problem.filter.js';
import { ReaderTokens, ScopeGuard } from './http/reader-auth.js';
import { PG_POOL } from './tokens.js';
import { WebhookSender } from './webhook-delivery.js';

const CONFIG = Symbol('ALERTS_CONFIG');

@Module({})
export class AlertsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly consumer: AlertConsumer,
    private readonly sender: WebhookSender,
    @Inject(CONFIG) private readonly config: AlertsConfig,
  ) {}

  static forRoot(config: AlertsConfig): DynamicModule {
    const kafkaLog = new Logger('kafkajs');
    return {
      module: AlertsModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            { level: config.logLevel, autoLogging: false },
            pino.destination({ dest: 1, sync: true }),
          ],
        }),
        TerminusModule,
      ],
      controllers: [AlertsController, HealthController],
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: PG_POOL,
          useFactory: () => {
            const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5 });
            pool.on('error', (error) =>
              kafkaLog.warn({ msg: 'idle database client failed', error: `${error}` }),
            );
            return pool;
          },
        },
        {
          provide: Kafka,
          useFactory: () =>
            new Kafka({
              clientId: config.kafka.clientId,
              brokers: config.kafka.brokers,
              ...(config.kafka.sasl ? { sasl: { ...config.kafka.sasl } as SASLOptions } : {}),
              logLevel: kafkaLogLevel(config.logLevel),
              logCreator: () => (entry) =>
                kafkaLog.warn({ msg: entry.log.message, namespace: entry.namespace }),
            }),
        },
        {
          provide: AlertStore,
          inject: [PG_POOL],
          useFactory: (pool: pg.Pool) => new AlertStore(pool, config.webhooks),
        },
        {
          provide: AlertConsumer,
          inject: [Kafka, AlertStore],
          useFactory: (kafka: Kafka, store: AlertStore) => new AlertConsumer(kafka, store, config.kafka),
        },
        {
          provide: WebhookSender,
          inject: [AlertStore],
          useFactory: (store: AlertStore) => new WebhookSender(store, config),
        },
        { provide: ReaderTokens, useFactory: () => new ReaderTokens(config.auth) },
        { provide: APP_GUARD, useClass: ScopeGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            transform: true,
            whitelist: true,
            forbidNonWhitelisted: true,
            exceptionFactory: (errors) => fieldsInvalid(errors),
          }),
        },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.sender.start();
    new Logger('Alerts').log({
      msg: 'alerts service running',
      group: this.config.kafka.groupId,
      webhooks: this.config.webhooks.map((w) => w.name),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.sender.stop();
    await this.pool.end();
  }
}
