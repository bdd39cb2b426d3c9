import { type Principal, type VendorSnapshot, vendorDecider, vendorSnapshot, vendorStreamId } from '#domain';
import type { EntryStore } from '../shared/entry-store.js';

/** The registry's current view of a vendor a command names in `field`; 422 UNKNOWN_VENDOR if unregistered. */
export async function registeredVendor(
  entries: EntryStore,
  vendorId: string,
  field: string,
  actor: Principal,
): Promise<VendorSnapshot> {
  const { state } = await entries.load(vendorStreamId(vendorId), vendorDecider, actor);
  return vendorSnapshot(vendorId, state, field);
}
