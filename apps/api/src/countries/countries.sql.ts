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

/**
 * The revisions that were in force at `$4` and are not current, or the other way round: current revisions
 * recorded after `$4` (the counts hold them; `$4` did not know them), and revisions known at `$4` and closed since
 * (`$4` knew them; the counts no longer do). Each is a range of a partial index, so it reads what was recorded
 * after `$4`, not the whole history.
 */
const RECORDED_AFTER = 'g.known_until IS NULL AND g.known_from > $4::timestamptz';
const CLOSED_AFTER = `coalesce(g.known_until, 'infinity'::timestamptz) > $4::timestamptz
    AND coalesce(g.known_until, 'infinity'::timestamptz) < 'infinity'::timestamptz AND g.known_from <= $4::timestamptz`;

/** Country `k.country`'s open follow-ups among the revisions `which`, and how many of them are overdue on `d.day`. */
const FOLLOW_UPS_OF = (which: string) => `
  SELECT count(*) AS open, count(*) FILTER (WHERE g.due_date < d.day) AS overdue
  FROM registers g
  WHERE g.country = k.country AND g.kind = 'follow-up' AND g.status = 'open' AND ${which}
    AND ${visibleTo('g', '$5', '$6')}`;

/** Country `k.country`'s offers among the revisions `which` that await an answer and have not lapsed by `d.day`. */
const OFFERS_OF = (which: string) => `
  SELECT count(*) FILTER (WHERE g.state->>'expiresOn' IS NULL OR (g.state->>'expiresOn')::date >= d.day) AS open
  FROM registers g
  WHERE g.country = k.country AND g.kind = 'incentive-offer' AND g.status = 'offered' AND ${which}
    AND ${visibleTo('g', '$5', '$6')}`;

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
 * latest entry is one index descent per type. The counts are those the registers projection keeps per month due
 * (register_open_counts): the months wholly before `$3` (overdue) or after it (offers not lapsed), the items of its
 * own month read from partial indexes, corrected by the revisions recorded or closed after `$4` (see
 * RECORDED_AFTER): what happened since, not all that is open.
 */
export const COUNTRY_OVERVIEW = `
WITH RECURSIVE country_timeline_levels AS ${levelsOf('country_timeline')},
registers_levels AS ${levelsOf('registers')},
known AS (
  SELECT DISTINCT l.country FROM (
    SELECT * FROM country_timeline_levels UNION ALL SELECT * FROM registers_levels
  ) l
  WHERE l.known_from <= $4::timestamptz AND ${visibleTo('l', '$5', '$6')}
),
on_day AS (
  SELECT $3::date AS day, to_char($3::date, 'YYYY-MM-DD') AS day_text,
         date_trunc('month', $3::date::timestamp)::date AS month_start,
         to_char(date_trunc('month', $3::date::timestamp) + interval '1 month', 'YYYY-MM-DD') AS next_month_text
)
SELECT k.country,
       le.event_id AS engagement_event_id, le.occurred_at AS engagement_occurred_at,
       le.headline AS engagement_headline,
       st.event_id AS stance_event_id, st.occurred_at AS stance_occurred_at, st.stance,
       (kept.follow_ups - fa.open + fc.open)::int AS open_follow_ups,
       (kept.overdue + overdue_this_month.n - fa.overdue + fc.overdue)::int AS overdue_follow_ups,
       (kept.offers + offers_this_month.n - oa.open + oc.open)::int AS open_offers
FROM known k
CROSS JOIN on_day d
LEFT JOIN LATERAL (
  SELECT e.event_id, e.occurred_at, e.headline
  FROM unnest($1::text[]) AS ty(event_type)
  CROSS JOIN LATERAL (${latestOfType('ty.event_type', 't.event_id, t.occurred_at, t.headline')}) e
  ORDER BY e.occurred_at DESC, e.global_position DESC
  LIMIT 1
) le ON true
LEFT JOIN LATERAL (${latestOfType('$2::text', "t.event_id, t.occurred_at, t.data->>'stance' AS stance")}) st ON true
CROSS JOIN LATERAL (
  SELECT coalesce(sum(c.n) FILTER (WHERE c.kind = 'follow-up'), 0) AS follow_ups,
         coalesce(sum(c.n) FILTER (WHERE c.kind = 'follow-up' AND c.month < d.month_start), 0) AS overdue,
         coalesce(sum(c.n) FILTER (WHERE c.kind = 'incentive-offer' AND c.month > d.month_start), 0) AS offers
  FROM register_open_counts c
  WHERE c.country = k.country AND ${visibleTo('c', '$5', '$6')}
) kept
CROSS JOIN LATERAL (
  SELECT count(*) AS n FROM registers g
  WHERE g.country = k.country AND g.kind = 'follow-up' AND g.status = 'open' AND g.known_until IS NULL
    AND g.due_date >= d.month_start AND g.due_date < d.day AND ${visibleTo('g', '$5', '$6')}
) overdue_this_month
CROSS JOIN LATERAL (
  SELECT count(*) AS n FROM registers g
  WHERE g.country = k.country AND g.kind = 'incentive-offer' AND g.status = 'offered' AND g.known_until IS NULL
    AND g.state->>'expiresOn' >= d.day_text AND g.state->>'expiresOn' < d.next_month_text
    AND ${visibleTo('g', '$5', '$6')}
) offers_this_month
CROSS JOIN LATERAL (${FOLLOW_UPS_OF(RECORDED_AFTER)}) fa
CROSS JOIN LATERAL (${FOLLOW_UPS_OF(CLOSED_AFTER)}) fc
CROSS JOIN LATERAL (${OFFERS_OF(RECORDED_AFTER)}) oa
CROSS JOIN LATERAL (${OFFERS_OF(CLOSED_AFTER)}) oc
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
