import fc from 'fast-check';
import type { TestDatabase } from '../support/database.js';

/**
 * Every property runs with a fixed seed, so a failure reproduces; fast-check prints the seed and the path of a
 * counterexample. PROPERTY_SEED and PROPERTY_RUNS (a factor on every property's run count) explore further.
 */
export const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_128);
const RUN_FACTOR = Number(process.env.PROPERTY_RUNS ?? 1);

export function settings(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * RUN_FACTOR)), endOnFailure: true };
}

/** What the API answered, whether through inject or a socket. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * The contract of every answer: never a 5xx, and every 4xx a problem+json naming its type, title and status.
 * Returns a message when it is broken (fast-check then shrinks the input), undefined when it holds.
 */
export function brokenContract(answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.status < 400) return undefined;
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `a ${answer.status} as ${answer.contentType || 'no content type'}: ${answer.body.slice(0, 300)}`;
  }
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return `a ${answer.status} whose body is not JSON: ${answer.body.slice(0, 300)}`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') {
    return `a problem without type or title: ${answer.body.slice(0, 300)}`;
  }
  if (problem.status !== answer.status) return `a problem whose status is not ${answer.status}`;
  return undefined;
}

/** Throws (failing the property) when the answer breaks the contract. */
export function expectContract(answer: Answer, request: string): void {
  const broken = brokenContract(answer);
  if (broken) throw new Error(`${request} ${broken}`);
}

/** Everything a command writes (streams, events, outbox rows, remembered Idempotency-Keys), counted. */
const WRITTEN = `SELECT (SELECT count(*) FROM streams) || ' streams, ' || (SELECT count(*) FROM events) || ' events, '
  || (SELECT count(*) FROM outbox) || ' outbox rows, ' || (SELECT count(*) FROM idempotency_keys) || ' keys' AS n`;

/** What the store holds, as text to compare before and after a request. */
export async function written(db: TestDatabase): Promise<string> {
  const { rows } = await db.pool.query<{ n: string }>(WRITTEN);
  return rows[0]?.n ?? '';
}

/** JSON text that JSON.stringify cannot write: a literal spelled as the client sent it (`1e400`, `-0`). */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON.stringify with Raw values written as they are. */
export function jsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Strings Postgres, JSON or a validator have tripped on somewhere. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '\ufeff',
  '\uffff',
  '\u202e',
  '💥',
  '\u0007\u001b[0m',
  'null',
  '__proto__',
  'constructor',
  "'; DROP TABLE events; --",
  '%00',
  '\\u0000',
  '$' + '{x}',
  'x'.repeat(600),
  'x'.repeat(25_000),
];

export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // A valid text with one NUL or lone surrogate somewhere in it.
  fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('\u0000', '\ud800', '\udc00'),
      fc.string({ maxLength: 20 }),
    )
    .map(([a, b, c]) => a + b + c),
);

/** ISO 8601 forms a validator may accept and `Date` or PostgreSQL may not, and the ones they all take. */
export const ODD_DATES = [
  '2026-02-10T10:00:00Z',
  '2026-02-10',
  '2020-W01-1T00:00:00Z',
  '2020-W01-1',
  '2020-001T00:00:00Z',
  '2020-001',
  '2026-02-09T10:00:00',
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '0001-01-01T00:00:00+14:00',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-02-30',
  '2026-02-10T24:00:00Z',
  '2026-02-10T10:00:60Z',
  '2026-02-10T10:00:00.123456789Z',
  '2026-02-10T10:00:00.1234567890Z',
  '2026-02-10T10:00:00+24:00',
  '2026-02-10T10:00:00+99:99',
  '2026-02-10T10:00:00+0100',
  '2026-02-10T10:00Z',
  '2026-02-10t10:00:00z',
  '2026-02-10 10:00:00Z',
  '20260210T100000Z',
  '2026-02',
  '2026',
  'March 7, 2025',
  '1e3',
  '2099-01-01T00:00:00Z',
];

const two = (n: number) => String(n).padStart(2, '0');

/** Date-times put together from parts in and out of range. */
export const oddDate = fc.oneof(
  fc.constantFrom(...ODD_DATES),
  fc
    .record({
      year: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(1, 1969, 2026, 9999)),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      fraction: fc.constantFrom('', '.5', '.123', '.123456', '.123456789'),
      zone: fc.constantFrom('Z', '', '+00:00', '-23:59', '+14:00', '+24:00', '-12:30'),
      dateOnly: fc.boolean(),
    })
    .map((d) => {
      const date = `${String(d.year).padStart(4, '0')}-${two(d.month)}-${two(d.day)}`;
      return d.dateOnly ? date : `${date}T${two(d.hour)}:${two(d.minute)}:00${d.fraction}${d.zone}`;
    }),
);

