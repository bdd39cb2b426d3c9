import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { OfferIncentiveRequestDto } from './offer-incentive.request.dto.js';

export class OfferIncentiveCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: OfferIncentiveRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
