import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordAccess } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { RecordDialogueRoundCommand } from './record-dialogue-round.command.js';
import { RecordDialogueRoundRequestDto } from './record-dialogue-round.request.dto.js';

@RecordAccess()
@Controller('v1/countries/:country/dialogues')
export class RecordDialogueRoundHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async record(
    @Param('country', CountryCodePipe) country: string,
    @Body() body: RecordDialogueRoundRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new RecordDialogueRoundCommand(country, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