/** Numbers at the edges of JSON, JavaScript and PostgreSQL, some only as JSON text. */
export const oddNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    0.5,
    1.005,
    1e15,
    1e15 + 0.01,
    1e16,
    2 ** 53 + 2,
    1e308,
    -1e308,
    5e-324,
    100_000_001,
  ),
  fc.constantFrom(
    new Raw('1e400'),
    new Raw('-1e400'),
    new Raw('-0'),
    new Raw('123456789012345678901234567890'),
    new Raw('1.0000000000000000000001'),
    new Raw('1E2'),
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * The one place amounts are written. The API takes an amount as a decimal string of major units
 * (`{ "amount": "1500.50", "currency": "USD" }`); if that form changes, only `amount` and `oddAmount` change.
 */
export function amount(major: string): unknown {
  return major;
}

/** Money with `amount` as the API takes it. */
export function money(major: string, currency = 'USD'): { amount: unknown; currency: string } {
  return { amount: amount(major), currency };
}

/** Amounts as the API takes them, at their edges, and in forms it must refuse (numbers, signs, exponents). */
export const oddAmount: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 19n }), fc.constantFrom('', '.', '.5', '.05', '.005', '.0001'))
    .map(([units, fraction]) => amount(`${units}${fraction}`)),
  fc.constantFrom('0', '0.00', '999999999999999999', '9999999999999999.99', '10000000000000000').map(amount),
  fc.constantFrom('-1', '+1', '1e3', '0x10', ' 1', '1 ', '1,000', '.5', '5.', '', '١٢', 'NaN', 'Infinity'),
  oddNumber,
);

export const oddMoney = fc.record({
  amount: oddAmount,
  currency: fc.constantFrom('USD', 'JPY', 'KWD', 'CLF', 'XXX', 'XTS', 'usd', '', 'US'),
});

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels, as JSON text. */
export const deepValue = fc
  .tuple(fc.integer({ min: 2, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new Raw('['.repeat(depth) + ']'.repeat(depth))
      : new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

/** Any value a JSON body can carry, weighted toward the odd. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: oddDate, weight: 3 },
  { arbitrary: oddNumber, weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: deepValue, weight: 1 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 1 },
  { arbitrary: fc.array(nastyString, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 3 }), weight: 1 },
  { arbitrary: oddMoney, weight: 1 },
  { arbitrary: fc.record({ start: oddDate, end: fc.oneof(oddDate, fc.constant(null)) }), weight: 1 },
);

type Path = readonly (string | number)[];

/** Every path into a body: its fields, nested fields and array elements. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

/** One change to a valid body: a value replaced, a field removed, or a field added. */
export type Mutation =
  | { readonly kind: 'replace'; readonly path: Path; readonly value: unknown }
  | { readonly kind: 'remove'; readonly path: Path }
  | { readonly kind: 'add'; readonly path: Path; readonly key: string; readonly value: unknown };

/** Odd values of the same JSON type as `value`: they pass the type checks and reach the rules and the store. */
function likeValue(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return oddDate;
    if (/^\d+(\.\d+)?$/.test(value)) return oddAmount;
    return fc.oneof(nastyString, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }));
  }
  if (typeof value === 'number') return oddNumber;
  if (typeof value === 'boolean') return fc.boolean();
  return oddValue;
}

export function mutationOf(body: Record<string, unknown>): fc.Arbitrary<Mutation> {
  const paths = pathsOf(body);
  const containers: Path[] = [[], ...paths.filter((p) => isObject(get(body, p)))];
  const replace = (values: (path: Path) => fc.Arbitrary<unknown>) =>
    fc
      .constantFrom(...paths)
      .chain((path) => values(path).map((value): Mutation => ({ kind: 'replace', path, value })));
  return fc.oneof(
    { arbitrary: replace((path) => likeValue(get(body, path))), weight: 6 },
    { arbitrary: replace(() => oddValue), weight: 3 },
    {
      arbitrary: fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...paths) }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        path: fc.constantFrom(...containers),
        key: fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString')),
        value: oddValue,
      }),
      weight: 1,
    },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}

/** A copy of a generated value (Raw literals kept), so that a later mutation cannot change fast-check's own. */
function copyOf(value: unknown): unknown {
  if (value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) define(copy, key, copyOf(child));
  return copy;
}

/** Sets a field even when it is named `__proto__`. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The body with the mutations applied, on a copy. */
export function mutate(body: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const m of mutations) {
    const parent = get(copy, m.path.slice(0, -1)) as Record<string | number, unknown> | undefined;
    if (m.kind === 'add') {
      const target = get(copy, m.path);
      if (isObject(target) && !(target instanceof Raw)) define(target, m.key, copyOf(m.value));
      continue;
    }
    if (parent === null || typeof parent !== 'object') continue;
    const key = m.path.at(-1) as string | number;
    if (m.kind === 'remove') delete parent[key];
    else parent[key] = copyOf(m.value);
  }
  return copy;
}

/** A request that gets no answer within `ms` fails the property naming it, rather than hanging the suite. */
export async function within<T>(ms: number, request: string, answer: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${request} got no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
