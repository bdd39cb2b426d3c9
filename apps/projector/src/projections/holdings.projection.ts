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
import { revise } from './revisions.js';

const CURRENT_HOLDINGS = `
SELECT id::text, domain, unit_kind, vendor_id, units_delta::float8 AS units_delta,
       value_delta::text AS value_delta, currency, effective_at, cause_event_id, cause_type, effect
FROM contract_holdings WHERE contract_id = $1 AND known_until IS NULL`;

/**
 * Adds rows (a CTE `rows` with their country, level, group columns, deltas and effective time), times `sign`, to
 * `contract_holding_totals` (the sum of the current ledger rows per country, level, domain, unit kind, vendor and
 * currency) and to `contract_holding_months` (the same sums per UTC calendar month the rows take effect in).
 */
function addToTotals(sign: '+' | '-'): string {
  const group =
    "r.country, r.classification_rank, r.domain, r.unit_kind, r.vendor_id, coalesce(r.currency, '')";
  return `,
totals AS (
  INSERT INTO contract_holding_totals AS t (country, classification_rank, domain, unit_kind, vendor_id,
    currency_key, units, value)
  SELECT ${group}, ${sign}sum(r.units_delta), ${sign}sum(r.value_delta)
  FROM rows r
  GROUP BY ${group}
  ON CONFLICT (country, classification_rank, domain, unit_kind, vendor_id, currency_key)
  DO UPDATE SET units = t.units + excluded.units, value = t.value + excluded.value
)
INSERT INTO contract_holding_months AS m (month, country, classification_rank, domain, unit_kind, vendor_id,
  currency_key, units, value)
SELECT date_trunc('month', r.effective_at, 'UTC'), ${group}, ${sign}sum(r.units_delta), ${sign}sum(r.value_delta)
FROM rows r
GROUP BY date_trunc('month', r.effective_at, 'UTC'), ${group}
ON CONFLICT (country, month, classification_rank, domain, unit_kind, vendor_id, currency_key)
DO UPDATE SET units = m.units + excluded.units, value = m.value + excluded.value`;
}

const TOTALLED =
  'country, classification_rank, domain, unit_kind, vendor_id, currency, units_delta, value_delta, effective_at';

// The new rows and the totals they add to, in one statement.
const INSERT_HOLDINGS = `
WITH rows AS (
  INSERT INTO contract_holdings (contract_id, country, operator, domain, unit_kind, vendor_id, units_delta,
    value_delta, currency, effective_at, cause_event_id, cause_type, effect, known_from, classification_rank)
  SELECT $1, $2, $3, c.domain, c.unit_kind, c.vendor_id, c.units_delta, c.value_delta, c.currency, c.effective_at,
         c.cause_event_id, c.cause_type, c.effect, $13, $15
  FROM unnest($4::text[], $5::text[], $6::text[], $7::numeric[], $8::bigint[], $9::text[], $10::timestamptz[],
              $11::uuid[], $12::text[], $14::text[])
    AS c(domain, unit_kind, vendor_id, units_delta, value_delta, currency, effective_at, cause_event_id, cause_type,
         effect)
  RETURNING ${TOTALLED}
)${addToTotals('+')}`;

// Closes current rows by id at an instant ($2) and takes them out of the totals, in one statement.
const CLOSE_HOLDINGS = `
WITH rows AS (
  UPDATE contract_holdings SET known_until = $2 WHERE id = ANY($1::bigint[]) AND known_until IS NULL
  RETURNING ${TOTALLED}
)${addToTotals('-')}`;

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
 * event's recorded time and the new ones opened from it, so the ledger can be read as known at any time. Each row
 * opened or closed is added to or taken from `contract_holding_totals` in the same statement, from which figures
 * are read without summing the whole ledger.
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
    if (close.length > 0) await client.query(CLOSE_HOLDINGS, [close, event.recordedAt]);
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
