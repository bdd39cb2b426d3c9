import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { TIMELINE_ENTRY, type TimelineEntryView, type TimelineRow, toEntry } from '../timeline.sql.js';
import { GetEntryQuery } from './get-entry.query.js';

@QueryHandler(GetEntryQuery)
export class GetEntryHandler implements IQueryHandler<GetEntryQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({
    eventId,
  }: GetEntryQuery): Promise<{ entry: TimelineEntryView; streamHead: number } | undefined> {
    const { rows } = await this.pool.query<TimelineRow & { stream_head: number }>(TIMELINE_ENTRY, [eventId]);
    const row = rows[0];
    return row && { entry: toEntry(row), streamHead: row.stream_head };
  }
}
