import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { AwardContractCommand } from './award-contract.command.js';
import { AwardContractRequestDto } from './award-contract.request.dto.js';

@RecordAccess()
@Controller('v1/countries/:country/contracts')
export class AwardContractHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async award(
    @Param('country', CountryCodePipe) country: string,
    @Body() body: AwardContractRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new AwardContractCommand(country, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
