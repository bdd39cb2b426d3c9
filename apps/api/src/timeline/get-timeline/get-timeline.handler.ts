import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { scopeParams } from '../read-scope.sql.js';
import { TIMELINE_PAGE, type TimelineRow, toEntry } from '../timeline.sql.js';
import { GetTimelineQuery, TIMELINE_ENTRY_CORRECTIONS, type TimelinePage } from './get-timeline.query.js';
import { encodeCursor } from './timeline-cursor.js';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute({ country, limit, cursor, filter, scope }: GetTimelineQuery): Promise<TimelinePage> {
    const { rows } = await this.pool.query<TimelineRow>(TIMELINE_PAGE, [
      country,
      filter.types ?? null,
      filter.from ?? null,
      filter.to ?? null,
      cursor?.occurredAt ?? null,
      cursor?.position ?? null,
      limit + 1,
      filter.knownAt ?? null,
      filter.asOf ?? null,
      filter.includeRetracted,
      filter.topic ?? null,
      filter.vendor ?? null,
      filter.participant ?? null,
      TIMELINE_ENTRY_CORRECTIONS,
      ...scopeParams(scope),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      country,
      entries: page.map(toEntry),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ occurredAt: last.occurred_at.toISOString(), position: last.global_position })
          : null,
    };
  }
}
