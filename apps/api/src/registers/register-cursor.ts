import { contractStreamId, followUpStreamId, incentiveStreamId, technicalSupportStreamId } from '#domain';
import type { RegisterKind } from './register-item.js';

/**
 * Where a register page ended, opaque to clients: the register it belongs to, the instant the register was read
 * as known at (so every page of one listing reads the same revisions and the same day), and the sort key of the
 * page's last item.
 */
export interface RegisterCursor<Key> {
  readonly knownAt: string;
  readonly after: Key;
}

/** A country register's sort key: newest first, then by stream, descending. */
export interface CountryRegisterKey {
  readonly occurredAt: string;
  readonly streamId: string;
}

/** The follow-ups' sort key: soonest due first, then oldest, then by stream. */
export interface FollowUpKey {
  readonly dueDate: string;
  readonly occurredAt: string;
  readonly streamId: string;
}

/** The longest cursor this API issues is well under this; anything longer is not one of its cursors. */
export const MAX_CURSOR_LENGTH = 512;

const STREAM_PREFIX: Readonly<Record<RegisterKind, string>> = {
  'incentive-offer': incentiveStreamId(''),
  contract: contractStreamId(''),
  'technical-support': technicalSupportStreamId(''),
  'follow-up': followUpStreamId(''),
};
/** Entity ids are UUIDs; this admits any plain id, never text PostgreSQL could refuse (NUL, lone surrogates). */
const ENTITY_ID = /^[0-9A-Za-z][0-9A-Za-z._:-]{0,127}$/;
/** As `Date.prototype.toISOString` writes an instant of years 0001–9999, the only form a cursor carries. */
const ISSUED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISSUED_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant as this API writes it, of a real calendar day, in PostgreSQL's range (no year 0). */
function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !ISSUED_INSTANT.test(value) || value < '0001') return false;
  const instant = new Date(value);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === value;
}

/** A calendar date (no 30 February), in PostgreSQL's range. */
function isDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    ISSUED_DATE.test(value) &&
    value >= '0001' &&
    isInstant(`${value}T00:00:00.000Z`)
  );
}

function isStreamOf(kind: RegisterKind, value: unknown): value is string {
  const prefix = STREAM_PREFIX[kind];
  return typeof value === 'string' && value.startsWith(prefix) && ENTITY_ID.test(value.slice(prefix.length));
}

function encode(kind: RegisterKind, knownAt: Date, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, knownAt.toISOString(), ...key])).toString('base64url');
}

/** The parts of a cursor of `kind` with `keyLength` key parts after its knownAt, or undefined. */
function parts(
  kind: RegisterKind,
  raw: string,
  keyLength: number,
): { knownAt: string; key: unknown[] } | undefined {
  if (raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 + keyLength || value[0] !== kind) return undefined;
    const [, knownAt, ...key] = value;
    return isInstant(knownAt) ? { knownAt, key } : undefined;
  } catch {
    return undefined;
  }
}

export function encodeCountryRegisterCursor(
  kind: RegisterKind,
  knownAt: Date,
  after: CountryRegisterKey,
): string {
  return encode(kind, knownAt, [after.occurredAt, after.streamId]);
}

/**
 * The cursor, if it is one this API issued for the `kind` register; undefined for anything else. A forged one must
 * not reach the query: PostgreSQL would refuse a `timestamptz` such as "2026" or year 0 with an error.
 */
export function decodeCountryRegisterCursor(
  kind: RegisterKind,
  raw: string,
): RegisterCursor<CountryRegisterKey> | undefined {
  const decoded = parts(kind, raw, 2);
  if (!decoded) return undefined;
  const [occurredAt, streamId] = decoded.key;
  if (!isInstant(occurredAt) || !isStreamOf(kind, streamId)) return undefined;
  return { knownAt: decoded.knownAt, after: { occurredAt, streamId } };
}

export function encodeFollowUpCursor(knownAt: Date, after: FollowUpKey): string {
  return encode('follow-up', knownAt, [after.dueDate, after.occurredAt, after.streamId]);
}

/** The cursor, if it is one this API issued for the follow-ups; undefined for anything else. */
export function decodeFollowUpCursor(raw: string): RegisterCursor<FollowUpKey> | undefined {
  const decoded = parts('follow-up', raw, 3);
  if (!decoded) return undefined;
  const [dueDate, occurredAt, streamId] = decoded.key;
  if (!isDate(dueDate) || !isInstant(occurredAt) || !isStreamOf('follow-up', streamId)) return undefined;
  return { knownAt: decoded.knownAt, after: { dueDate, occurredAt, streamId } };
}
