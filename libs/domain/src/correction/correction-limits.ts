import { canonicalJson } from '../shared/canonical-json.js';
import { CommandRejectedError } from '../shared/errors.js';
import type { RecordedEvent } from '../shared/event.js';
import { ENTRY_CORRECTED, type EntryCorrectedData } from './correction.js';

/** Corrections one entry may take; a retraction is not one (it ends the entry's corrections). */
export const MAX_CORRECTIONS_PER_ENTRY = 100;

/** The most a correction may hold: UTF-8 bytes of the canonical JSON of its `changes` and `reason`. */
export const MAX_CORRECTION_BYTES = 64 * 1024;

/** Bytes of a string in UTF-8 (a lone surrogate counts as the replacement character it is encoded as). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The size a correction is limited by: UTF-8 bytes of the canonical JSON of `{ changes, reason }`. */
export function correctionSize(changes: Readonly<Record<string, unknown>>, reason: string): number {
  return utf8Length(canonicalJson({ changes, reason }));
}

/** Corrections (not retractions) recorded so far for one entry of a stream's raw history. */
export function correctionsOf(history: readonly RecordedEvent[], targetEventId: string): number {
  return history.filter(
    (e) => e.type === ENTRY_CORRECTED && (e.data as EntryCorrectedData).targetEventId === targetEventId,
  ).length;
}

/**
 * Bounds what one entry can grow by: at most MAX_CORRECTIONS_PER_ENTRY corrections (`TOO_MANY_CORRECTIONS`) of
 * at most MAX_CORRECTION_BYTES each (`CORRECTION_TOO_LARGE`), both 422.
 */
export function assertWithinCorrectionLimits(
  history: readonly RecordedEvent[],
  targetEventId: string,
  changes: Readonly<Record<string, unknown>>,
  reason: string,
): void {
  const corrections = correctionsOf(history, targetEventId);
  if (corrections >= MAX_CORRECTIONS_PER_ENTRY) {
    throw new CommandRejectedError(
      'TOO_MANY_CORRECTIONS',
      `An entry takes at most ${MAX_CORRECTIONS_PER_ENTRY} corrections; this one has ${corrections}. Retract it and record it anew.`,
      { corrections, limit: MAX_CORRECTIONS_PER_ENTRY },
    );
  }
  const size = correctionSize(changes, reason);
  if (size > MAX_CORRECTION_BYTES) {
    throw new CommandRejectedError(
      'CORRECTION_TOO_LARGE',
      `A correction holds at most ${MAX_CORRECTION_BYTES} bytes (its changes and reason as JSON, UTF-8); this one holds ${size}.`,
      { field: 'changes', size, limit: MAX_CORRECTION_BYTES },
    );
  }
}
