import { Controller, Get, Header } from '@nestjs/common';
import { RolesAccess } from '../auth/access.js';
import { MetricsService } from './metrics.service.js';

@RolesAccess('admin', 'service')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text exposition format. */
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
