import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { CommitTechnicalSupportCommand } from './commit-technical-support.command.js';
import { CommitTechnicalSupportRequestDto } from './commit-technical-support.request.dto.js';

@RecordAccess()
@Controller('v1/countries/:country/technical-support')
export class CommitTechnicalSupportHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async commit(
    @Param('country', CountryCodePipe) country: string,
    @Body() body: CommitTechnicalSupportRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new CommitTechnicalSupportCommand(country, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
