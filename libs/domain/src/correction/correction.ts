import { assertNever } from '../shared/decider.js';
import { assertHappened, illegalTransition } from '../shared/entry-facts.js';
import { CommandRejectedError, NotFoundError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '../shared/event.js';

export const ENTRY_CORRECTED = 'EntryCorrected';
export const ENTRY_RETRACTED = 'EntryRetracted';

export interface EntryCorrectedData {
  readonly targetEventId: string;
  readonly targetType: string;
  /** Fields of the target's data with their corrected values; `occurredAt` corrects the date itself. */
  readonly changes: Readonly<Record<string, unknown>>;
  readonly reason: string;
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

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Identity and cross-references are not corrected: a wrong reference is retracted and recorded anew. */
function isCorrectable(field: string): boolean {
  return field === 'occurredAt' || !/Id$/.test(field);
}

function checkChanges(
  target: RecordedEvent,
  changes: Readonly<Record<string, unknown>>,
  metadata: CommandMetadata,
) {
  const fields = Object.keys(changes);
  if (fields.length === 0) {
    throw new CommandRejectedError('NOTHING_TO_CORRECT', 'A correction must change at least one field.', {
      field: 'changes',
    });
  }
  const data = (target.data ?? {}) as Record<string, unknown>;
  const unknown = fields.filter((f) => !isCorrectable(f) || (f !== 'occurredAt' && !Object.hasOwn(data, f)));
  if (unknown.length > 0) {
    throw new CommandRejectedError(
      'UNCORRECTABLE_FIELDS',
      `${target.type} has no correctable field ${unknown.join(', ')}.`,
      {
        field: 'changes',
        fields: unknown,
        correctable: ['occurredAt', ...Object.keys(data).filter(isCorrectable)],
      },
    );
  }
  const mistyped = fields.filter((f) => {
    if (f === 'occurredAt')
      return typeof changes[f] !== 'string' || Number.isNaN(Date.parse(changes[f] as string));
    const was = kindOf(data[f]);
    const now = kindOf(changes[f]);
    return was !== now && was !== 'null' && now !== 'null';
  });
  if (mistyped.length > 0) {
    throw new CommandRejectedError(
      'CORRECTION_TYPE_MISMATCH',
      `Corrected values must keep their type: ${mistyped.join(', ')}.`,
      {
        field: 'changes',
        fields: mistyped,
      },
    );
  }
  if (typeof changes.occurredAt === 'string') assertHappened(new Date(changes.occurredAt), metadata);
}

/**
 * Decides a correction or retraction against the raw history of the target's stream (corrections included).
 * A correction event keeps the target's country and classification and happens when it is logged.
 */
export function decideCorrection(
  command: CorrectionCommand,
  history: readonly RecordedEvent[],
): CorrectionEvent[] {
  const target = history.find((e) => e.eventId === command.targetEventId);
  if (!target)
    throw new NotFoundError('ENTRY_NOT_FOUND', 'No such entry.', { eventId: command.targetEventId });
  if (isCorrection(target)) {
    throw new CommandRejectedError(
      'CANNOT_CORRECT_CORRECTION',
      'Corrections are not corrected; correct the entry again.',
    );
  }
  const retracted = history.some(
    (e) => e.type === ENTRY_RETRACTED && (e.data as EntryRetractedData).targetEventId === target.eventId,
  );
  const facts = {
    country: target.country,
    occurredAt: command.metadata.recordedAt.toISOString(),
    classification: target.classification,
    source: null,
    confidence: null,
  };
  switch (command.type) {
    case 'CorrectEntry': {
      if (retracted) return illegalTransition('entry', 'correct', 'retracted');
      const effective = applyCorrections(history).find((e) => e.eventId === target.eventId) ?? target;
      checkChanges(effective, command.changes, command.metadata);
      return [
        {
          type: ENTRY_CORRECTED,
          schemaVersion: 1,
          ...facts,
          data: {
            targetEventId: target.eventId,
            targetType: target.type,
            changes: command.changes,
            reason: command.reason,
          },
        },
      ];
    }
    case 'RetractEntry':
      if (retracted) return illegalTransition('entry', 'retract', 'retracted');
      return [
        {
          type: ENTRY_RETRACTED,
          schemaVersion: 1,
          ...facts,
          data: { targetEventId: target.eventId, targetType: target.type, reason: command.reason },
        },
      ];
    default:
      return assertNever(command);
  }
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
      const { occurredAt, ...fields } = event.data.changes;
      results.set(target.eventId, {
        ...target,
        occurredAt: typeof occurredAt === 'string' ? new Date(occurredAt).toISOString() : target.occurredAt,
        data: { ...(target.data as Record<string, unknown>), ...fields },
        trail: [...target.trail, { ...item, kind: 'correction', changes: event.data.changes }],
      });
    }
  }
  return [...results.values()];
}

/** The history as deciders and registers should fold it: corrections applied, retracted events left out. */
export function applyCorrections(history: readonly RecordedEvent[]): RecordedEvent[] {
  return resolveCorrections(history)
    .filter((e) => !e.retracted)
    .map(({ retracted: _r, trail: _t, ...event }) => event);
}
