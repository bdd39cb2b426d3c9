import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type FollowUpList, ListFollowUpsQuery } from './list-follow-ups.query.js';
import { ListFollowUpsRequestDto } from './list-follow-ups.request.dto.js';

/** Follow-ups across countries: what is open, overdue (open and due before today, UTC) or done. */
@Controller('v1/follow-ups')
export class ListFollowUpsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  followUps(@Query() query: ListFollowUpsRequestDto): Promise<FollowUpList> {
    const today = new Date().toISOString().slice(0, 10);
    return this.queryBus.execute(new ListFollowUpsQuery(query.country, query.status, today));
  }
}
