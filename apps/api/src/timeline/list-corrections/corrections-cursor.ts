/**
 * Where a page of an entry's corrections ended, opaque to clients: the place of its last (oldest) item in the
 * entry's trail, counted from 1 in the order they were recorded, and that item's event id, so a cursor of
 * another entry, or one altered, is told from one this API issued for this entry.
 */
export interface CorrectionsCursor {
  readonly before: number;
  readonly eventId: string;
}

/** Event ids are UUIDs. */
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Places are PostgreSQL `integer`s. */
const MAX_PLACE = 2_147_483_647;

export function encodeCorrectionsCursor(cursor: CorrectionsCursor): string {
  return Buffer.from(JSON.stringify([cursor.before, cursor.eventId])).toString('base64url');
}

/** Returns undefined for anything that is not a cursor this API issues; whose entry it is the query checks. */
export function decodeCorrectionsCursor(raw: string): CorrectionsCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [before, eventId] = value;
    if (typeof before !== 'number' || !Number.isInteger(before) || before < 2 || before > MAX_PLACE) {
      return undefined;
    }
    if (typeof eventId !== 'string' || !EVENT_ID.test(eventId)) return undefined;
    // Only the canonical spelling: any other encoding of the same pair was not issued.
    if (encodeCorrectionsCursor({ before, eventId }) !== raw) return undefined;
    return { before, eventId };
  } catch {
    return undefined;
  }
}
