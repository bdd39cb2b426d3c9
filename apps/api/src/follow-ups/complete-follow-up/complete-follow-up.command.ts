import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { CompleteFollowUpRequestDto } from './complete-follow-up.request.dto.js';

export class CompleteFollowUpCommand extends Command<EntryRecorded> {
  constructor(
    readonly followUpId: string,
    readonly request: CompleteFollowUpRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
