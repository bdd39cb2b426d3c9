import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { AssignFollowUpRequestDto } from './assign-follow-up.request.dto.js';

export class AssignFollowUpCommand extends Command<EntryRecorded> {
  constructor(
    readonly request: AssignFollowUpRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
