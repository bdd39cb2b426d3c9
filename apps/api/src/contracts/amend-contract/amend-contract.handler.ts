import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contractDecider, contractStreamId } from '#domain';
import { namedFields, periodOf, transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { AmendContractCommand } from './amend-contract.command.js';

@CommandHandler(AmendContractCommand)
export class AmendContractHandler implements ICommandHandler<AmendContractCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ contractId, request, context }: AmendContractCommand): Promise<EntryRecorded> {
    const { units, value, financing, period } = request.changes;
    return this.entries.execute({
      entryId: contractId,
      streamId: contractStreamId(contractId),
      category: 'contract',
      decider: contractDecider,
      context,
      command: (metadata) => ({
        type: 'AmendContract' as const,
        ...transitionFactsOf(request),
        changes: namedFields({
          units,
          value: value === undefined ? undefined : moneyOf(value),
          financing,
          period: period && periodOf(period),
        }),
        unitsVendorId: request.unitsVendorId ?? null,
        reason: request.reason,
        metadata,
      }),
    });
  }
}
