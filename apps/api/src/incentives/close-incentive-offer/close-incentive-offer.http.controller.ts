import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CloseIncentive } from '#domain';
import { RecordAccess } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { CloseIncentiveOfferCommand } from './close-incentive-offer.command.js';
import { CloseIncentiveOfferRequestDto } from './close-incentive-offer.request.dto.js';

@RecordAccess()
@Controller('v1/incentive-offers/:id')
export class CloseIncentiveOfferHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('accept')
  accept(
    @Param('id', uuidParam()) offerId: string,
    @Body() body: CloseIncentiveOfferRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    return this.close('AcceptIncentive', offerId, body, request, reply);
  }

  @Post('decline')
  decline(
    @Param('id', uuidParam()) offerId: string,
    @Body() body: CloseIncentiveOfferRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    return this.close('DeclineIncentive', offerId, body, request, reply);
  }

  @Post('withdraw')
  withdraw(
    @Param('id', uuidParam()) offerId: string,
    @Body() body: CloseIncentiveOfferRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    return this.close('WithdrawIncentive', offerId, body, request, reply);
  }

  @Post('expire')
  expire(
    @Param('id', uuidParam()) offerId: string,
    @Body() body: CloseIncentiveOfferRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    return this.close('ExpireIncentive', offerId, body, request, reply);
  }

  private async close(
    answer: CloseIncentive['type'],
    offerId: string,
    body: CloseIncentiveOfferRequestDto,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new CloseIncentiveOfferCommand(offerId, answer, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
