import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { DeliverMilestoneCommand } from './deliver-milestone.command.js';
import { DeliverMilestoneRequestDto } from './deliver-milestone.request.dto.js';

@RecordAccess()
@Controller('v1/technical-support/:id/milestones')
export class DeliverMilestoneHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async deliver(
    @Param('id', uuidParam()) supportId: string,
    @Body() body: DeliverMilestoneRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new DeliverMilestoneCommand(supportId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
