import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { asOfInstant, upperBound, utcDate } from '../shared/dates.js';
import { IsDateOrDateTime } from '../shared/dto.js';
import { MAX_CURSOR_LENGTH, type RegisterCursor } from './register-cursor.js';

/** Items per page of a register when `limit` is not given, and the most a page may have. */
export const DEFAULT_REGISTER_LIMIT = 50;
export const MAX_REGISTER_LIMIT = 200;

/** What every register read may ask for: the registers as known at a time, a page at a time. */
export class RegisterReadRequestDto {
  /**
   * What we had recorded by then (recorded time; a bare date means the end of that day, UTC): the register as
   * shown in a briefing on that date comes back identical. Its UTC date is also the day offers are judged
   * lapsed and follow-ups overdue. Default: now; with a cursor, the knownAt of the page the cursor came with.
   */
  @IsOptional()
  @IsDateOrDateTime()
  knownAt?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REGISTER_LIMIT)
  limit: number = DEFAULT_REGISTER_LIMIT;

  /** The `nextCursor` of the previous page, as it was given. */
  @IsOptional() @IsString() @MaxLength(MAX_CURSOR_LENGTH) cursor?: string;
}

/** The instant a register is read as known at, and the UTC day it judges lapses and due dates by. */
export interface RegisterView {
  readonly knownAt: Date;
  readonly today: string;
}

/** One page to read: the view, how many items at most, and the sort key the page starts after (if any). */
export interface RegisterPageRequest<Key> {
  readonly view: RegisterView;
  readonly limit: number;
  readonly after: Key | undefined;
}

/** `knownAt`, or now; and its UTC date. */
export function registerViewOf(query: Pick<RegisterReadRequestDto, 'knownAt'>, now: Date): RegisterView {
  const knownAt = asOfInstant(query.knownAt, now);
  return { knownAt, today: utcDate(knownAt) };
}

/**
 * The page a request asks for, or why its cursor is refused: one this API did not issue for this register, or
 * one issued for another knownAt than the request names. Every page after the first reads as known at the
 * first page's instant, so a listing paged while entries are recorded has no gap and no duplicate.
 */
export function registerPageOf<Key>(
  query: RegisterReadRequestDto,
  decode: (raw: string) => RegisterCursor<Key> | undefined,
  now: Date,
): RegisterPageRequest<Key> | { readonly refused: string } {
  if (query.cursor === undefined)
    return { view: registerViewOf(query, now), limit: query.limit, after: undefined };
  const cursor = decode(query.cursor);
  if (!cursor) return { refused: 'cursor is not one this API issued for this register' };
  if (query.knownAt !== undefined && upperBound(query.knownAt).toISOString() !== cursor.knownAt) {
    return {
      refused: `cursor belongs to a listing known at ${cursor.knownAt}; leave knownAt out or send that`,
    };
  }
  return { view: registerViewOf({ knownAt: cursor.knownAt }, now), limit: query.limit, after: cursor.after };
}
