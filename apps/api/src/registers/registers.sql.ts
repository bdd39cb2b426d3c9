import { type EntrySourcingRow, entrySourcingJoin } from '../timeline/entry-sourcing.sql.js';
import { visibleTo } from '../timeline/read-scope.sql.js';

/**
 * One page of one country's register of one kind ($1, $2) as known at `$5` (the revision in force then), newest
 * first, then by stream descending: keyset-paginated after (`$6`, `$7`), the sort key of the previous page's last
 * item, `$8` rows at most. `$3` (a status) narrows it. An offer still `offered` whose expiresOn is before `$4` (the
 * day read, UTC) has lapsed: it reads, and filters, as `expired` until its IncentiveExpired is recorded. The
 * country overview's open offers are the complement: `status = 'offered' AND (expiresOn IS NULL OR expiresOn >=
 * the day read)`. Source and confidence are looked up for the page's rows only. Only entries the reader may see
 * (`$9` its clearance's rank, `$10` its countries) are read, so a page boundary never counts a hidden one.
 */
export const COUNTRY_REGISTER_PAGE = `
WITH page AS (
  SELECT stream_id, entity_id, stream_version, state, occurred_at, lapsed
  FROM (
    SELECT stream_id, entity_id, stream_version, state, status, occurred_at,
           coalesce(kind = 'incentive-offer' AND status = 'offered' AND (state->>'expiresOn')::date < $4::date, false)
             AS lapsed
    FROM registers g
    WHERE kind = $1 AND country = $2 AND ${visibleTo('g', '$9', '$10')}
      AND known_from <= $5::timestamptz AND (known_until IS NULL OR known_until > $5::timestamptz)
      AND ($6::timestamptz IS NULL OR (occurred_at, stream_id) < ($6::timestamptz, $7::text))
  ) known
  WHERE $3::text IS NULL OR (CASE WHEN lapsed THEN 'expired' ELSE status END) = $3::text
  ORDER BY occurred_at DESC, stream_id DESC
  LIMIT $8
)
SELECT page.stream_id, page.entity_id, page.stream_version, page.state, page.occurred_at, page.lapsed,
       sourcing.source, sourcing.confidence
FROM page ${entrySourcingJoin('page', '$5')}
ORDER BY page.occurred_at DESC, page.stream_id DESC`;

/**
 * One page of the follow-ups as known at `$5`, of one country ($1) or all, soonest due first, then oldest, then by
 * stream: keyset-paginated after (`$6`, `$7`, `$8`), the sort key of the previous page's last item, `$9` rows at
 * most. `$2` narrows by status, `$4` to those due before `$3` (the day read, UTC). `overdue` marks open ones due
 * before that day. Only the follow-ups the reader may see (`$10` its clearance's rank, `$11` its countries:
 * without `$1`, of every country it reads).
 */
export const FOLLOW_UPS_PAGE = `
WITH page AS (
  SELECT stream_id, entity_id, stream_version, state, occurred_at, due_date,
         (status = 'open' AND due_date < $3::date) AS overdue
  FROM registers g
  WHERE kind = 'follow-up' AND ${visibleTo('g', '$10', '$11')}
    AND known_from <= $5::timestamptz AND (known_until IS NULL OR known_until > $5::timestamptz)
    AND ($1::text IS NULL OR country = $1::bpchar)
    AND ($2::text IS NULL OR status = $2::text)
    AND (NOT $4::boolean OR due_date < $3::date)
    AND ($6::date IS NULL OR (due_date, occurred_at, stream_id) > ($6::date, $7::timestamptz, $8::text))
  ORDER BY due_date, occurred_at, stream_id
  LIMIT $9
)
SELECT page.stream_id, page.entity_id, page.stream_version, page.state, page.occurred_at,
       to_char(page.due_date, 'YYYY-MM-DD') AS due_date, page.overdue, sourcing.source, sourcing.confidence
FROM page ${entrySourcingJoin('page', '$5')}
ORDER BY page.due_date, page.occurred_at, page.stream_id`;

/** A register row as the pages read it: the stored state (JSON) with the entry's id, stream, version and sourcing. */
export interface RegisterRow<State = Record<string, unknown>> extends EntrySourcingRow {
  stream_id: string;
  entity_id: string;
  stream_version: number;
  state: State;
  occurred_at: Date;
}

export interface CountryRegisterRow<State> extends RegisterRow<State> {
  lapsed: boolean;
}

export interface FollowUpRow<State> extends RegisterRow<State> {
  /** YYYY-MM-DD. */
  due_date: string;
  overdue: boolean;
}
