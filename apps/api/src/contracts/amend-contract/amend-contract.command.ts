import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { AmendContractRequestDto } from './amend-contract.request.dto.js';

export class AmendContractCommand extends Command<EntryRecorded> {
  constructor(
    readonly contractId: string,
    readonly request: AmendContractRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
