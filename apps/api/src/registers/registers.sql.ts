import type { RegisterItem, RegisterKind } from './register-item.js';

/** One country's entries of one register, newest first; `$3` (a status) narrows it. */
export const COUNTRY_REGISTER = `
SELECT stream_id, entity_id, stream_version, state
FROM registers
WHERE kind = $1 AND country = $2 AND ($3::text IS NULL OR status = $3::text)
ORDER BY occurred_at DESC, stream_id`;

/**
 * Follow-ups, soonest due first, of one country ($1) or all; `$2` narrows by status, `$4` to those due before
 * `$3` (today, UTC). `overdue` marks open ones due before today.
 */
export const FOLLOW_UPS = `
SELECT stream_id, entity_id, stream_version, state, (status = 'open' AND due_date < $3::date) AS overdue
FROM registers
WHERE kind = 'follow-up'
  AND ($1::text IS NULL OR country = $1::text)
  AND ($2::text IS NULL OR status = $2::text)
  AND (NOT $4::boolean OR due_date < $3::date)
ORDER BY due_date, occurred_at, stream_id`;

export interface RegisterRow {
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
  } as unknown as RegisterItem<K>;
}
