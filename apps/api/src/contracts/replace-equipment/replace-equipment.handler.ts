import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contractDecider, contractStreamId } from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { registeredVendor } from '../../vendors/registered-vendor.js';
import { ReplaceEquipmentCommand } from './replace-equipment.command.js';

@CommandHandler(ReplaceEquipmentCommand)
export class ReplaceEquipmentHandler implements ICommandHandler<ReplaceEquipmentCommand> {
  constructor(private readonly entries: EntryStore) {}

  async execute({ contractId, request, context }: ReplaceEquipmentCommand): Promise<EntryRecorded> {
    const to = await registeredVendor(this.entries, request.toVendorId, 'toVendorId', context.actor);
    return this.entries.execute({
      entryId: contractId,
      streamId: contractStreamId(contractId),
      category: 'contract',
      decider: contractDecider,
      context,
      command: (metadata) => ({
        type: 'ReplaceEquipment' as const,
        ...transitionFactsOf(request),
        fromVendorId: request.fromVendorId,
        to,
        units: request.units,
        value: moneyOf(request.value),
        note: request.note,
        metadata,
      }),
    });
  }
}
