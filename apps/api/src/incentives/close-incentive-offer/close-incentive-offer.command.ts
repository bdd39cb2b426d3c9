import { Command } from '@nestjs/cqrs';
import type { CloseIncentive } from '#domain';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { CloseIncentiveOfferRequestDto } from './close-incentive-offer.request.dto.js';

/** Accept, decline, withdraw or expire an open offer: one use case, four answers. */
export class CloseIncentiveOfferCommand extends Command<EntryRecorded> {
  constructor(
    readonly offerId: string,
    readonly answer: CloseIncentive['type'],
    readonly request: CloseIncentiveOfferRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
