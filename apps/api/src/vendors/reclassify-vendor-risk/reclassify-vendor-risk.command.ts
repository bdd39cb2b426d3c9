import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { ReclassifyVendorRiskRequestDto } from './reclassify-vendor-risk.request.dto.js';

export class ReclassifyVendorRiskCommand extends Command<EntryRecorded> {
  constructor(
    readonly vendorId: string,
    readonly request: ReclassifyVendorRiskRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
