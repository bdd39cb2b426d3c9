import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportCommandName } from './import-commands.js';
import {
  csvBody,
  type KeyPolicy,
  type LineRequest,
  type ParsedLine,
  parseNdjsonLine,
  requestOf,
  rowToRecord,
} from './import-lines.js';
import type { ImportCounts, ImportLineError, ImportStore } from './import-store.js';

/** What the route answered a line: its status, its body (an entry recorded, or a problem) and whether it replayed. */
export interface LineAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The line's idempotency key had recorded it before: nothing was written now. */
  readonly replayed: boolean;
}

/** Sends one line through its command's route (in the API: an in-process request with the caller's token). */
export type SendLine = (request: LineRequest) => Promise<LineAnswer>;

/** NDJSON lines as parsed records, numbered as in the file (blank lines skipped). */
export async function* ndjsonLines(body: Readable, policy: KeyPolicy): AsyncGenerator<ParsedLine> {
  const reader = createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of reader) {
    line += 1;
    if (text.trim() === '') continue;
    const parsed = parseNdjsonLine(text);
    yield parsed.ok
      ? requestOf(line, parsed.value, policy)
      : { line, ok: false, errors: [{ field: null, message: parsed.message }] };
  }
}

/**
 * CSV rows (the first line names the columns, dotted for nested fields) as parsed records of one command,
 * numbered by the file line each ends on. A row the CSV parser cannot read (a stray quote, a wrong number of
 * cells) is refused with its line; the rest go on.
 */
export async function* csvLines(
  body: Readable,
  command: ImportCommandName,
  policy: KeyPolicy,
): AsyncGenerator<ParsedLine> {
  const skipped: ParsedLine[] = [];
  const parser = body.pipe(
    parse({
      columns: true,
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      trim: false,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ line: error.lines ?? 0, ok: false, errors: [{ field: null, message: error.message }] });
  });
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield* skipped.splice(0);
    let parsed: ParsedLine;
    try {
      parsed = requestOf(info.lines, csvBody(command, rowToRecord(record)), policy, command);
    } catch (error) {
      parsed = { line: info.lines, ok: false, errors: [{ field: null, message: (error as Error).message }] };
    }
    yield parsed;
  }
  yield* skipped.splice(0);
}

/** The errors of a line its route refused: the problem's field errors, or its title and detail. */
export function lineErrors(line: number, answer: LineAnswer): ImportLineError[] {
  const problem = (answer.body ?? {}) as {
    title?: unknown;
    detail?: unknown;
    errors?: { field?: unknown; message?: unknown }[];
  };
  if (Array.isArray(problem.errors) && problem.errors.length > 0)
    return problem.errors.map((e) => ({
      line,
      status: answer.status,
      field: typeof e.field === 'string' ? e.field : null,
      message: String(e.message ?? 'invalid'),
    }));
  const title = typeof problem.title === 'string' ? problem.title : `answered ${answer.status}`;
  const detail = typeof problem.detail === 'string' ? `: ${problem.detail}` : '';
  return [{ line, status: answer.status, field: null, message: `${title}${detail}` }];
}

const FLUSH_LINES = 200;
const FLUSH_MS = 500;

/**
 * Runs a file's lines through `send`, up to `concurrency` at a time (lines that change the same entry in file
 * order), and keeps the run's counts and refused lines current in the store (every 200 lines or half second).
 * Reading pauses while `concurrency` lines are in flight, so the body is read no faster than it is recorded.
 */
export async function runImport(
  id: string,
  lines: AsyncIterable<ParsedLine>,
  send: SendLine,
  store: ImportStore,
  concurrency = 16,
): Promise<void> {
  let pending: ImportCounts = { lines: 0, recorded: 0, duplicates: 0, rejected: 0 };
  let errors: ImportLineError[] = [];
  let unflushed = 0;
  let lastFlush = Date.now();
  const flush = async () => {
    const [delta, batch] = [pending, errors];
    pending = { lines: 0, recorded: 0, duplicates: 0, rejected: 0 };
    errors = [];
    unflushed = 0;
    lastFlush = Date.now();
    await store.progress(id, delta, batch);
  };
  const settle = (parsed: ParsedLine, answer?: LineAnswer) => {
    pending.lines += 1;
    unflushed += 1;
    if (!parsed.ok) {
      pending.rejected += 1;
      errors.push(...parsed.errors.map((e) => ({ line: parsed.line, status: 400, ...e })));
    } else if (answer && answer.status >= 200 && answer.status < 300) {
      if (answer.replayed) pending.duplicates += 1;
      else pending.recorded += 1;
    } else if (answer) {
      pending.rejected += 1;
      errors.push(...lineErrors(parsed.line, answer));
    }
  };

  const inFlight = new Set<Promise<void>>();
  const tails = new Map<string, Promise<void>>();
  for await (const parsed of lines) {
    if (!parsed.ok) settle(parsed);
    else {
      const { request } = parsed;
      const before = request.orderKey ? tails.get(request.orderKey) : undefined;
      const task: Promise<void> = (before ?? Promise.resolve())
        .then(() => send(request))
        .then((answer) => settle(parsed, answer))
        .finally(() => {
          inFlight.delete(task);
          if (request.orderKey && tails.get(request.orderKey) === task) tails.delete(request.orderKey);
        });
      inFlight.add(task);
      if (request.orderKey) tails.set(request.orderKey, task);
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    if (unflushed >= FLUSH_LINES || Date.now() - lastFlush >= FLUSH_MS) await flush();
  }
  await Promise.all(inFlight);
  await flush();
}
