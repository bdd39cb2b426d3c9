import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { RecordDialogueRoundRequestDto } from './record-dialogue-round.request.dto.js';

export class RecordDialogueRoundCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: RecordDialogueRoundRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
