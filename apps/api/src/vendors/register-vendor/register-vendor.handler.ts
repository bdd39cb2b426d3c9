import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { vendorDecider, vendorStreamId } from '#domain';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { RegisterVendorCommand } from './register-vendor.command.js';

@CommandHandler(RegisterVendorCommand)
export class RegisterVendorHandler implements ICommandHandler<RegisterVendorCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ request, context }: RegisterVendorCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: request.vendorId,
      streamId: vendorStreamId(request.vendorId),
      category: 'vendor',
      decider: vendorDecider,
      context,
      command: (metadata) => ({
        type: 'RegisterVendor' as const,
        occurredAt: new Date(request.occurredAt),
        vendor: {
          vendorId: request.vendorId,
          name: request.name,
          origin: request.origin.toUpperCase(),
          highRisk: request.highRisk,
          riskBasis: request.riskBasis ?? null,
        },
        metadata,
      }),
    });
  }
}
