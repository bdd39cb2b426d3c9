/** Where a page ended: the sort key of its last entry. Opaque to clients. */
export interface TimelineCursor {
  readonly occurredAt: string;
  readonly position: string;
}

export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.position])).toString('base64url');
}

/** Returns undefined for anything that is not a cursor this API issued. */
export function decodeCursor(raw: string): TimelineCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [occurredAt, position] = value;
    if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) return undefined;
    if (typeof position !== 'string' || !/^\d{1,19}$/.test(position)) return undefined;
    return { occurredAt, position };
  } catch {
    return undefined;
  }
}
