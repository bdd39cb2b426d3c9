import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { AssignFollowUpCommand } from './assign-follow-up.command.js';
import { AssignFollowUpRequestDto } from './assign-follow-up.request.dto.js';

@RecordAccess()
@Controller('v1/follow-ups')
export class AssignFollowUpHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async assign(
    @Body() body: AssignFollowUpRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(new AssignFollowUpCommand(body, requestContext(request)));
    return replyRecorded(reply, recorded);
  }
}
