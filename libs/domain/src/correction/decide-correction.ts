import { assertNever } from '../shared/decider.js';
import { assertHappened, illegalTransition } from '../shared/entry-facts.js';
import { CommandRejectedError, NotFoundError } from '../shared/errors.js';
import type { CommandMetadata, RecordedEvent } from '../shared/event.js';
import { correctableFields, isEventFactField } from './correctable-fields.js';
import {
  applyCorrections,
  type CorrectedEvent,
  type CorrectionCommand,
  type CorrectionEvent,
  correctedTarget,
  ENTRY_CORRECTED,
  ENTRY_RETRACTED,
  type EntryRetractedData,
  isCorrection,
} from './correction.js';
import { assertWithinCorrectionLimits } from './correction-limits.js';

// Deciding a correction lives apart from the correction events: the events are read by every stream's module
// (follow-ups fold their source), while the decision reads what each module's events may have corrected.

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
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
  const correctable = correctableFields(target.type);
  const refused = fields.filter((f) => !correctable.includes(f));
  if (refused.length > 0) {
    throw new CommandRejectedError(
      'UNCORRECTABLE_FIELDS',
      `${target.type} has no correctable field ${refused.join(', ')}; a wrong reference is retracted and recorded anew.`,
      { field: 'changes', fields: refused, correctable },
    );
  }
  // A first, cheap pass on the shape; the API then checks each value with the rules of the creating command.
  const data = (target.data ?? {}) as Record<string, unknown>;
  const mistyped = fields.filter((f) => {
    const now = kindOf(changes[f]);
    if (f === 'occurredAt') return now !== 'string' || Number.isNaN(Date.parse(changes[f] as string));
    if (isEventFactField(f)) return now !== 'string' && now !== 'null';
    const was = kindOf(data[f]);
    return was !== now && was !== 'null' && was !== 'undefined' && now !== 'null';
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
      assertWithinCorrectionLimits(history, target.eventId, command.changes, command.reason);
      const effective = applyCorrections(history).find((e) => e.eventId === target.eventId) ?? target;
      checkChanges(effective, command.changes, command.metadata);
      return [
        {
          type: ENTRY_CORRECTED,
          schemaVersion: 3,
          ...facts,
          data: {
            targetEventId: target.eventId,
            targetType: target.type,
            changes: command.changes,
            reason: command.reason,
            corrected: correctedTarget(history, target.eventId, command.changes) as CorrectedEvent,
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
