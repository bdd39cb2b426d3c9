/**
 * Equipment in service per country, domain and vendor at each of the instants `$2` (answered by their 1-based
 * position, `ord`), from the contract_holdings ledger; `$1` narrows to one country, `$3` to one domain. Vendors
 * netted to nothing are left out. Each row carries the vendor's registry entry (null if unregistered) with the
 * high-risk flag in force at that instant: the latest classification at or before it, or the earliest if the
 * instant precedes them all.
 */
export const HOLDINGS_AT = `
WITH points AS (
  SELECT p.at, p.ord FROM unnest($2::timestamptz[]) WITH ORDINALITY AS p(at, ord)
),
sums AS (
  SELECT h.country, p.ord, p.at, h.domain, h.vendor_id, h.currency,
         sum(h.units_delta) AS units, sum(h.value_delta) AS value
  FROM points p
  JOIN contract_holdings h ON h.effective_at <= p.at
  WHERE ($1::text IS NULL OR h.country = $1::text) AND ($3::text IS NULL OR h.domain = $3::text)
  GROUP BY h.country, p.ord, p.at, h.domain, h.vendor_id, h.currency
  HAVING sum(h.units_delta) <> 0 OR sum(h.value_delta) <> 0
)
SELECT s.country, s.ord::int AS ord, s.domain, s.vendor_id, s.currency,
       s.units::float8 AS units, s.value::float8 AS value, v.name, v.origin,
       coalesce(
         (SELECT c.high_risk FROM vendor_classifications c
           WHERE c.vendor_id = s.vendor_id AND c.effective_at <= s.at ORDER BY c.effective_at DESC LIMIT 1),
         (SELECT c.high_risk FROM vendor_classifications c
           WHERE c.vendor_id = s.vendor_id ORDER BY c.effective_at LIMIT 1),
         v.high_risk) AS high_risk
FROM sums s
LEFT JOIN vendors v ON v.vendor_id = s.vendor_id
ORDER BY s.country, s.ord, s.domain, s.vendor_id`;

export interface HoldingRow {
  country: string;
  ord: number;
  domain: string;
  vendor_id: string;
  currency: string | null;
  units: number;
  value: number;
  name: string | null;
  origin: string | null;
  high_risk: boolean | null;
}

/**
 * Engagements of country `$1` in each window (`$2` its point's position, after `$3`, up to and including `$4`):
 * current, non-retracted timeline entries of the types `$5`, newest first, at most `$6` per window.
 */
export const ENGAGEMENTS_IN_WINDOWS = `
SELECT w.ord, e.event_id, e.event_type, e.occurred_at, e.headline
FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) AS w(ord, lower_bound, upper_bound)
CROSS JOIN LATERAL (
  SELECT t.event_id, t.event_type, t.occurred_at, t.headline, t.global_position
  FROM country_timeline t
  WHERE t.country = $1::text AND t.known_until IS NULL AND NOT t.retracted
    AND t.event_type = ANY($5::text[])
    AND t.occurred_at > w.lower_bound AND t.occurred_at <= w.upper_bound
  ORDER BY t.occurred_at DESC, t.global_position DESC
  LIMIT $6
) e
ORDER BY w.ord, e.occurred_at DESC, e.global_position DESC`;

export interface EngagementRow {
  ord: number;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  headline: string;
}
