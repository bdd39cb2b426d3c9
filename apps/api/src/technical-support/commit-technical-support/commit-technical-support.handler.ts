import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { technicalSupportDecider, technicalSupportStreamId } from '#domain';
import { entryFacts, periodOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { CommitTechnicalSupportCommand } from './commit-technical-support.command.js';

@CommandHandler(CommitTechnicalSupportCommand)
export class CommitTechnicalSupportHandler implements ICommandHandler<CommitTechnicalSupportCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ country, request, context }: CommitTechnicalSupportCommand): Promise<EntryRecorded> {
    const supportId = randomUUID();
    return this.entries.execute({
      entryId: supportId,
      newStream: true,
      streamId: technicalSupportStreamId(supportId),
      category: 'support',
      decider: technicalSupportDecider,
      context,
      command: (metadata) => ({
        type: 'CommitTechnicalSupport' as const,
        ...entryFacts(country, request),
        support: {
          supportId,
          supportType: request.supportType,
          provider: request.provider,
          beneficiary: request.beneficiary,
          period: periodOf(request.period),
          budget: moneyOf(request.budget),
          description: request.description,
        },
        metadata,
      }),
    });
  }
}
