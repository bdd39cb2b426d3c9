import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { AwardContractRequestDto } from './award-contract.request.dto.js';

export class AwardContractCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: AwardContractRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
