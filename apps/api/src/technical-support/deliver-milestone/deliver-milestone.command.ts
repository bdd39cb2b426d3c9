import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { DeliverMilestoneRequestDto } from './deliver-milestone.request.dto.js';

export class DeliverMilestoneCommand extends Command<EntryRecorded> {
  constructor(
    readonly supportId: string,
    readonly request: DeliverMilestoneRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
