import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_READ_POOL } from '../infrastructure/tokens.js';
import { scopeParams } from '../timeline/read-scope.sql.js';
import { type SearchPage, SearchTimelineQuery } from './search.query.js';
import { SEARCH_PAGE, type SearchRow, toSearchItem } from './search.sql.js';
import { encodeSearchCursor } from './search-cursor.js';

@QueryHandler(SearchTimelineQuery)
export class SearchTimelineHandler implements IQueryHandler<SearchTimelineQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute({ q, country, limit, cursor, scope }: SearchTimelineQuery): Promise<SearchPage> {
    const { rows } = await this.pool.query<SearchRow>(SEARCH_PAGE, [
      q,
      country ?? null,
      cursor?.rank ?? null,
      cursor?.position ?? null,
      limit + 1,
      ...scopeParams(scope),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      q,
      items: page.map(toSearchItem),
      nextCursor:
        rows.length > limit && last
          ? encodeSearchCursor({ rank: last.rank, position: last.global_position })
          : null,
    };
  }
}
