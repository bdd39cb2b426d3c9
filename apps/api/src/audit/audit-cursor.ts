/**
 * Where an audit page ended: the global position of its last (oldest) event. Opaque to clients; tagged `audit`
 * so that a cursor of another listing (the timeline's, a register's) is told from one of this.
 */
export interface AuditCursor {
  readonly before: string;
}

const KIND = 'audit';
/** Global positions are PostgreSQL `bigint`s, and start at 1. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([KIND, cursor.before])).toString('base64url');
}

/**
 * Returns undefined for anything that is not a cursor this API issued. A forged one must not reach the query:
 * a position beyond `bigint` would make PostgreSQL fail the query with an error (a 500).
 */
export function decodeAuditCursor(raw: string): AuditCursor | undefined {
  if (raw.length > 100 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || value[0] !== KIND) return undefined;
    const before = value[1];
    if (typeof before !== 'string' || !/^[1-9]\d{0,18}$/.test(before) || BigInt(before) > MAX_POSITION) {
      return undefined;
    }
    // Only the canonical spelling: any other encoding of the same position was not issued.
    if (encodeAuditCursor({ before }) !== raw) return undefined;
    return { before };
  } catch {
    return undefined;
  }
}
