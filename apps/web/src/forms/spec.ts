/**
 * The data-driven forms: a command's form is a list of field specs, each naming the request-body path it fills.
 * This module turns form values into a request body, server field errors into form paths, and two readings of
 * an entry into what changed. DOM-free and JSX-free, unit-tested in tests/unit/web/forms-spec.unit.spec.ts.
 */
import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import type { FieldError, Problem } from '../api/types.js';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'datetime'
  | 'select'
  | 'classification'
  | 'checkboxes'
  | 'boolean'
  | 'strings'
  | 'people'
  | 'person'
  | 'money'
  | 'period'
  | 'rival';

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** What an empty value sends: nothing (`omit`), `null`, or the empty string/list (`empty`). */
export type WhenEmpty = 'omit' | 'null' | 'empty';

export interface FieldSpec {
  /** The request-body path the field fills, dotted: `location`, `changes.description`. */
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** Shown as required (the server decides: nothing is refused in the browser). */
  readonly required?: boolean;
  readonly hint?: string;
  readonly options?: readonly Option[];
  /** Default: `omit` for optional fields, `empty` for required ones. */
  readonly whenEmpty?: WhenEmpty;
  /** For lists: what one row is called ("Topic"). */
  readonly itemLabel?: string;
  /** Not sent in the body (a path parameter, e.g. a vendor id in the URL). */
  readonly notInBody?: boolean;
  /** For a classification: the choice that sends nothing (the server's default), e.g. "Same as the engagement". */
  readonly emptyLabel?: string;
  /** Laid out across the whole width of the form. */
  readonly wide?: boolean;
}

/** Form values are nested like the body; lists of text are rows of `{ value }` (what useFieldArray needs). */
export type FormValues = Record<string, unknown>;
export interface TextRow {
  value: string;
}
export interface Person {
  name: string;
  title: string;
  organisation: string;
}

export function getPath(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (next === null || typeof next !== 'object') current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts.at(-1) as string] = value;
}

const EMPTY_PERSON: Person = { name: '', title: '', organisation: '' };

/** The value a field starts with when nothing is prefilled. */
export function emptyValue(field: FieldSpec): unknown {
  switch (field.kind) {
    case 'checkboxes':
      return [];
    case 'boolean':
      return false;
    case 'strings':
      return [{ value: '' }];
    case 'people':
      return [{ ...EMPTY_PERSON }];
    case 'person':
      return { ...EMPTY_PERSON };
    case 'money':
      return { amount: '', currency: '' };
    case 'period':
      return { start: '', end: '' };
    case 'rival':
      return { kind: '', name: '' };
    case 'classification':
      return field.emptyLabel ? '' : 'unclassified';
    default:
      return '';
  }
}

export function defaultValues(fields: readonly FieldSpec[], prefill: FormValues = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const given = getPath(prefill, field.name);
    setPath(values, field.name, given === undefined ? emptyValue(field) : given);
  }
  return values;
}

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * A `datetime-local` value (no zone) read as UTC, as every date of this app is: `2026-02-10T10:00` →
 * `2026-02-10T10:00:00Z`. Anything else is passed on as typed, for the server to judge.
 */
