import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { RequestValidationException } from '../../http/validation.js';
import { decodeFollowUpCursor } from '../register-cursor.js';
import { registerPageOf } from '../register-read.request.dto.js';
import { type FollowUpList, ListFollowUpsQuery } from './list-follow-ups.query.js';
import { ListFollowUpsRequestDto } from './list-follow-ups.request.dto.js';

/**
 * Follow-ups across countries, a page at a time (`limit`, `cursor`): what is open, overdue (open and due before
 * today, UTC) or done; as known at `knownAt` (then "today" is that date).
 */
@ReadAccess()
@Controller('v1/follow-ups')
export class ListFollowUpsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('FollowUpList')
  followUps(@Query() query: ListFollowUpsRequestDto, @Reader() scope: ReadScope): Promise<FollowUpList> {
    const page = registerPageOf(query, decodeFollowUpCursor, new Date());
    if ('refused' in page) throw new RequestValidationException([{ field: 'cursor', message: page.refused }]);
    return this.queryBus.execute(new ListFollowUpsQuery(query.country, query.status, page, scope));
  }
}
