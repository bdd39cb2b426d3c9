import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { CloseTechnicalSupportCommand } from './close-technical-support.command.js';
import { CloseTechnicalSupportRequestDto } from './close-technical-support.request.dto.js';

@RecordAccess()
@Controller('v1/technical-support/:id/close')
export class CloseTechnicalSupportHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async close(
    @Param('id', uuidParam()) supportId: string,
    @Body() body: CloseTechnicalSupportRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new CloseTechnicalSupportCommand(supportId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
