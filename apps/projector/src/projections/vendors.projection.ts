import {
  applyCorrections,
  fold,
  streamCategory,
  streamEntityId,
  type VendorEvent,
  vendorDecider,
} from '#domain';
import type { Projection } from './projection.js';

const UPSERT_VENDOR = `
INSERT INTO vendors (vendor_id, name, origin, high_risk, risk_basis, registered_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (vendor_id) DO UPDATE SET name = excluded.name, origin = excluded.origin, high_risk = excluded.high_risk,
  risk_basis = excluded.risk_basis, registered_at = excluded.registered_at`;

const DELETE_CLASSIFICATIONS = `DELETE FROM vendor_classifications WHERE vendor_id = $1`;

const INSERT_CLASSIFICATIONS = `
INSERT INTO vendor_classifications (vendor_id, effective_at, high_risk, risk_basis)
SELECT $1, c.effective_at, c.high_risk, c.risk_basis
FROM unnest($2::timestamptz[], $3::boolean[], $4::text[]) AS c(effective_at, high_risk, risk_basis)
ON CONFLICT (vendor_id, effective_at) DO UPDATE SET high_risk = excluded.high_risk, risk_basis = excluded.risk_basis`;

/** The vendor registry (`vendors`) and each vendor's high-risk flag over time (`vendor_classifications`). */
export const vendorsProjection: Projection = {
  name: 'vendors',
  async apply(client, event, history) {
    if (streamCategory(event.streamId) !== 'vendor') return;
    const effective = applyCorrections(history) as unknown as VendorEvent[];
    const state = fold(vendorDecider, effective);
    const vendorId = streamEntityId(event.streamId);
    await client.query(DELETE_CLASSIFICATIONS, [vendorId]);
    if (state.status === 'unrecorded') return;
    await client.query(UPSERT_VENDOR, [
      vendorId,
      state.name,
      state.origin,
      state.highRisk,
      state.riskBasis,
      state.occurredAt,
    ]);
    const flags = effective.map((e) => ({
      at: e.occurredAt,
      highRisk: e.data.highRisk,
      basis: e.data.riskBasis,
    }));
    await client.query(INSERT_CLASSIFICATIONS, [
      vendorId,
      flags.map((f) => f.at),
      flags.map((f) => f.highRisk),
      flags.map((f) => f.basis),
    ]);
  },
};
