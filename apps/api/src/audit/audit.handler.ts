import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLASSIFICATIONS } from '#domain';
import { readAuditPage } from '#event-store';
import { PG_READ_POOL } from '../infrastructure/tokens.js';
import { type AuditPage, ListAuditQuery } from './audit.query.js';
import { toAuditItem } from './audit.sql.js';
import { encodeAuditCursor } from './audit-cursor.js';

@QueryHandler(ListAuditQuery)
export class ListAuditHandler implements IQueryHandler<ListAuditQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute({ scope, filter, limit, cursor }: ListAuditQuery): Promise<AuditPage> {
    // The levels a reader of this rank sees, by name: CLASSIFICATIONS is ordered unclassified … secret.
    const visibleLevels = CLASSIFICATIONS.slice(0, scope.maxRank + 1);
    const rows = await readAuditPage(this.pool, {
      levels: visibleLevels,
      countries: scope.countries,
      recordedBy: filter.actor ?? null,
      country: filter.country ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      before: cursor?.before ?? null,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toAuditItem),
      nextCursor: rows.length > limit && last ? encodeAuditCursor({ before: last.global_position }) : null,
    };
  }
}
