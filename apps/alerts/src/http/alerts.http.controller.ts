import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AlertStore } from '../alert-store.js';
import { DeadDeliveriesQuery, ListAlertsQuery } from './alerts.request.dto.js';
import { RequiresScope, readerOfRequest, SCOPES } from './reader-auth.js';

@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly store: AlertStore) {}

  /**
   * Alerts newest first: those of the levels up to the token's clearance and of its countries, filtered by the
   * query; `next` is the `after` of the next page (null on the last).
   */
  @Get()
  @RequiresScope(SCOPES.read)
  async list(@Req() request: FastifyRequest, @Query() query: ListAlertsQuery) {
    const reader = readerOfRequest(request);
    return this.store.list(reader, {
      ...(query.country ? { country: query.country } : {}),
      ...(query.rule ? { rule: query.rule } : {}),
      ...(query.since ? { since: query.since } : {}),
      ...(query.after ? { after: query.after } : {}),
      includeWithdrawn: query.includeWithdrawn ?? false,
      limit: query.limit ?? 50,
    });
  }

  /** Webhook deliveries that failed their last attempt (the dead-letter list). */
  @Get('dead-deliveries')
  @RequiresScope(SCOPES.admin)
  async deadDeliveries(@Query() query: DeadDeliveriesQuery) {
    return { deliveries: await this.store.deadDeliveries(query.limit ?? 100) };
  }

  /** Queues a dead delivery again, due now, with its attempts counted afresh. */
  @Post('dead-deliveries/:alertId/:webhook/retry')
  @HttpCode(202)
  @RequiresScope(SCOPES.admin)
  async retry(@Param('alertId', new ParseUUIDPipe()) alertId: string, @Param('webhook') webhook: string) {
    if (!(await this.store.retryDead(alertId, webhook)))
      throw new NotFoundException(`No dead delivery of alert ${alertId} to ${webhook}.`);
    return { alertId, webhook, status: 'pending' };
  }
}
