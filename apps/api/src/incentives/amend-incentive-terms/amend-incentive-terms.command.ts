import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { AmendIncentiveTermsRequestDto } from './amend-incentive-terms.request.dto.js';

export class AmendIncentiveTermsCommand extends Command<EntryRecorded> {
  constructor(
    readonly offerId: string,
    readonly request: AmendIncentiveTermsRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
