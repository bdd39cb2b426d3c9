import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { TimelineEntryView } from '../timeline.sql.js';
import { GetEntryQuery } from './get-entry.query.js';

/** What a 201's Location points at, once the projector has caught up. */
@Controller('v1/entries')
export class GetEntryHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':eventId')
  async entry(@Param('eventId', new ParseUUIDPipe()) eventId: string): Promise<TimelineEntryView> {
    const entry = await this.queryBus.execute(new GetEntryQuery(eventId));
    if (!entry) throw new NotFoundException(`No timeline entry ${eventId} (it may not be projected yet).`);
    return entry;
  }
}
