import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contractDecider, contractStreamId } from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { TerminateContractCommand } from './terminate-contract.command.js';

@CommandHandler(TerminateContractCommand)
export class TerminateContractHandler implements ICommandHandler<TerminateContractCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ contractId, request, context }: TerminateContractCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: contractId,
      streamId: contractStreamId(contractId),
      category: 'contract',
      decider: contractDecider,
      context,
      command: (metadata) => ({
        type: 'TerminateContract' as const,
        ...transitionFactsOf(request),
        reason: request.reason,
        equipment: request.equipment,
        swappedInEquipment: request.swappedInEquipment,
        metadata,
      }),
    });
  }
}
