import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { ReplaceEquipmentCommand } from './replace-equipment.command.js';
import { ReplaceEquipmentRequestDto } from './replace-equipment.request.dto.js';

@RecordAccess()
@Controller('v1/contracts/:id/replace')
export class ReplaceEquipmentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async replace(
    @Param('id', uuidParam()) contractId: string,
    @Body() body: ReplaceEquipmentRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new ReplaceEquipmentCommand(contractId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
