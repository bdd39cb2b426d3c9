import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PostgresEventStore } from '#event-store';

/** Idempotency keys are kept at least 24 hours; older than 48 they are dropped, hourly. */
const RETENTION = '48 hours';
const EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class IdempotencyRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyRetentionService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: PostgresEventStore) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.store.forgetIdempotencyKeys(RETENTION).catch((error: Error) => this.logger.warn(error.message));
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
