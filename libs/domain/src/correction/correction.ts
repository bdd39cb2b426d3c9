import type { Confidence } from '../shared/classification.js';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '../shared/event.js';

export const ENTRY_CORRECTED = 'EntryCorrected';
export const ENTRY_RETRACTED = 'EntryRetracted';

/** An event as it reads once corrected: its facts and data with every correction up to then applied. */
export interface CorrectedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly source: string | null;
  readonly confidence: Confidence | null;
  readonly data: unknown;
}

export interface EntryCorrectedData {
  readonly targetEventId: string;
  readonly targetType: string;
  /**
   * Fields of the target's data with their corrected values; `occurredAt`, `source` and `confidence` correct
   * the event's own facts (see CORRECTABLE_FIELDS).
   */
  readonly changes: Readonly<Record<string, unknown>>;
  readonly reason: string;
  /** The target as it reads after this correction (and every earlier one). (Schema version 3.) */
  readonly corrected: CorrectedEvent;
}
export interface EntryRetractedData {
  readonly targetEventId: string;
  readonly targetType: string;
  readonly reason: string;
}

/** An earlier event was recorded with a wrong detail; history keeps both. Appended to the target's stream. */
export type EntryCorrected = DomainEvent<typeof ENTRY_CORRECTED, EntryCorrectedData>;
/** An earlier event should not have been recorded at all; it stays in history, marked retracted. */
export type EntryRetracted = DomainEvent<typeof ENTRY_RETRACTED, EntryRetractedData>;
export type CorrectionEvent = EntryCorrected | EntryRetracted;

export interface CorrectEntry {
  readonly type: 'CorrectEntry';
  readonly targetEventId: string;
  readonly changes: Readonly<Record<string, unknown>>;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
export interface RetractEntry {
  readonly type: 'RetractEntry';
  readonly targetEventId: string;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
export type CorrectionCommand = CorrectEntry | RetractEntry;

export function isCorrection(event: { readonly type: string }): event is CorrectionEvent {
  return event.type === ENTRY_CORRECTED || event.type === ENTRY_RETRACTED;
}

/** One correction or retraction as the trail of an entry shows it. */
export interface CorrectionTrailItem {
  readonly eventId: string;
  readonly kind: 'correction' | 'retraction';
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly reason: string;
  readonly changes: Readonly<Record<string, unknown>> | null;
}

/** An event as it now reads, with the corrections that made it so. */
export interface EffectiveEvent extends RecordedEvent {
  readonly retracted: boolean;
  readonly trail: readonly CorrectionTrailItem[];
}

/**
 * Resolves corrections: every non-correction event of the history with its corrections applied in order, and
 * retracted ones flagged. `knownAt` ignores corrections recorded later (what we believed at that time).
 */
export function resolveCorrections(history: readonly RecordedEvent[], knownAt?: Date): EffectiveEvent[] {
  const known = knownAt ? history.filter((e) => Date.parse(e.recordedAt) <= knownAt.getTime()) : history;
  const results = new Map<string, EffectiveEvent>();
  for (const event of known) {
    if (!isCorrection(event)) {
      results.set(event.eventId, { ...event, retracted: false, trail: [] });
      continue;
    }
    const target = results.get(event.data.targetEventId);
    if (!target) continue;
    const item = {
      eventId: event.eventId,
      recordedAt: event.recordedAt,
      recordedBy: event.recordedBy,
      reason: event.data.reason,
    };
    if (event.type === ENTRY_RETRACTED) {
      results.set(target.eventId, {
        ...target,
        retracted: true,
        trail: [...target.trail, { ...item, kind: 'retraction', changes: null }],
      });
    } else {
      results.set(target.eventId, {
        ...target,
        ...withChanges(target, event.data.changes),
        trail: [...target.trail, { ...item, kind: 'correction', changes: event.data.changes }],
      });
    }
  }
  return [...results.values()];
}

/** An event's facts and data with one correction's changes applied (a field replaced whole). */
export function withChanges(
  target: Pick<RecordedEvent, 'occurredAt' | 'source' | 'confidence' | 'data'>,
  changes: Readonly<Record<string, unknown>>,
): Pick<RecordedEvent, 'occurredAt' | 'source' | 'confidence' | 'data'> {
  const { occurredAt, source, confidence, ...fields } = changes;
  return {
    occurredAt: typeof occurredAt === 'string' ? new Date(occurredAt).toISOString() : target.occurredAt,
    source: Object.hasOwn(changes, 'source') ? ((source as string | null) ?? null) : target.source,
    confidence: Object.hasOwn(changes, 'confidence')
      ? ((confidence as Confidence | null) ?? null)
      : target.confidence,
    data: { ...(target.data as Record<string, unknown>), ...fields },
  };
}

/**
 * How the target of a correction reads once `changes` apply over the stream's history before it (the target and
 * its earlier corrections): what version 3 of EntryCorrected states. Undefined when the target is not there.
 */
export function correctedTarget(
  history: readonly RecordedEvent[],
  targetEventId: string,
  changes: Readonly<Record<string, unknown>>,
): CorrectedEvent | undefined {
  const before = resolveCorrections(history).find((e) => e.eventId === targetEventId);
  if (!before) return undefined;
  return { type: before.type, schemaVersion: before.schemaVersion, ...withChanges(before, changes) };
}

/** The history as deciders and registers should fold it: corrections applied, retracted events left out. */
export function applyCorrections(history: readonly RecordedEvent[]): RecordedEvent[] {
  return resolveCorrections(history)
    .filter((e) => !e.retracted)
    .map(({ retracted: _r, trail: _t, ...event }) => event);
}
