import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../auth/access.js';
import { AnswersWith } from '../http/openapi/read-models.js';
import { issuedCursor } from '../http/query-params.js';
import { type SearchPage, SearchTimelineQuery } from './search.query.js';
import { SearchRequestDto } from './search.request.dto.js';
import { decodeSearchCursor } from './search-cursor.js';

/**
 * Full-text search across the countries the reader may see. Every role reads, within its token's countries and
 * clearance: an entry above either is never matched, so it is neither returned nor counted into a page.
 */
@ReadAccess()
@Controller('v1/search')
export class SearchHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('SearchPage')
  async search(@Query() query: SearchRequestDto, @Reader() scope: ReadScope): Promise<SearchPage> {
    const cursor = issuedCursor(query.cursor, decodeSearchCursor);
    return this.queryBus.execute(new SearchTimelineQuery(query.q, query.country, query.limit, cursor, scope));
  }
}
