import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { ObserveCompetingOfferCommand } from './observe-competing-offer.command.js';
import { ObserveCompetingOfferRequestDto } from './observe-competing-offer.request.dto.js';

@RecordAccess()
@Controller('v1/countries/:country/competing-offers')
export class ObserveCompetingOfferHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async observe(
    @Param('country', CountryCodePipe) country: string,
    @Body() body: ObserveCompetingOfferRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new ObserveCompetingOfferCommand(country, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
