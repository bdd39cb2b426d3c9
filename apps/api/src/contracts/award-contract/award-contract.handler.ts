import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contractDecider, contractStreamId } from '#domain';
import { entryFacts, periodOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { registeredVendor } from '../../vendors/registered-vendor.js';
import { AwardContractCommand } from './award-contract.command.js';

@CommandHandler(AwardContractCommand)
export class AwardContractHandler implements ICommandHandler<AwardContractCommand> {
  constructor(private readonly entries: EntryStore) {}

  async execute({ country, request, context }: AwardContractCommand): Promise<EntryRecorded> {
    const vendor = await registeredVendor(this.entries, request.vendorId, 'vendorId', context.actor);
    const contractId = randomUUID();
    return this.entries.execute({
      entryId: contractId,
      newStream: true,
      streamId: contractStreamId(contractId),
      category: 'contract',
      decider: contractDecider,
      context,
      command: (metadata) => ({
        type: 'AwardContract' as const,
        ...entryFacts(country, request),
        contract: {
          contractId,
          ...vendor,
          operator: request.operator,
          domain: request.domain,
          generation: request.generation,
          units: request.units,
          unitKind: request.unitKind,
          value: moneyOf(request.value),
          financing: request.financing ?? null,
          period: periodOf(request.period),
          description: request.description,
        },
        metadata,
      }),
    });
  }
}
