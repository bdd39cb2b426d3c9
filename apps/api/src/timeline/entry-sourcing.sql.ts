import type { Confidence } from '#domain';

/**
 * Joins, for each row of `registers` (aliased `alias`), the source and confidence of the entry the row is: its
 * stream's first event (the offer, the award, the assignment), from the timeline revision known at `knownAt`
 * (a parameter placeholder such as `$5`), corrections included. Select `sourcing.source, sourcing.confidence`.
 */
export function entrySourcingJoin(alias: string, knownAt: string): string {
  return `
LEFT JOIN LATERAL (
  SELECT t.source, t.confidence FROM country_timeline t
  WHERE t.stream_id = ${alias}.stream_id AND t.stream_version = 1
    AND t.known_from <= ${knownAt}::timestamptz AND (t.known_until IS NULL OR t.known_until > ${knownAt}::timestamptz)
) sourcing ON true`;
}

/** The columns entrySourcingJoin adds. */
export interface EntrySourcingRow {
  source: string | null;
  confidence: Confidence | null;
}
