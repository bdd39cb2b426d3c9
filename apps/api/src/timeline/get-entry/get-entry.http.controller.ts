import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { NotFoundError, type ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { type EntryView, GetEntryQuery } from './get-entry.query.js';

/** What a 201's Location points at, once the projector has caught up. */
@ReadAccess()
@Controller('v1/entries')
export class GetEntryHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':eventId')
  @AnswersWith('EntryView')
  async entry(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Reader() scope: ReadScope,
  ): Promise<EntryView> {
    // An entry the reader may not see answers as one that does not exist: the same 404, body and all.
    const found = await this.queryBus.execute(new GetEntryQuery(eventId, scope));
    if (found.entry === undefined) {
      // Not projected, and it will not be until an operator replays the stream's dead letters.
      if (found.parked) {
        throw new NotFoundError(
          'ENTRY_PARKED',
          'The entry is recorded, but its stream is parked by a projection.',
          {
            eventId,
            parked: found.parked,
          },
        );
      }
      throw new NotFoundException(`No timeline entry ${eventId} (it may not be projected yet).`);
    }
    // The stream version this read reflects: send it back as If-Match to change the entry. While the stream is
    // parked (`parked` is set) it does not move.
    void reply.header('etag', `"${found.streamHead}"`);
    return found.entry;
  }
}
