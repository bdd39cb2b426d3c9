import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { technicalSupportDecider, technicalSupportStreamId } from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { CloseTechnicalSupportCommand } from './close-technical-support.command.js';

@CommandHandler(CloseTechnicalSupportCommand)
export class CloseTechnicalSupportHandler implements ICommandHandler<CloseTechnicalSupportCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ supportId, request, context }: CloseTechnicalSupportCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: supportId,
      streamId: technicalSupportStreamId(supportId),
      category: 'support',
      decider: technicalSupportDecider,
      context,
      command: (metadata) => ({
        type: 'CloseTechnicalSupport' as const,
        ...transitionFactsOf(request),
        outcome: request.outcome,
        note: request.note,
        metadata,
      }),
    });
  }
}
