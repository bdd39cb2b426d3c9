import { visibleTo } from '../timeline/read-scope.sql.js';

/**
 * The text search configuration of the document column (see migrations/…_timeline-search.sql) and so of every
 * query: a query parsed otherwise would look for lexemes the document does not hold.
 */
const CONFIG = `'english'::regconfig`;
const QUERY = `websearch_to_tsquery(${CONFIG}, $1::text)`;

/**
 * `ts_headline` options for the snippet: up to two fragments around the matches, each match between « and ».
 * The snippet is plain text, never HTML: the source text's own « and » are turned into " first, so every « » in a
 * snippet is a highlight.
 */
const HEADLINE_OPTIONS = `MaxFragments=2, MaxWords=24, MinWords=8, StartSel=«, StopSel=», FragmentDelimiter=" … "`;

/**
 * One page of search results over the timeline: the current revision of each entry that stands (a retracted
 * entry is left out, as the timeline leaves it out unless asked), whose headline, summary or description,
 * participants, topics or vendors match `$1` (web-search syntax: words, "phrases", or, -not).
 *
 * Only entries the reader may see ($6 its clearance's rank, $7 its countries) are matched, before anything is
 * ordered or limited, so no page, boundary or cursor is computed over a hidden one. `$2` narrows to one country.
 *
 * Ordered by relevance, then newest recorded first (global_position; unique among current revisions, since each
 * entry is one event), both kept in the cursor ($3, $4): a total order, so a keyset walk returns each match once
 * and an entry recorded during the walk lands where it sorts without shifting a page. The rank is a `real` and
 * compared as one, exactly as it was issued. An entry corrected during a walk is re-ranked and may move.
 * The snippet (`ts_headline`, the costly part) is computed for the page's rows alone.
 */
export const SEARCH_PAGE = `
WITH matches AS (
  SELECT t.event_id, t.event_type, t.country, t.occurred_at, t.headline, t.classification, t.global_position,
         t.data, t.participants, t.topics, t.vendors, ts_rank(t.search_document, ${QUERY}, 32) AS rank
  FROM country_timeline t
  WHERE t.known_until IS NULL AND NOT t.retracted
    AND t.search_document @@ ${QUERY}
    AND ${visibleTo('t', '$6', '$7')}
    AND ($2::text IS NULL OR t.country = $2::bpchar)
),
page AS (
  SELECT * FROM matches m
  WHERE $3::real IS NULL OR (m.rank, m.global_position) < ($3::real, $4::bigint)
  ORDER BY m.rank DESC, m.global_position DESC
  LIMIT $5
)
SELECT p.event_id, p.event_type, p.country, p.occurred_at, p.headline, p.classification,
       p.global_position::text AS global_position, p.rank,
       ts_headline(${CONFIG},
                   translate(concat_ws(' · ', nullif(p.data ->> 'summary', ''), nullif(p.data ->> 'description', ''),
                                       nullif(array_to_string(p.participants || p.topics || p.vendors, ', '), '')),
                             '«»', '""'),
                   ${QUERY}, '${HEADLINE_OPTIONS}') AS snippet
FROM page p
ORDER BY p.rank DESC, p.global_position DESC`;

export interface SearchRow {
  event_id: string;
  event_type: string;
  country: string;
  occurred_at: Date;
  headline: string;
  classification: string;
  global_position: string;
  /** A `real`, which pg reads as a number. */
  rank: number;
  snippet: string;
}

export interface SearchItem {
  readonly eventId: string;
  readonly eventType: string;
  readonly country: string;
  readonly occurredAt: string;
  readonly headline: string;
  readonly classification: string;
  /** Plain text around the matches, each match between « and »; empty when the entry has no text but its headline. */
  readonly snippet: string;
  /** Relevance in [0, 1): higher is better; comparable within one query only. */
  readonly rank: number;
}

export function toSearchItem(row: SearchRow): SearchItem {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    country: row.country,
    occurredAt: row.occurred_at.toISOString(),
    headline: row.headline,
    classification: row.classification,
    snippet: row.snippet,
    rank: row.rank,
  };
}
