import { type EntrySourcingRow, entrySourcingJoin } from '../timeline/entry-sourcing.sql.js';
import type { RegisterItem, RegisterKind } from './register-item.js';

/**
 * One country's entries of one register as known at `$5` (the revision in force then), newest first; `$3` (a
 * status) narrows it. An offer still `offered` whose expiresOn is before `$4` (the day read, UTC) has lapsed: it
 * reads, and filters, as `expired` until its IncentiveExpired is recorded. The country overview's open offers are
 * the complement: `status = 'offered' AND (expiresOn IS NULL OR expiresOn >= the day read)`.
 */
export const COUNTRY_REGISTER = `
WITH known AS (
  SELECT stream_id, entity_id, stream_version, state, status, occurred_at,
         coalesce(kind = 'incentive-offer' AND status = 'offered' AND (state->>'expiresOn')::date < $4::date, false)
           AS lapsed, sourcing.source, sourcing.confidence
  FROM registers ${entrySourcingJoin('registers', '$5')}
  WHERE kind = $1 AND country = $2
    AND known_from <= $5::timestamptz AND (known_until IS NULL OR known_until > $5::timestamptz)
)
SELECT stream_id, entity_id, stream_version, state, lapsed, source, confidence
FROM known
WHERE $3::text IS NULL OR (CASE WHEN lapsed THEN 'expired' ELSE status END) = $3::text
ORDER BY occurred_at DESC, stream_id`;

/**
 * Follow-ups as known at `$5`, soonest due first, of one country ($1) or all; `$2` narrows by status, `$4` to
 * those due before `$3` (the day read, UTC). `overdue` marks open ones due before that day.
 */
export const FOLLOW_UPS = `
SELECT stream_id, entity_id, stream_version, state, (status = 'open' AND due_date < $3::date) AS overdue,
       sourcing.source, sourcing.confidence
FROM registers ${entrySourcingJoin('registers', '$5')}
WHERE kind = 'follow-up'
  AND known_from <= $5::timestamptz AND (known_until IS NULL OR known_until > $5::timestamptz)
  AND ($1::text IS NULL OR country = $1::text)
  AND ($2::text IS NULL OR status = $2::text)
  AND (NOT $4::boolean OR due_date < $3::date)
ORDER BY due_date, occurred_at, stream_id`;

export interface RegisterRow extends EntrySourcingRow {
  stream_id: string;
  entity_id: string;
  stream_version: number;
  state: Record<string, unknown>;
}

/** The decider state with the entry's id, stream and version. */
export function toRegisterItem<K extends RegisterKind>(row: RegisterRow): RegisterItem<K> {
  return {
    ...row.state,
    id: row.entity_id,
    streamId: row.stream_id,
    version: row.stream_version,
    source: row.source,
    confidence: row.confidence,
  } as unknown as RegisterItem<K>;
}
