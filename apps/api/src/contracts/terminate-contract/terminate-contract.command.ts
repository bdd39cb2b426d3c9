import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { TerminateContractRequestDto } from './terminate-contract.request.dto.js';

export class TerminateContractCommand extends Command<EntryRecorded> {
  constructor(
    readonly contractId: string,
    readonly request: TerminateContractRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
