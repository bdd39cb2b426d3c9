import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { CompleteFollowUpCommand } from './complete-follow-up.command.js';
import { CompleteFollowUpRequestDto } from './complete-follow-up.request.dto.js';

@RecordAccess()
@Controller('v1/follow-ups/:id/complete')
export class CompleteFollowUpHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async complete(
    @Param('id', uuidParam()) followUpId: string,
    @Body() body: CompleteFollowUpRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new CompleteFollowUpCommand(followUpId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
