import { createHash } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { IMPORT_COMMANDS, type ImportCommandName, isImportCommand } from './import-commands.js';

/** A problem with one field of one line. */
export interface LineError {
  readonly field: string | null;
  readonly message: string;
}

/** A line ready to send: its route, its body, its idempotency key and the entry it orders behind (if any). */
export interface LineRequest {
  readonly line: number;
  readonly command: ImportCommandName;
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** The route's path parameter (a country, an entry's id), as the line gave it. */
  readonly param?: string;
  readonly idempotencyKey: string;
  /** Lines that change the same entry run in file order; others run side by side. */
  readonly orderKey?: string;
}

export type ParsedLine =
  | { readonly line: number; readonly ok: true; readonly request: LineRequest }
  | { readonly line: number; readonly ok: false; readonly errors: readonly LineError[] };

/** How a file's lines get their idempotency keys: from the file's key and the line, or from a column. */
export interface KeyPolicy {
  readonly fileKey: string;
  /** A field of each record (an NDJSON field, a CSV column) whose value is the record's own key. */
  readonly keyField?: string;
}

const KEY_VALUE = /^[\x21-\x7e]{1,120}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The idempotency key of a line: `import:<hash of the file key>:<line>`, so the same file run again (fixed lines
 * and all) records nothing twice; or `import:<command>:<value of the key field>`, so a record keeps its key
 * wherever it moves in a file or between files.
 */
export function lineKey(policy: KeyPolicy, line: number, command: string, keyValue?: string): string {
  if (policy.keyField !== undefined) return `import:${command}:${keyValue}`;
  const file = createHash('sha256').update(policy.fileKey).digest('base64url').slice(0, 22);
  return `import:${file}:${line}`;
}

/**
 * A record (one NDJSON object, or one CSV row made into an object) as the request its command's route takes:
 * `command` names the route, `country` or `id` fill its path, the key field (if any) keys it, the rest is the
 * body, passed on untouched for the route to validate.
 */
export function requestOf(line: number, record: unknown, policy: KeyPolicy, csvCommand?: string): ParsedLine {
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    return { line, ok: false, errors: [{ field: null, message: 'a line must be a JSON object' }] };
  const { command: named, ...fields } = record as Record<string, unknown>;
  const command = csvCommand ?? named;
  if (!isImportCommand(command))
    return {
      line,
      ok: false,
      errors: [
        { field: 'command', message: `command must be one of ${Object.keys(IMPORT_COMMANDS).join(', ')}` },
      ],
    };
  if (csvCommand !== undefined && named !== undefined && named !== csvCommand)
    return {
      line,
      ok: false,
      errors: [{ field: 'command', message: `this file's command is ${csvCommand}` }],
    };
  const errors: LineError[] = [];
  const { path: template, needs } = IMPORT_COMMANDS[command];
  const body: Record<string, unknown> = { ...fields };
  let path: string = template;
  let orderKey: string | undefined;
  let param: string | undefined;
  if (needs === 'country') {
    const country = typeof body.country === 'string' ? body.country.toUpperCase() : undefined;
    delete body.country;
    if (country === undefined || !COUNTRY.test(country))
      errors.push({ field: 'country', message: 'country must be an ISO 3166-1 alpha-2 code' });
    else {
      path = path.replace('{country}', country);
      param = country;
    }
  }
  if (needs === 'id') {
    const id = body.id;
    delete body.id;
    if (typeof id !== 'string' || !ID.test(id))
      errors.push({ field: 'id', message: `id must name the entry ${command} changes` });
    else {
      path = path.replace('{id}', encodeURIComponent(id));
      orderKey = id;
      param = id;
    }
  }
  let keyValue: string | undefined;
  if (policy.keyField !== undefined) {
    const value = body[policy.keyField];
    delete body[policy.keyField];
    keyValue = typeof value === 'number' ? String(value) : (value as string | undefined);
    if (typeof keyValue !== 'string' || !KEY_VALUE.test(keyValue))
      errors.push({
        field: policy.keyField,
        message: `${policy.keyField} (the file's key column) must be 1–120 visible ASCII characters`,
      });
  }
  if (errors.length > 0) return { line, ok: false, errors };
  return {
    line,
    ok: true,
    request: {
      line,
      command,
      path,
      body,
      ...(param === undefined ? {} : { param }),
      idempotencyKey: lineKey(policy, line, command, keyValue),
      ...(orderKey === undefined ? {} : { orderKey }),
    },
  };
}

/** NDJSON: one JSON value a line; a blank line is skipped but still counted, so numbers match the file. */
export function parseNdjsonLine(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A CSV row as the object its dotted columns describe (`envoys.0.name` → `{ envoys: [{ name }] }`). An empty cell
 * is left out; `true`, `false` and `null` become those values, anything else stays text (csvBody turns text into
 * numbers where the route's DTO has a number). Throws on a column that could not be a field path.
 */
export function rowToRecord(row: Readonly<Record<string, string>>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === '') continue;
    const path = column.split('.');
    if (path.some((part) => part === '' || UNSAFE_KEYS.has(part)))
      throw new Error(`column "${column}" is not a field path`);
    let target: Record<string, unknown> | unknown[] = record;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      const key = Array.isArray(target) ? Number(part) : part;
      if (Array.isArray(target) && (!Number.isInteger(key) || (key as number) < 0 || (key as number) > 999))
        throw new Error(`column "${column}": ${part} is not a list position`);
      const container = target as Record<string | number, unknown>;
      if (last) {
        container[key] = cellValue(cell);
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[index + 1] as string);
      const existing = container[key];
      if (existing === undefined) container[key] = nextIsIndex ? [] : {};
      else if (typeof existing !== 'object' || existing === null || Array.isArray(existing) !== nextIsIndex)
        throw new Error(`column "${column}" clashes with another column`);
      target = container[key] as Record<string, unknown> | unknown[];
    });
  }
  return compactLists(record) as Record<string, unknown>;
}

function cellValue(cell: string): unknown {
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if (cell === 'null') return null;
  return cell;
}

/**
 * A CSV record's text as the types of the command's DTO (class-transformer's implicit conversion from the DTO's
 * design types: `"1000"` where the DTO has a number becomes 1000, a money amount stays text). What the DTO does
 * not know is passed on as it is, for the route to refuse.
 */
export function csvBody(
  command: ImportCommandName,
  record: Record<string, unknown>,
): Record<string, unknown> {
  const dto: new () => object = IMPORT_COMMANDS[command].dto;
  const typed = plainToInstance(dto, record, { enableImplicitConversion: true, exposeDefaultValues: false });
  return JSON.parse(JSON.stringify(typed)) as Record<string, unknown>;
}

/** Lists whose blank cells were left out are closed up (`topics.0`, `topics.2` → two topics). */
function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactLists);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactLists(v)]));
  return value;
}
