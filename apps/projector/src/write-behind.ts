import type pg from 'pg';

/**
 * A single-row `INSERT INTO table (columns) VALUES ($1, …, $n)` with nothing after it (no ON CONFLICT, no
 * RETURNING): rows of the same statement can be written together as one multi-row INSERT with the same effect.
 */
const SINGLE_ROW_INSERT = /^\s*(INSERT\s+INTO\s+[\w.]+\s*\([^()]*\)\s*VALUES)\s*\(([^()]*)\)\s*$/i;

/** mergeableInsert's answer per statement text: the projections issue a few constant texts, many times each. */
const mergeable = new Map<string, { head: string; width: number } | undefined>();

/** The parameter count of a mergeable insert (its placeholders are exactly $1 … $n in order), or undefined. */
export function mergeableInsert(text: string): { head: string; width: number } | undefined {
  if (mergeable.has(text)) return mergeable.get(text);
  const answer = parseMergeableInsert(text);
  // Bounded: a text the projections did not write (none do today) is not kept once there are many.
  if (mergeable.size < 1_000) mergeable.set(text, answer);
  return answer;
}

function parseMergeableInsert(text: string): { head: string; width: number } | undefined {
  const match = SINGLE_ROW_INSERT.exec(text);
  if (!match) return undefined;
  const placeholders = (match[2] ?? '').split(',').map((p) => p.trim());
  if (!placeholders.every((p, i) => p === `$${i + 1}`)) return undefined;
  return { head: match[1] ?? '', width: placeholders.length };
}

/** One multi-row INSERT for `rows` rows of `width` parameters each. */
export function multiRowInsert(head: string, width: number, rows: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    const params: string[] = [];
    for (let c = 1; c <= width; c += 1) params.push(`$${r * width + c}`);
    tuples.push(`(${params.join(', ')})`);
  }
  return `${head} ${tuples.join(', ')}`;
}

/** Postgres takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;

/**
 * What a rebuild, and the live projector applying a chunk, hand a projection as the client: single-row INSERTs
 * (mergeableInsert) are held and written together as one multi-row INSERT, as late as possible: before any other
 * statement runs (which might read or change those rows), when the next would pass Postgres's parameter limit, or
 * at flush(). Statements run in the order they were issued, so the effect is the same; only the round trips are
 * fewer. A held insert is answered at once with no rows: the projections issue such inserts without reading their
 * answer. Errors surface at the flush that writes the row, which fails the whole transaction as the insert itself
 * would have (the live projector then applies the chunk again one event at a time, without it, to find the event
 * that failed).
 */
export class WriteBehind {
  private held: { text: string; head: string; width: number; values: unknown[] } | undefined;

  constructor(private readonly client: pg.ClientBase) {}

  /** The client to give the projection: only `query` is there, so nothing bypasses the write order. */
  asClient(): pg.ClientBase {
    const query = (config: string | pg.QueryConfig, values?: unknown[]) => this.query(config, values);
    return { query } as unknown as pg.ClientBase;
  }

  async query(config: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    const text = typeof config === 'string' ? config : config.text;
    const params = (typeof config === 'string' ? values : (config.values ?? values)) ?? [];
    const insert = mergeableInsert(text);
    if (insert && params.length === insert.width) {
      if (this.held && this.held.text !== text) await this.flush();
      if (this.held && this.held.values.length + params.length > MAX_PARAMETERS) await this.flush();
      this.held ??= { text, head: insert.head, width: insert.width, values: [] };
      this.held.values.push(...params);
      return { command: 'INSERT', rowCount: 1, oid: 0, rows: [], fields: [] };
    }
    await this.flush();
    return typeof config === 'string' ? this.client.query(config, values) : this.client.query(config);
  }

  /** Writes what is held. */
  async flush(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    const rows = held.values.length / held.width;
    await this.client.query(
      rows === 1 ? held.text : multiRowInsert(held.head, held.width, rows),
      held.values,
    );
  }
}
