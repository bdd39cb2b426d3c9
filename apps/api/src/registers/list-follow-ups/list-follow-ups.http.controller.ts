import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { registerViewOf } from '../register-read.request.dto.js';
import { type FollowUpList, ListFollowUpsQuery } from './list-follow-ups.query.js';
import { ListFollowUpsRequestDto } from './list-follow-ups.request.dto.js';

/**
 * Follow-ups across countries: what is open, overdue (open and due before today, UTC) or done; as known at
 * `knownAt` (then "today" is that date).
 */
@Controller('v1/follow-ups')
export class ListFollowUpsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  followUps(@Query() query: ListFollowUpsRequestDto): Promise<FollowUpList> {
    return this.queryBus.execute(
      new ListFollowUpsQuery(query.country, query.status, registerViewOf(query, new Date())),
    );
  }
}
