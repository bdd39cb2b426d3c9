import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { Reader, RolesAccess } from '../auth/access.js';
import { RequestValidationException } from '../http/validation.js';
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
  async audit(@Reader() scope: ReadScope, @Query() query: AuditRequestDto): Promise<AuditPage> {
    const cursor = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
    if (query.cursor !== undefined && cursor === undefined) {
      throw new RequestValidationException([
        { field: 'cursor', message: 'cursor is not one this API issued' },
      ]);
    }
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from >= to) {
      throw new RequestValidationException([{ field: 'to', message: 'to must be after from' }]);
    }
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
