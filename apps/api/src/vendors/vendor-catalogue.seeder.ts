import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DomainError,
  systemActor,
  VENDOR_CATALOGUE,
  VENDOR_CATALOGUE_DATE,
  type VendorRegisteredData,
  vendorDecider,
  vendorStreamId,
} from '#domain';
import type { RequestContext } from '../http/request-context.js';
import { EntryStore } from '../shared/entry-store.js';

/** Another API process registered the vendor between our read and our append. */
const LOST_RACE = new Set(['ALREADY_RECORDED', 'STREAM_VERSION_CONFLICT']);

/**
 * Registers the vendor catalogue on startup: every catalogue vendor whose stream does not exist yet. A failure
 * (Postgres down) is logged and the API starts anyway; the next start tries again.
 */
@Injectable()
export class VendorCatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('vendor-catalogue');

  constructor(private readonly entries: EntryStore) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const added = await this.seed();
      if (added > 0) this.logger.log(`registered ${added} catalogue vendor(s)`);
    } catch (error) {
      this.logger.warn(
        `vendor catalogue not seeded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Registers the missing catalogue vendors; answers how many this process added. */
  async seed(): Promise<number> {
    const context: RequestContext = {
      actor: systemActor('system'),
      recordedBy: 'system',
      correlationId: randomUUID(),
    };
    let added = 0;
    for (const vendor of VENDOR_CATALOGUE) {
      if ((await this.entries.readStream(vendorStreamId(vendor.vendorId), context.actor)).length > 0)
        continue;
      try {
        await this.register(vendor, context);
        added += 1;
      } catch (error) {
        if (!(error instanceof DomainError && LOST_RACE.has(error.code))) throw error;
      }
    }
    return added;
  }

  private register(vendor: VendorRegisteredData, context: RequestContext) {
    return this.entries.execute({
      entryId: vendor.vendorId,
      streamId: vendorStreamId(vendor.vendorId),
      category: 'vendor',
      decider: vendorDecider,
      context,
      command: (metadata) => ({
        type: 'RegisterVendor' as const,
        occurredAt: new Date(VENDOR_CATALOGUE_DATE),
        vendor,
        metadata,
      }),
    });
  }
}
