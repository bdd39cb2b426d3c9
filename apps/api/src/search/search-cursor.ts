/**
 * Where a search page ended: the sort key of its last result, its relevance and its global position. Opaque to
 * clients; tagged `search` so that a cursor of another listing (the timeline's, the audit's) is told from one of
 * this.
 */
export interface SearchCursor {
  /** `ts_rank` as PostgreSQL answered it (a `real`): the shortest decimal that reads back as the same `real`. */
  readonly rank: number;
  readonly position: string;
}

const KIND = 'search';
/** Global positions are PostgreSQL `bigint`s, and start at 1. */
const MAX_POSITION = 9_223_372_036_854_775_807n;
/**
 * The least positive `real`, as PostgreSQL writes it: a smaller positive number (a double such as 1e-320) reads
 * as 0 in a `real`, which PostgreSQL refuses as out of range.
 */
const MIN_RANK = 1e-45;

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([KIND, cursor.rank, cursor.position])).toString('base64url');
}

/**
 * Returns undefined for anything that is not a cursor this API issued. A forged one must not reach the query:
 * a position beyond `bigint` or a rank beyond `real` (or below its least positive value) would make PostgreSQL fail it with an error (a 500). Ranks
 * are normalised to [0, 1) (`ts_rank`'s normalisation 32), so anything else was not issued either.
 */
export function decodeSearchCursor(raw: string): SearchCursor | undefined {
  if (raw.length > 120 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== KIND) return undefined;
    const [, rank, position] = value;
    if (typeof rank !== 'number' || !(rank === 0 || (rank >= MIN_RANK && rank < 1))) return undefined;
    if (
      typeof position !== 'string' ||
      !/^[1-9]\d{0,18}$/.test(position) ||
      BigInt(position) > MAX_POSITION
    ) {
      return undefined;
    }
    // Only the canonical spelling: any other encoding of the same key was not issued.
    if (encodeSearchCursor({ rank, position }) !== raw) return undefined;
    return { rank, position };
  } catch {
    return undefined;
  }
}
