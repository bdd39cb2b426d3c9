import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { AmendIncentiveTermsCommand } from './amend-incentive-terms.command.js';
import { AmendIncentiveTermsRequestDto } from './amend-incentive-terms.request.dto.js';

@RecordAccess()
@Controller('v1/incentive-offers/:id/amend')
export class AmendIncentiveTermsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async amend(
    @Param('id', uuidParam()) offerId: string,
    @Body() body: AmendIncentiveTermsRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new AmendIncentiveTermsCommand(offerId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
