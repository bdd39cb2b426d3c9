import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { RetractEntryCommand } from './retract-entry.command.js';
import { RetractEntryRequestDto } from './retract-entry.request.dto.js';

@RecordAccess()
@Controller('v1/entries/:id/retractions')
export class RetractEntryHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async retract(
    @Param('id', uuidParam()) eventId: string,
    @Body() body: RetractEntryRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new RetractEntryCommand(eventId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
