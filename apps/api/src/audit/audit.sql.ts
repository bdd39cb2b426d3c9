import { ENTRY_CORRECTED, ENTRY_RETRACTED } from '#domain';
import type { AuditRow } from '#event-store';

/** What an event did to the record: a new entry, a change of one (a transition), a correction or a retraction. */
export type AuditAction = 'recorded' | 'corrected' | 'retracted' | 'changed';

/** One line of the audit trail: who did what to which entry, and when; never the entry's content. */
export interface AuditItem {
  readonly eventId: string;
  readonly type: string;
  readonly action: AuditAction;
  readonly streamId: string;
  readonly country: string;
  readonly classification: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** The event a correction or retraction changes; absent for the others. */
  readonly targetEventId?: string;
}

function actionOf(row: AuditRow): AuditAction {
  if (row.event_type === ENTRY_CORRECTED) return 'corrected';
  if (row.event_type === ENTRY_RETRACTED) return 'retracted';
  return row.stream_version === 1 ? 'recorded' : 'changed';
}

export function toAuditItem(row: AuditRow): AuditItem {
  return {
    eventId: row.event_id,
    type: row.event_type,
    action: actionOf(row),
    streamId: row.stream_id,
    country: row.country,
    classification: row.classification,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    ...(row.target_event_id === null ? {} : { targetEventId: row.target_event_id }),
  };
}
