import { visibleTo } from '../timeline/read-scope.sql.js';

/**
 * The levels each country has rows at in `table` (a read model with `country`, `classification_rank` and
 * `known_from`), each with its earliest known_from: a loose index scan of `index_name`'s (country,
 * classification_rank, known_from) order, one probe per (country, level) pair, so its cost is the number of
 * countries and levels, not of rows. A country is known at `$k` to a reader if some row at a level it may see was
 * known by then, which is: its level's earliest known_from is at most `$k`.
 */
function levelsOf(table: 'country_timeline' | 'registers'): string {
  return `(
  (SELECT x.country, x.classification_rank, x.known_from FROM ${table} x
   ORDER BY x.country, x.classification_rank, x.known_from LIMIT 1)
  UNION ALL
  SELECT n.country, n.classification_rank, n.known_from
  FROM ${table}_levels p
  CROSS JOIN LATERAL (
    SELECT x.country, x.classification_rank, x.known_from FROM ${table} x
    WHERE (x.country, x.classification_rank) > (p.country, p.classification_rank)
    ORDER BY x.country, x.classification_rank, x.known_from LIMIT 1
  ) n
)`;
}

/** A revision row in force at `$4` (known by then and not yet superseded), in the form the partial indexes take. */
const IN_FORCE = (alias: string) =>
  `${alias}.known_from <= $4::timestamptz AND coalesce(${alias}.known_until, 'infinity'::timestamptz) > $4::timestamptz`;

/**
 * The latest entry of country `k.country` of the type `type` (an SQL expression) known and not retracted at `$4`,
 * happened by then, visible to the reader: one descent of country_timeline_type_page_idx, whatever the history.
 */
function latestOfType(type: string, columns: string): string {
  return `
  SELECT ${columns}, t.global_position
  FROM country_timeline t
  WHERE t.country = k.country AND t.event_type = ${type} AND NOT t.retracted
    AND ${visibleTo('t', '$5', '$6')}
    AND t.known_from <= $4::timestamptz AND (t.known_until IS NULL OR t.known_until > $4::timestamptz)
    AND t.occurred_at <= $4::timestamptz
  ORDER BY t.occurred_at DESC, t.global_position DESC
  LIMIT 1`;
}

/**
 * Every country with any activity (timeline entries or register entries), as known at `$4`: its latest
 * engagement of the types `$1`, its latest observed stance (`$2` entries), and its open/overdue follow-ups and
 * open offers on `$3` (that day, UTC). An offer whose expiresOn has passed is not open: it has lapsed, whether
 * or not its IncentiveExpired has been recorded yet. Timeline entries retracted by then are left out.
 * Everything is read through the reader's scope (`$5` its clearance's rank, `$6` its countries): a country is listed
 * only if the reader sees an entry of it, and each count and latest entry is of visible entries alone.
 *
 * Its cost does not grow with history: which countries are known is a loose index scan (see levelsOf); each
 * latest entry is one index descent per type; the counts read only the open follow-ups and offers in force at
 * `$4`, from partial indexes (registers_open_follow_ups_idx, registers_open_offers_idx).
 */
export const COUNTRY_OVERVIEW = `
WITH RECURSIVE country_timeline_levels AS ${levelsOf('country_timeline')},
registers_levels AS ${levelsOf('registers')},
known AS (
  SELECT DISTINCT l.country FROM (
    SELECT * FROM country_timeline_levels UNION ALL SELECT * FROM registers_levels
  ) l
  WHERE l.known_from <= $4::timestamptz AND ${visibleTo('l', '$5', '$6')}
)
SELECT k.country,
       le.event_id AS engagement_event_id, le.occurred_at AS engagement_occurred_at,
       le.headline AS engagement_headline,
       st.event_id AS stance_event_id, st.occurred_at AS stance_occurred_at, st.stance,
       f.open_follow_ups, f.overdue_follow_ups, o.open_offers
FROM known k
LEFT JOIN LATERAL (
  SELECT e.event_id, e.occurred_at, e.headline
  FROM unnest($1::text[]) AS ty(event_type)
  CROSS JOIN LATERAL (${latestOfType('ty.event_type', 't.event_id, t.occurred_at, t.headline')}) e
  ORDER BY e.occurred_at DESC, e.global_position DESC
  LIMIT 1
) le ON true
LEFT JOIN LATERAL (${latestOfType('$2::text', "t.event_id, t.occurred_at, t.data->>'stance' AS stance")}) st ON true
CROSS JOIN LATERAL (
  SELECT count(*)::int AS open_follow_ups, count(*) FILTER (WHERE g.due_date < $3::date)::int AS overdue_follow_ups
  FROM registers g
  WHERE g.country = k.country AND g.kind = 'follow-up' AND g.status = 'open'
    AND ${visibleTo('g', '$5', '$6')} AND ${IN_FORCE('g')}
) f
CROSS JOIN LATERAL (
  SELECT count(*)::int AS open_offers
  FROM registers g
  WHERE g.country = k.country AND g.kind = 'incentive-offer' AND g.status = 'offered'
    AND (g.state->>'expiresOn' IS NULL OR (g.state->>'expiresOn')::date >= $3::date)
    AND ${visibleTo('g', '$5', '$6')} AND ${IN_FORCE('g')}
) o
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
