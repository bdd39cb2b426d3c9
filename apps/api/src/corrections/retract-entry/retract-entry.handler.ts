import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { EntryStore } from '../../shared/entry-store.js';
import { recordCorrection } from '../entry-correction.js';
import { RetractEntryCommand } from './retract-entry.command.js';

@CommandHandler(RetractEntryCommand)
export class RetractEntryHandler implements ICommandHandler<RetractEntryCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ eventId, request, context }: RetractEntryCommand): Promise<EntryRecorded> {
    return recordCorrection(this.entries, eventId, context, (metadata) => ({
      type: 'RetractEntry',
      targetEventId: eventId,
      reason: request.reason,
      metadata,
    }));
  }
}
