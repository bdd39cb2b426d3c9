import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { CorrectEntryRequestDto } from './correct-entry.request.dto.js';

export class CorrectEntryCommand extends Command<EntryRecorded> {
  constructor(
    readonly eventId: string,
    readonly request: CorrectEntryRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
