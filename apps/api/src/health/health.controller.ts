import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type pg from 'pg';
import { type Kafka, pingKafka } from '#messaging';
import { KAFKA, PG_POOL } from '../infrastructure/tokens.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Postgres and Kafka both answer: the service can take commands and publish them. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        this.indicators
          .check('postgres')
          .attempt(async () => {
            await this.pool.query('SELECT 1');
          })
          .withTimeout(2_000),
      () =>
        this.indicators
          .check('kafka')
          .attempt(() => pingKafka(this.kafka))
          .withTimeout(4_000)
          .cacheFor(1_000),
    ]);
  }
}
