import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { ObserveCountryResponseRequestDto } from './observe-country-response.request.dto.js';

export class ObserveCountryResponseCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: ObserveCountryResponseRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
