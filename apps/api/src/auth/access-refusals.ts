import { Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

/**
 * Refused requests (401 and 403), counted on /metrics by route and reason and logged with the subject (when the
 * token named one) and route: never the body, the token or the entry asked for.
 */
@Injectable()
export class AccessRefusals {
  private readonly logger = new Logger('access');
  private readonly counter: Counter<'route' | 'status' | 'reason'>;

  constructor(metrics: MetricsService) {
    this.counter = new Counter({
      name: 'demarche_http_refused_requests_total',
      help: 'Requests refused for authentication (401) or authorisation (403), by route and reason',
      labelNames: ['route', 'status', 'reason'] as const,
      registers: [metrics.registry],
    });
  }

  refused(status: 401 | 403, route: string, reason: string, subject: string | undefined): void {
    this.counter.inc({ route, status: String(status), reason });
    this.logger.warn({ status, route, reason, subject: subject ?? null }, 'request refused');
  }
}
