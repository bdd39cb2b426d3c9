import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { RetractEntryRequestDto } from './retract-entry.request.dto.js';

export class RetractEntryCommand extends Command<EntryRecorded> {
  constructor(
    readonly eventId: string,
    readonly request: RetractEntryRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
