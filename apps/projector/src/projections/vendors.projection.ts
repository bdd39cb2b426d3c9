import {
  applyCorrections,
  fold,
  streamCategory,
  streamEntityId,
  type VendorEvent,
  vendorDecider,
} from '#domain';
import type { Projection } from './projection.js';
import { closeRevisions, revise } from './revisions.js';

const UPSERT_VENDOR = `
INSERT INTO vendors (vendor_id, name, origin, high_risk, risk_basis, registered_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (vendor_id) DO UPDATE SET name = excluded.name, origin = excluded.origin, high_risk = excluded.high_risk,
  risk_basis = excluded.risk_basis, registered_at = excluded.registered_at`;

const CURRENT_CLASSIFICATIONS = `
SELECT id::text, effective_at, high_risk, risk_basis, event_id, event_type
FROM vendor_classifications WHERE vendor_id = $1 AND known_until IS NULL`;

const INSERT_CLASSIFICATIONS = `
INSERT INTO vendor_classifications (vendor_id, effective_at, high_risk, risk_basis, event_id, event_type, known_from)
SELECT $1, c.effective_at, c.high_risk, c.risk_basis, c.event_id, c.event_type, $7
FROM unnest($2::timestamptz[], $3::boolean[], $4::text[], $5::uuid[], $6::text[])
  AS c(effective_at, high_risk, risk_basis, event_id, event_type)`;

interface Flag {
  readonly at: string;
  readonly highRisk: boolean;
  readonly basis: string | null;
  readonly eventId: string;
  readonly eventType: string;
}

function keyOf(f: Flag): string {
  return JSON.stringify([new Date(f.at).toISOString(), f.highRisk, f.basis, f.eventId, f.eventType]);
}

/** The vendor registry (`vendors`) and each vendor's high-risk flag over time (`vendor_classifications`). */
export const vendorsProjection: Projection = {
  name: 'vendors',
  async apply(client, event, history) {
    if (streamCategory(event.streamId) !== 'vendor') return;
    const effective = applyCorrections(history) as unknown as VendorEvent[];
    const state = fold(vendorDecider, effective);
    const vendorId = streamEntityId(event.streamId);
    const current = await client.query<{
      id: string;
      effective_at: Date;
      high_risk: boolean;
      risk_basis: string | null;
      event_id: string | null;
      event_type: string | null;
    }>(CURRENT_CLASSIFICATIONS, [vendorId]);
    const flags: Flag[] =
      state.status === 'unrecorded'
        ? []
        : (effective as unknown as (VendorEvent & { eventId: string })[]).map((e) => ({
            at: e.occurredAt,
            highRisk: e.data.highRisk,
            basis: e.data.riskBasis,
            eventId: e.eventId,
            eventType: e.type,
          }));
    const { close, open } = revise(
      current.rows.map((r) => ({
        id: r.id,
        key: keyOf({
          at: r.effective_at.toISOString(),
          highRisk: r.high_risk,
          basis: r.risk_basis,
          eventId: r.event_id ?? '',
          eventType: r.event_type ?? '',
        }),
      })),
      flags,
      keyOf,
    );
    await closeRevisions(client, 'vendor_classifications', close, event.recordedAt);
    if (state.status === 'unrecorded') return;
    await client.query(UPSERT_VENDOR, [
      vendorId,
      state.name,
      state.origin,
      state.highRisk,
      state.riskBasis,
      state.occurredAt,
    ]);
    if (open.length === 0) return;
    await client.query(INSERT_CLASSIFICATIONS, [
      vendorId,
      open.map((f) => f.at),
      open.map((f) => f.highRisk),
      open.map((f) => f.basis),
      open.map((f) => f.eventId),
      open.map((f) => f.eventType),
      event.recordedAt,
    ]);
  },
};
