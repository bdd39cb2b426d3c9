import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { technicalSupportDecider, technicalSupportStreamId } from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { DeliverMilestoneCommand } from './deliver-milestone.command.js';

@CommandHandler(DeliverMilestoneCommand)
export class DeliverMilestoneHandler implements ICommandHandler<DeliverMilestoneCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ supportId, request, context }: DeliverMilestoneCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: supportId,
      streamId: technicalSupportStreamId(supportId),
      category: 'support',
      decider: technicalSupportDecider,
      context,
      command: (metadata) => ({
        type: 'DeliverMilestone' as const,
        ...transitionFactsOf(request),
        milestone: request.milestone,
        note: request.note,
        metadata,
      }),
    });
  }
}
