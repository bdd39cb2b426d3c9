import { visibleTo } from '../timeline/read-scope.sql.js';

/** A revision row was known at `$k` (recorded time): the ledger and flag history are read through this. */
const KNOWN_AT = (alias: string, k: string) =>
  `${alias}.known_from <= ${k} AND (${alias}.known_until IS NULL OR ${alias}.known_until > ${k})`;

/** The filters every part of HOLDINGS_AT applies to `alias`: the country `$1`, the domain `$3`, the reader's scope. */
const HOLDINGS_SCOPE = (alias: string) =>
  `($1::text IS NULL OR ${alias}.country = $1::bpchar) AND ($3::text IS NULL OR ${alias}.domain = $3::text)
    AND ${visibleTo(alias, '$5', '$6')}`;

/** A ledger row's group and its deltas, times `sign`, at point `p`: one part of HOLDINGS_AT. */
const LEDGER_PART = (sign: '' | '-') =>
  `SELECT p.ord, h.country, h.domain, h.unit_kind, h.vendor_id, h.currency,
         ${sign}h.units_delta AS units, ${sign}h.value_delta::numeric AS value
  FROM points p JOIN contract_holdings h`;

/**
 * Equipment in service per country, domain, unit kind, currency and vendor at each of the instants `$2`
 * (answered by their 1-based position, `ord`), from the contract_holdings ledger as known at `$4`; `$1`
 * narrows to one country, `$3` to one domain. Vendors netted to nothing are left out. Only the rows of contracts
 * the reader may see (`$5` its clearance's rank, `$6` its countries) are summed: a figure is what the visible
 * contracts alone give.
 *
 * That sum is the ledger rows in effect by the instant and in force at `$4`, read without summing the whole
 * ledger: the totals of the current rows (contract_holding_totals, kept by the projection), less the current rows
 * taking effect after the instant, less those recorded after `$4`, plus the rows in force at `$4` and closed since.
 * The current rows taking effect after the instant are taken as the monthly sums of the UTC months beginning after
 * it (contract_holding_months, kept with the totals) and the rows of its own month after it. So the cost grows
 * with the months since the instant (one row per group and month) and with what was recorded after `$4`, not with
 * the ledger's length.
 */
export const HOLDINGS_AT = `
WITH points AS (
  SELECT p.at, p.ord,
         (date_trunc('month', p.at, 'UTC') AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC' AS month_end
  FROM unnest($2::timestamptz[]) WITH ORDINALITY AS p(at, ord)
),
parts AS (
  SELECT p.ord, t.country, t.domain, t.unit_kind, t.vendor_id, nullif(t.currency_key, '') AS currency,
         t.units, t.value
  FROM points p CROSS JOIN contract_holding_totals t
  WHERE ${HOLDINGS_SCOPE('t')}
  UNION ALL
  SELECT p.ord, m.country, m.domain, m.unit_kind, m.vendor_id, nullif(m.currency_key, ''), -m.units, -m.value
  FROM points p JOIN contract_holding_months m ON m.month > p.at
  WHERE ${HOLDINGS_SCOPE('m')}
  UNION ALL
  ${LEDGER_PART('-')} ON h.known_until IS NULL AND h.effective_at > p.at AND h.effective_at < p.month_end
  WHERE ${HOLDINGS_SCOPE('h')}
  UNION ALL
  ${LEDGER_PART('-')} ON h.known_until IS NULL AND h.known_from > $4::timestamptz AND h.effective_at <= p.at
  WHERE ${HOLDINGS_SCOPE('h')}
  UNION ALL
  ${LEDGER_PART('')} ON h.known_until IS NOT NULL AND h.known_until > $4::timestamptz
    AND h.known_from <= $4::timestamptz AND h.effective_at <= p.at
  WHERE ${HOLDINGS_SCOPE('h')}
)
SELECT country, ord::int AS ord, domain, unit_kind, vendor_id, currency,
       sum(units)::float8 AS units, sum(value)::text AS value
FROM parts
GROUP BY country, ord, domain, unit_kind, vendor_id, currency
HAVING sum(units) <> 0 OR sum(value) <> 0
ORDER BY country, ord, domain, unit_kind, vendor_id, currency`;

