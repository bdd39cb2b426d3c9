import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { ObserveCountryResponseCommand } from './observe-country-response.command.js';
import { ObserveCountryResponseRequestDto } from './observe-country-response.request.dto.js';

@RecordAccess()
@Controller('v1/countries/:country/responses')
export class ObserveCountryResponseHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async observe(
    @Param('country', CountryCodePipe) country: string,
    @Body() body: ObserveCountryResponseRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new ObserveCountryResponseCommand(country, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
