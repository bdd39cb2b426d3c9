import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { ObserveCompetingOfferRequestDto } from './observe-competing-offer.request.dto.js';

export class ObserveCompetingOfferCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: ObserveCompetingOfferRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
