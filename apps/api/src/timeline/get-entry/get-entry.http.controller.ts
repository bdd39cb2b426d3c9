import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { TimelineEntryView } from '../timeline.sql.js';
import { GetEntryQuery } from './get-entry.query.js';

/** What a 201's Location points at, once the projector has caught up. */
@Controller('v1/entries')
export class GetEntryHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':eventId')
  async entry(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TimelineEntryView> {
    const found = await this.queryBus.execute(new GetEntryQuery(eventId));
    if (!found) throw new NotFoundException(`No timeline entry ${eventId} (it may not be projected yet).`);
    // The stream version this read reflects: send it back as If-Match to change the entry.
    void reply.header('etag', `"${found.streamHead}"`);
    return found.entry;
  }
}
