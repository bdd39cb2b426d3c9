import { visibleTo } from '../timeline/read-scope.sql.js';

/**
 * Every country with any activity (timeline entries or register entries), as known at `$4`: its latest
 * engagement of the types `$1`, its latest observed stance (`$2` entries), and its open/overdue follow-ups and
 * open offers on `$3` (that day, UTC). An offer whose expiresOn has passed is not open: it has lapsed, whether
 * or not its IncentiveExpired has been recorded yet. Timeline entries retracted by then are left out.
 * Everything is read through the reader's scope (`$5` its clearance's rank, `$6` its countries): a country is listed
 * only if the reader sees an entry of it, and each count and latest entry is of visible entries alone.
 */
export const COUNTRY_OVERVIEW = `
WITH known AS (
  SELECT country FROM country_timeline t WHERE t.known_from <= $4::timestamptz AND ${visibleTo('t', '$5', '$6')}
  UNION
  SELECT country FROM registers g WHERE g.known_from <= $4::timestamptz AND ${visibleTo('g', '$5', '$6')}
)
SELECT k.country,
       le.event_id AS engagement_event_id, le.occurred_at AS engagement_occurred_at,
       le.headline AS engagement_headline,
       st.event_id AS stance_event_id, st.occurred_at AS stance_occurred_at, st.stance,
       r.open_follow_ups, r.overdue_follow_ups, r.open_offers
FROM known k
LEFT JOIN LATERAL (
  SELECT t.event_id, t.occurred_at, t.headline
  FROM country_timeline t
  WHERE t.country = k.country AND t.event_type = ANY($1::text[]) AND NOT t.retracted
    AND ${visibleTo('t', '$5', '$6')}
    AND t.known_from <= $4::timestamptz AND (t.known_until IS NULL OR t.known_until > $4::timestamptz)
    AND t.occurred_at <= $4::timestamptz
  ORDER BY t.occurred_at DESC, t.global_position DESC
  LIMIT 1
) le ON true
LEFT JOIN LATERAL (
  SELECT t.event_id, t.occurred_at, t.data->>'stance' AS stance
  FROM country_timeline t
  WHERE t.country = k.country AND t.event_type = $2::text AND NOT t.retracted
    AND ${visibleTo('t', '$5', '$6')}
    AND t.known_from <= $4::timestamptz AND (t.known_until IS NULL OR t.known_until > $4::timestamptz)
    AND t.occurred_at <= $4::timestamptz
  ORDER BY t.occurred_at DESC, t.global_position DESC
  LIMIT 1
) st ON true
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE g.kind = 'follow-up' AND g.status = 'open')::int AS open_follow_ups,
         count(*) FILTER (WHERE g.kind = 'follow-up' AND g.status = 'open' AND g.due_date < $3::date)::int
           AS overdue_follow_ups,
         count(*) FILTER (WHERE g.kind = 'incentive-offer' AND g.status = 'offered'
           AND (g.state->>'expiresOn' IS NULL OR (g.state->>'expiresOn')::date >= $3::date))::int AS open_offers
  FROM registers g
  WHERE g.country = k.country AND ${visibleTo('g', '$5', '$6')}
    AND g.known_from <= $4::timestamptz AND (g.known_until IS NULL OR g.known_until > $4::timestamptz)
) r
ORDER BY k.country`;

export interface CountryOverviewRow {
  country: string;
  engagement_event_id: string | null;
  engagement_occurred_at: Date | null;
  engagement_headline: string | null;
  stance_event_id: string | null;
  stance_occurred_at: Date | null;
  stance: string | null;
  open_follow_ups: number;
  overdue_follow_ups: number;
  open_offers: number;
}
