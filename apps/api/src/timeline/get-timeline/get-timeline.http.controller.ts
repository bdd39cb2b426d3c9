import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { dateRange, issuedCursor } from '../../http/query-params.js';
import { upperBound } from '../../shared/dates.js';
import { GetTimelineQuery, type TimelinePage } from './get-timeline.query.js';
import { GetTimelineRequestDto } from './get-timeline.request.dto.js';
import { decodeCursor } from './timeline-cursor.js';

@ReadAccess()
@Controller('v1/countries/:country/timeline')
export class GetTimelineHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('TimelinePage')
  async timeline(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: GetTimelineRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<TimelinePage> {
    const cursor = issuedCursor(query.cursor, decodeCursor);
    const { from, to } = dateRange(query.from, query.to);
    return this.queryBus.execute(
      new GetTimelineQuery(
        country,
        query.limit,
        cursor,
        {
          types: query.type,
          from,
          to,
          asOf: query.asOf === undefined ? undefined : upperBound(query.asOf),
          knownAt: query.knownAt === undefined ? undefined : upperBound(query.knownAt),
          topic: query.topic,
          vendor: query.vendor,
          participant: query.participant,
          includeRetracted: query.includeRetracted,
        },
        scope,
      ),
    );
  }
}
