import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { CommitTechnicalSupportRequestDto } from './commit-technical-support.request.dto.js';

export class CommitTechnicalSupportCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: CommitTechnicalSupportRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
