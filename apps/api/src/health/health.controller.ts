import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import { type Kafka, pingKafka } from '#messaging';
import { Public } from '../auth/access.js';
import { KAFKA, PG_POOL } from '../infrastructure/tokens.js';

@Public()
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
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    // Terminus reports a failed check as an exception; answer its own report body, not a generic problem.
    return this.check().catch((error: unknown) => {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse();
    });
  }

  private check() {
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
