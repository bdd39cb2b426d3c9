import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import type pg from 'pg';
import { AlertConsumer } from '../alert-consumer.js';
import { PG_POOL } from '../tokens.js';

/** Liveness, and readiness: the database answers and the service reads at least one topic. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly consumer: AlertConsumer,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async (): Promise<HealthIndicatorResult> => {
        await this.pool.query('SELECT 1');
        return { database: { status: 'up' } };
      },
      async (): Promise<HealthIndicatorResult> => {
        const topics = this.consumer.subscribed;
        if (topics.length === 0) throw new Error('no readable record topic yet');
        return { kafka: { status: 'up', topics: [...topics] } };
      },
    ]);
  }
}
