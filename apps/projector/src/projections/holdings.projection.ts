import {
  applyCorrections,
  contractHoldingChanges,
  type HoldingChange,
  type RecordedContractEvent,
  streamCategory,
  streamEntityId,
} from '#domain';
import { entryRank } from './classification-rank.js';
import type { Projection } from './projection.js';
import { closeRevisions, revise } from './revisions.js';

const CURRENT_HOLDINGS = `
SELECT id::text, domain, unit_kind, vendor_id, units_delta::float8 AS units_delta,
       value_delta::text AS value_delta, currency, effective_at, cause_event_id, cause_type, effect
FROM contract_holdings WHERE contract_id = $1 AND known_until IS NULL`;

const INSERT_HOLDINGS = `
INSERT INTO contract_holdings (contract_id, country, operator, domain, unit_kind, vendor_id, units_delta,
  value_delta, currency, effective_at, cause_event_id, cause_type, effect, known_from, classification_rank)
SELECT $1, $2, $3, c.domain, c.unit_kind, c.vendor_id, c.units_delta, c.value_delta, c.currency, c.effective_at,
       c.cause_event_id, c.cause_type, c.effect, $13, $15
FROM unnest($4::text[], $5::text[], $6::text[], $7::numeric[], $8::bigint[], $9::text[], $10::timestamptz[],
            $11::uuid[], $12::text[], $14::text[])
  AS c(domain, unit_kind, vendor_id, units_delta, value_delta, currency, effective_at, cause_event_id, cause_type,
       effect)`;

interface HoldingRow {
  id: string;
  domain: string;
  unit_kind: string;
  vendor_id: string;
  units_delta: number;
  /** Minor units, as text: a bigint may exceed a JavaScript number's exact range. */
  value_delta: string;
  currency: string | null;
  effective_at: Date;
  cause_event_id: string | null;
  cause_type: string | null;
  effect: string;
}

function keyOf(c: Omit<HoldingChange, 'contractId'>): string {
  return JSON.stringify([
    c.domain,
    c.unitKind,
    c.vendorId,
    c.unitsDelta,
    c.valueDelta.toString(),
    c.currency,
    new Date(c.effectiveAt).toISOString(),
    c.causeEventId,
    c.causeType,
    c.effect,
  ]);
}

function rowKey(r: HoldingRow): string {
  return keyOf({
    domain: r.domain as HoldingChange['domain'],
    unitKind: r.unit_kind as HoldingChange['unitKind'],
    vendorId: r.vendor_id,
    unitsDelta: r.units_delta,
    valueDelta: BigInt(r.value_delta),
    currency: r.currency,
    effectiveAt: r.effective_at.toISOString(),
    causeEventId: r.cause_event_id ?? '',
    causeType: (r.cause_type ?? '') as HoldingChange['causeType'],
    effect: r.effect as HoldingChange['effect'],
  });
}

/**
 * The dependency ledger (`contract_holdings`), recomputed for the whole contract on each of its events (a
 * correction may move an earlier change) and kept as revisions: rows that no longer hold are closed at the
 * event's recorded time and the new ones opened from it, so the ledger can be read as known at any time.
 */
export const holdingsProjection: Projection = {
  name: 'contract-holdings',
  async apply(client, event, history) {
    if (streamCategory(event.streamId) !== 'contract') return;
    const effective = applyCorrections(history) as unknown as RecordedContractEvent[];
    const changes = contractHoldingChanges(effective);
    const contractId = streamEntityId(event.streamId);
    const { rows } = await client.query<HoldingRow>(CURRENT_HOLDINGS, [contractId]);
    const { close, open } = revise(
      rows.map((r) => ({ id: r.id, key: rowKey(r) })),
      changes,
      keyOf,
    );
    await closeRevisions(client, 'contract_holdings', close, event.recordedAt);
    const award = effective[0];
    if (open.length === 0 || !award || award.type !== 'ContractAwarded') return;
    await client.query(INSERT_HOLDINGS, [
      contractId,
      award.country,
      award.data.operator,
      open.map((c) => c.domain),
      open.map((c) => c.unitKind),
      open.map((c) => c.vendorId),
      open.map((c) => c.unitsDelta),
      open.map((c) => c.valueDelta.toString()),
      open.map((c) => c.currency),
      open.map((c) => c.effectiveAt),
      open.map((c) => c.causeEventId),
      open.map((c) => c.causeType),
      event.recordedAt,
      open.map((c) => c.effect),
      // Figures count a row only for readers cleared for its contract.
      entryRank(history),
    ]);
  },
};