export interface HoldingRow {
  country: string;
  ord: number;
  domain: string;
  unit_kind: string;
  vendor_id: string;
  currency: string | null;
  units: number;
  /** Minor units: a bigint column summed exactly (numeric), read as text. */
  value: string;
}

/**
 * Every row of country `$1`'s ledger effective after `$7` and up to `$2`, as known at `$3`; `$4` narrows to one
 * domain. Only rows of contracts the reader may see (`$5` its clearance's rank, `$6` its countries): a move, its
 * causes and its figures come from those alone. What was held at `$7` comes from HOLDINGS_AT, so a range reads
 * the rows within it, not the history before it.
 */
export const LEDGER_ROWS = `
SELECT h.contract_id, h.domain, h.unit_kind, h.vendor_id, h.units_delta::float8 AS units_delta,
       h.value_delta::text AS value_delta, h.currency, h.effective_at, h.cause_event_id, h.cause_type, h.effect
FROM contract_holdings h
WHERE h.country = $1::bpchar AND h.effective_at > $7::timestamptz AND h.effective_at <= $2::timestamptz
  AND ${KNOWN_AT('h', '$3::timestamptz')}
  AND ($4::text IS NULL OR h.domain = $4::text) AND ${visibleTo('h', '$5', '$6')}
ORDER BY h.effective_at, h.id`;

export interface LedgerDbRow {
  contract_id: string;
  domain: string;
  unit_kind: string;
  vendor_id: string;
  units_delta: number;
  /** Minor units, as text. */
  value_delta: string;
  currency: string | null;
  effective_at: Date;
  cause_event_id: string | null;
  cause_type: string | null;
  effect: string;
}

/**
 * The high-risk flag history of the vendors `$1`, as known at `$2` and in force by then (a list "today" is
 * the list as it stood at the reader's knownAt), with their registry names.
 */
export const VENDOR_FLAGS = `
SELECT v.vendor_id, v.name, v.origin, c.effective_at, c.high_risk, c.event_id, c.event_type
FROM unnest($1::text[]) AS q(vendor_id)
LEFT JOIN vendors v ON v.vendor_id = q.vendor_id
LEFT JOIN vendor_classifications c ON c.vendor_id = q.vendor_id AND c.effective_at <= $2::timestamptz
  AND ${KNOWN_AT('c', '$2::timestamptz')}
ORDER BY q.vendor_id, c.effective_at`;

export interface VendorFlagRow {
  vendor_id: string;
  name: string | null;
  origin: string | null;
  effective_at: Date | null;
  high_risk: boolean | null;
  event_id: string | null;
  event_type: string | null;
}

/**
 * Entries of country `$1` in each window (`$2` its move's position, from `$3` inclusive to `$4` exclusive):
 * timeline entries known at `$7` and not retracted then, of the types `$5`, newest first, at most `$6` per
 * window; only those the reader may see (`$8` its clearance's rank, `$9` its countries).
 */
export const ENTRIES_IN_WINDOWS = `
SELECT w.ord, e.event_id, e.event_type, e.occurred_at, e.headline
FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) AS w(ord, lower_bound, upper_bound)
CROSS JOIN LATERAL (
  SELECT t.event_id, t.event_type, t.occurred_at, t.headline, t.global_position
  FROM country_timeline t
  WHERE t.country = $1::bpchar AND ${KNOWN_AT('t', '$7::timestamptz')} AND NOT t.retracted
    AND ${visibleTo('t', '$8', '$9')}
    AND t.event_type = ANY($5::text[])
    AND t.occurred_at >= w.lower_bound AND t.occurred_at < w.upper_bound
  ORDER BY t.occurred_at DESC, t.global_position DESC
  LIMIT $6
) e
ORDER BY w.ord, e.occurred_at DESC, e.global_position DESC`;

export interface EntryRow {
  ord: number;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  headline: string;
}
