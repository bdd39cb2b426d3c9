import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { followUpDecider, followUpStreamId } from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { CompleteFollowUpCommand } from './complete-follow-up.command.js';

@CommandHandler(CompleteFollowUpCommand)
export class CompleteFollowUpHandler implements ICommandHandler<CompleteFollowUpCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ followUpId, request, context }: CompleteFollowUpCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: followUpId,
      streamId: followUpStreamId(followUpId),
      category: 'follow-up',
      decider: followUpDecider,
      context,
      command: (metadata) => ({
        type: 'CompleteFollowUp' as const,
        ...transitionFactsOf(request),
        note: request.note,
        metadata,
      }),
    });
  }
}