export function utcInstant(local: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return `${local}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(local)) return `${local}Z`;
  return local;
}

/** An instant the API served, as a `datetime-local` value in UTC: `2026-02-10T10:00:00.000Z` → `2026-02-10T10:00`. */
export function localInput(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(iso);
  return match?.[1] ?? '';
}

/** One field's value as the body takes it, or `undefined` to leave it out. */
function bodyValue(field: FieldSpec, raw: unknown): unknown {
  const whenEmpty = field.whenEmpty ?? (field.required ? 'empty' : 'omit');
  const empty = (emptyForm: unknown) =>
    whenEmpty === 'omit' ? undefined : whenEmpty === 'null' ? null : emptyForm;
  switch (field.kind) {
    case 'number': {
      const text = trimmed(raw);
      if (text === '') return empty(undefined);
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    case 'datetime': {
      const text = trimmed(raw);
      return text === '' ? empty('') : utcInstant(text);
    }
    case 'boolean':
      return raw === true;
    case 'checkboxes':
      return Array.isArray(raw) ? raw.map(String) : [];
    case 'strings': {
      const rows = Array.isArray(raw) ? (raw as TextRow[]) : [];
      const list = rows.map((row) => trimmed(row?.value)).filter((text) => text !== '');
      return list.length === 0 ? empty([]) : list;
    }
    case 'people': {
      const rows = Array.isArray(raw) ? (raw as Person[]) : [];
      const list = rows
        .map((row) => ({
          name: trimmed(row?.name),
          title: trimmed(row?.title),
          organisation: trimmed(row?.organisation),
        }))
        .filter((row) => row.name !== '' || row.title !== '' || row.organisation !== '');
      return list.length === 0 ? empty([]) : list;
    }
    case 'person': {
      const row = (raw ?? {}) as Partial<Person>;
      return { name: trimmed(row.name), title: trimmed(row.title), organisation: trimmed(row.organisation) };
    }
    case 'money': {
      const money = (raw ?? {}) as { amount?: string; currency?: string };
      const amount = trimmed(money.amount);
      const currency = trimmed(money.currency).toUpperCase();
      return amount === '' && currency === '' ? empty(null) : { amount, currency };
    }
    case 'period': {
      const period = (raw ?? {}) as { start?: string; end?: string };
      const start = trimmed(period.start);
      const end = trimmed(period.end);
      if (start === '' && end === '') return empty({ start: '', end: null });
      return { start, end: end === '' ? null : end };
    }
    case 'rival': {
      const rival = (raw ?? {}) as { kind?: string; name?: string };
      return { kind: trimmed(rival.kind), name: trimmed(rival.name) };
    }
    default: {
      const text = trimmed(raw);
      return text === '' ? empty('') : text;
    }
  }
}

/** The request body the form's values make: each field at its path, empty optional ones left out. */
export function toBody(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.notInBody) continue;
    const value = bodyValue(field, getPath(values, field.name));
    if (value !== undefined) setPath(body, field.name, value);
  }
  return body;
}

/** A field of the form the body does not carry (e.g. a path parameter), trimmed. */
export function textOf(values: FormValues, name: string): string {
  return trimmed(getPath(values, name));
}

/**
 * A correction's body: `changes` holds only the fields whose value differs from what the entry had (`initial`,
 * the prefilled values), so nothing unchanged is "corrected".
 */
export function correctionBody(
  fields: readonly FieldSpec[],
  initial: FormValues,
  values: FormValues,
): { changes: Record<string, unknown>; reason: string } {
  const changes: Record<string, unknown> = {};
  for (const field of fields) {
    if (!field.name.startsWith('changes.')) continue;
    const before = bodyValue({ ...field, whenEmpty: 'null' }, getPath(initial, field.name));
    const after = bodyValue({ ...field, whenEmpty: 'null' }, getPath(values, field.name));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      changes[field.name.slice('changes.'.length)] = after;
    }
  }
  return { changes, reason: textOf(values, 'reason') };
}

/** A server field path as the form names it: `envoys[0].name` → `envoys.0.name`. */
export function formPath(serverField: string): string {
  return serverField.replace(/\[(\d+)\]/g, '.$1');
}

/** The field a server error belongs to: the spec whose path is the error's path or a prefix of it. */
export function fieldOf(fields: readonly FieldSpec[], serverField: string): FieldSpec | undefined {
  const path = formPath(serverField);
  return fields
    .filter((f) => path === f.name || path.startsWith(`${f.name}.`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

export interface PlacedError {
  /** The form path of the error (`envoys.0.name`). */
  readonly path: string;
  /** The field spec it is shown with, if any matches. */
  readonly field: string | undefined;
  readonly message: string;
}

/** The server's field errors, placed on the fields of the form. */
export function placeErrors(fields: readonly FieldSpec[], errors: readonly FieldError[]): PlacedError[] {
  return errors.map((error) => ({
    path: formPath(error.field),
    field: fieldOf(fields, error.field)?.name,
    message: error.message,
  }));
}

/** The fields a domain refusal (422, no field errors of its own) is about, by its code; the first in the form wins. */
const CODE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  OCCURRED_IN_FUTURE: ['occurredAt', 'changes.occurredAt'],
  OCCURRED_BEFORE_ENTRY: ['occurredAt', 'changes.occurredAt'],
  UNKNOWN_VENDOR: ['vendorId', 'toVendorId', 'unitsVendorId', 'vendor'],
  SAME_VENDOR: ['toVendorId'],
  INVALID_UNITS: ['units', 'changes.units'],
  INVALID_ROUND: ['round', 'changes.round'],
  INVALID_PERIOD: ['period', 'changes.period'],
  INVALID_AMOUNT: ['amount', 'budget', 'value', 'changes.amount', 'changes.value', 'changes.budget'],
  UNKNOWN_CURRENCY: ['amount', 'budget', 'value', 'changes.amount', 'changes.value', 'changes.budget'],
  SOURCE_RETRACTED: ['sourceEventId'],
  SOURCE_ENTRY_NOT_FOUND: ['sourceEventId'],
  DUE_BEFORE_SOURCE: ['dueDate', 'changes.dueDate'],
};

/**
 * The field errors of a refusal: the server's own, or for a domain rule it names by code, its detail placed on
 * the field the rule is about (so "occurred in the future" shows next to the date).
 */
export function problemErrors(problem: Problem | null, fields: readonly FieldSpec[]): FieldError[] {
  if (!problem) return [];
  if (problem.errors && problem.errors.length > 0) return [...problem.errors];
  const names = new Set(fields.map((f) => f.name));
  const field = (problem.code ? CODE_FIELDS[problem.code] : undefined)?.find((name) => names.has(name));
  return field ? [{ field, message: problem.detail ?? problem.title }] : [];
}

/** An id for the control of a form path (`envoys.0.name` → `f-envoys-0-name`). */
export function controlId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export interface Difference {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A value an entry or register item holds, as a reader reads it: dates in UTC, amounts grouped with their
 * currency, yes/no, lists joined, a dash for nothing.
 */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
      return format(new UTCDate(value), "d MMM yyyy, HH:mm 'UTC'");
    }
    if (DATE.test(value) && !Number.isNaN(Date.parse(value))) return format(new UTCDate(value), 'd MMM yyyy');
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(displayValue).join('; ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.currency === 'string' && record.amount !== undefined) {
      const amount = Number(record.amount);
      const grouped = Number.isFinite(amount)
        ? new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(amount)
        : String(record.amount);
      return `${grouped} ${record.currency}`;
    }
    if (typeof record.currency === 'string' && typeof record.minor === 'string') {
      return `${record.minor} ${record.currency} (minor units)`;
    }
    if (typeof record.name === 'string' && typeof record.title === 'string') {
      const of = [record.title, record.organisation].filter((v) => typeof v === 'string' && v !== '');
      return `${record.name} (${of.join(', ')})`;
    }
    if ('start' in record && 'end' in record) {
      return `${displayValue(record.start)} – ${record.end === null ? 'open-ended' : displayValue(record.end)}`;
    }
    return Object.entries(record)
      .map(([key, v]) => `${key}: ${displayValue(v)}`)
      .join(', ');
  }
  return String(value);
}

const shown = displayValue;

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
}

/**
 * What differs between two readings of the same thing (an entry, a register item), field by field, nested
 * objects flattened to dotted paths; `ignore` leaves out fields that always move (e.g. cursors).
 */
export function differences(before: unknown, after: unknown, ignore: readonly string[] = []): Difference[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter(
    (key) => !ignore.some((skip) => key === skip || key.startsWith(`${skip}.`)),
  );
  return keys
    .filter((key) => JSON.stringify(a.get(key)) !== JSON.stringify(b.get(key)))
    .sort()
    .map((field) => ({ field, before: shown(a.get(field)), after: shown(b.get(field)) }));
}

/** The waits between polls for a projected entry: 200 ms, ×1.5 each time, until `budgetMs` is spent. */
export function backoff(budgetMs = 15_000, firstMs = 200, factor = 1.5): number[] {
  const waits: number[] = [];
  let total = 0;
  for (let wait = firstMs; total + wait <= budgetMs; wait = Math.round(wait * factor)) {
    waits.push(wait);
    total += wait;
  }
  return waits;
}

/** The stream version an ETag names: `"7"` → 7 (weak tags too); undefined for anything else. */
export function versionOf(etag: string | null): number | undefined {
  const match = etag ? /^(?:W\/)?"(\d+)"$/.exec(etag.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** A value an entry holds as a field's form value, or undefined to leave the field empty. */
export function formValue(field: FieldSpec, value: unknown): unknown {
  if (value === undefined) return undefined;
  const record = (value ?? {}) as Record<string, unknown>;
  switch (field.kind) {
    case 'strings':
      return Array.isArray(value) ? value.map((v) => ({ value: text(v) })) : undefined;
    case 'people':
      return Array.isArray(value)
        ? value.map((p: Record<string, unknown>) => ({
            name: text(p?.name),
            title: text(p?.title),
            organisation: text(p?.organisation),
          }))
        : undefined;
    case 'person':
      return { name: text(record.name), title: text(record.title), organisation: text(record.organisation) };
    case 'money':
      // Entries that hold money only in minor units leave it empty: it is corrected by typing it anew.
      return typeof record.amount === 'string' && typeof record.currency === 'string'
        ? { amount: record.amount, currency: record.currency }
        : undefined;
    case 'period':
      return { start: text(record.start), end: text(record.end) };
    case 'rival':
      return { kind: text(record.kind), name: text(record.name) };
    case 'boolean':
      return value === true;
    case 'checkboxes':
      return Array.isArray(value) ? value.map(text) : undefined;
    case 'datetime':
      return localInput(text(value));
    default:
      return text(value);
  }
}

/** A correction form's starting values: the entry as it now reads, for each `changes.<field>` of the form. */
export function correctionPrefill(
  fields: readonly FieldSpec[],
  entry: { occurredAt: string; source: string | null; confidence: string | null; data: unknown },
): FormValues {
  const facts: Record<string, unknown> = {
    occurredAt: entry.occurredAt,
    source: entry.source,
    confidence: entry.confidence,
  };
  const data = (entry.data ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of fields) {
    if (!field.name.startsWith('changes.')) continue;
    const key = field.name.slice('changes.'.length);
    const value = formValue(field, key in facts ? facts[key] : data[key]);
    if (value !== undefined) setPath(values, field.name, value);
  }
  return values;
}
