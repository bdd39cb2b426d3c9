import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { CorrectEntryCommand } from './correct-entry.command.js';
import { CorrectEntryRequestDto } from './correct-entry.request.dto.js';

@RecordAccess()
@Controller('v1/entries/:id/corrections')
export class CorrectEntryHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async correct(
    @Param('id', uuidParam()) eventId: string,
    @Body() body: CorrectEntryRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new CorrectEntryCommand(eventId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
