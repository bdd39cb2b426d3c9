import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { TIMELINE_PAGE, type TimelineRow, toEntry } from '../timeline.sql.js';
import { GetTimelineQuery, type TimelinePage } from './get-timeline.query.js';
import { encodeCursor } from './timeline-cursor.js';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetTimelineQuery): Promise<TimelinePage> {
    const { rows } = await this.pool.query<TimelineRow>(TIMELINE_PAGE, [
      query.country,
      query.types ?? null,
      query.from ?? null,
      query.to ?? null,
      query.cursor?.occurredAt ?? null,
      query.cursor?.position ?? null,
      query.limit + 1,
    ]);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      country: query.country,
      entries: page.map(toEntry),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ occurredAt: last.occurred_at.toISOString(), position: last.global_position })
          : null,
    };
  }
}
