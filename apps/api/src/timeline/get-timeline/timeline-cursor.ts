/** Where a page ended: the sort key of its last entry. Opaque to clients. */
export interface TimelineCursor {
  readonly occurredAt: string;
  readonly position: string;
}

/** As `Date.prototype.toISOString` writes an instant of years 0001–9999, the only form a cursor carries. */
const ISSUED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Global positions are PostgreSQL `bigint`s. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.position])).toString('base64url');
}

/**
 * Returns undefined for anything that is not a cursor this API issued. A forged one must not reach the query:
 * PostgreSQL would refuse a `timestamptz` such as "2026" or year 0, or a position beyond `bigint`, with an error.
 */
export function decodeCursor(raw: string): TimelineCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [occurredAt, position] = value;
    if (typeof occurredAt !== 'string' || !ISSUED_INSTANT.test(occurredAt)) return undefined;
    // Round-trips only for a real calendar instant (no 30 February), and year 0 is no PostgreSQL year.
    const instant = new Date(occurredAt);
    if (Number.isNaN(instant.getTime()) || instant.toISOString() !== occurredAt || occurredAt < '0001') {
      return undefined;
    }
    if (typeof position !== 'string' || !/^\d{1,19}$/.test(position) || BigInt(position) > MAX_POSITION) {
      return undefined;
    }
    return { occurredAt, position };
  } catch {
    return undefined;
  }
}
