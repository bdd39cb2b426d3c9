import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { vendorDecider, vendorStreamId } from '#domain';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { ReclassifyVendorRiskCommand } from './reclassify-vendor-risk.command.js';

@CommandHandler(ReclassifyVendorRiskCommand)
export class ReclassifyVendorRiskHandler implements ICommandHandler<ReclassifyVendorRiskCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ vendorId, request, context }: ReclassifyVendorRiskCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: vendorId,
      streamId: vendorStreamId(vendorId),
      category: 'vendor',
      decider: vendorDecider,
      context,
      command: (metadata) => ({
        type: 'ReclassifyVendorRisk' as const,
        occurredAt: new Date(request.occurredAt),
        highRisk: request.highRisk,
        riskBasis: request.riskBasis,
        metadata,
      }),
    });
  }
}
