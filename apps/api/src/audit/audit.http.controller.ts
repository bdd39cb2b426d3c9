import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { Reader, RolesAccess } from '../auth/access.js';
import { AnswersWith } from '../http/openapi/read-models.js';
import { dateRange, issuedCursor } from '../http/query-params.js';
import type { AuditPage } from './audit.query.js';
import { ListAuditQuery } from './audit.query.js';
import { AuditRequestDto } from './audit.request.dto.js';
import { decodeAuditCursor } from './audit-cursor.js';

/**
 * The audit trail, for admins: who recorded, changed, corrected or retracted which entry and when, from the event
 * store. An admin's clearance still holds: what is above it is left out as if it had never been recorded.
 */
@RolesAccess('admin')
@Controller('v1/audit')
export class AuditHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('AuditPage')
  async audit(@Reader() scope: ReadScope, @Query() query: AuditRequestDto): Promise<AuditPage> {
    const cursor = issuedCursor(query.cursor, decodeAuditCursor);
    const { from, to } = dateRange(query.from, query.to);
    return this.queryBus.execute(
      new ListAuditQuery(
        scope,
        { actor: query.actor, country: query.country, from, to },
        query.limit,
        cursor,
      ),
    );
  }
}
