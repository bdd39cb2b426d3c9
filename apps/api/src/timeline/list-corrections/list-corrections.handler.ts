import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { scopeParams } from '../read-scope.sql.js';
import { CORRECTIONS_PAGE, type CorrectionsPageRow, toCorrectionsPage } from './corrections.sql.js';
import { type CorrectionsFound, ListCorrectionsQuery } from './list-corrections.query.js';

@QueryHandler(ListCorrectionsQuery)
export class ListCorrectionsHandler implements IQueryHandler<ListCorrectionsQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute({ eventId, limit, cursor, scope }: ListCorrectionsQuery): Promise<CorrectionsFound> {
    const { rows } = await this.pool.query<CorrectionsPageRow>(CORRECTIONS_PAGE, [
      eventId,
      cursor?.before ?? null,
      limit,
      ...scopeParams(scope),
    ]);
    const row = rows[0];
    if (!row) return { entry: undefined };
    if (cursor && row.cursor_event_id !== cursor.eventId) return { entry: eventId, foreignCursor: true };
    return { entry: eventId, page: toCorrectionsPage(row) };
  }
}
