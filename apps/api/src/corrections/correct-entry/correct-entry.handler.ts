import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { EntryStore } from '../../shared/entry-store.js';
import { recordCorrection } from '../entry-correction.js';
import { CorrectEntryCommand } from './correct-entry.command.js';

@CommandHandler(CorrectEntryCommand)
export class CorrectEntryHandler implements ICommandHandler<CorrectEntryCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ eventId, request, context }: CorrectEntryCommand): Promise<EntryRecorded> {
    return recordCorrection(this.entries, eventId, context, (metadata) => ({
      type: 'CorrectEntry',
      targetEventId: eventId,
      changes: request.changes,
      reason: request.reason,
      metadata,
    }));
  }
}
