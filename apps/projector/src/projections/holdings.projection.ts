import {
  applyCorrections,
  type ContractEvent,
  contractHoldingChanges,
  streamCategory,
  streamEntityId,
} from '#domain';
import type { Projection } from './projection.js';

const DELETE_HOLDINGS = `DELETE FROM contract_holdings WHERE contract_id = $1`;

const INSERT_HOLDINGS = `
INSERT INTO contract_holdings (contract_id, seq, country, operator, domain, vendor_id, units_delta, value_delta,
  currency, effective_at)
SELECT $1, c.seq, $2, $3, c.domain, c.vendor_id, c.units_delta, c.value_delta, c.currency, c.effective_at
FROM unnest($4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::timestamptz[])
  WITH ORDINALITY AS c(domain, vendor_id, units_delta, value_delta, currency, effective_at, seq)`;

/**
 * The dependency ledger (`contract_holdings`), rewritten for the whole contract on each of its events, since a
 * correction may move an earlier change (a date, a unit count).
 */
export const holdingsProjection: Projection = {
  name: 'contract-holdings',
  async apply(client, event, history) {
    if (streamCategory(event.streamId) !== 'contract') return;
    const effective = applyCorrections(history) as unknown as ContractEvent[];
    const changes = contractHoldingChanges(effective);
    const contractId = streamEntityId(event.streamId);
    await client.query(DELETE_HOLDINGS, [contractId]);
    const award = effective[0];
    if (changes.length === 0 || !award || award.type !== 'ContractAwarded') return;
    await client.query(INSERT_HOLDINGS, [
      contractId,
      award.country,
      award.data.operator,
      changes.map((c) => c.domain),
      changes.map((c) => c.vendorId),
      changes.map((c) => c.unitsDelta),
      changes.map((c) => c.valueDelta),
      changes.map((c) => c.currency),
      changes.map((c) => c.effectiveAt),
    ]);
  },
};
