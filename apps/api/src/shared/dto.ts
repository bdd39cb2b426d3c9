import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  isISO8601,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  CLASSIFICATIONS,
  type Classification,
  CONFIDENCE_LEVELS,
  type Confidence,
  type EntryFacts,
  type TransitionFacts,
} from '#domain';
import { isAssignedCountryCode } from '../http/country-code.pipe.js';
import { VENDOR_ID_PATTERN } from '../http/id-param.pipe.js';
import { DATE_ONLY, DATE_OR_INSTANT, INSTANT } from './dates.js';

/** Instants PostgreSQL's `timestamptz` and `pg` both read: years 0001–9999 in UTC (an offset can leave them). */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** A value matching `pattern` that is also a real ISO 8601 calendar date (and time): one message per field. */
function isValidIso(pattern: RegExp, message: string) {
  return ValidateBy({
    name: 'isValidIso',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        pattern.test(value) &&
        isISO8601(value, { strict: true }) &&
        Date.parse(value) >= FIRST_INSTANT &&
        Date.parse(value) <= LAST_INSTANT,
      defaultMessage: () => message,
    },
  });
}

/** A date-time with `Z` or an offset (see INSTANT), and a real calendar date and time. */
export const IsDateTime = () =>
  isValidIso(
    INSTANT,
    '$property must be an ISO 8601 date-time with Z or an offset, e.g. 2026-02-24T10:00:00Z',
  );

/** A read bound: a date (that whole UTC day) or a date-time with `Z` or an offset. */
export const IsDateOrDateTime = () =>
  isValidIso(DATE_OR_INSTANT, '$property must be a date (YYYY-MM-DD) or a date-time with Z or an offset');

export class ParticipantDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) organisation!: string;
}

export class PeriodDto {
  @Matches(DATE_ONLY, { message: 'start must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  start!: string;

  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE_ONLY, { message: 'end must be a date (YYYY-MM-DD) or null' })
  @IsISO8601({ strict: true })
  end: string | null = null;
}

/** Fields every new entry takes besides its content. */
export class EntryFactsDto {
  @IsDateTime()
  occurredAt!: string;

  @IsIn(CLASSIFICATIONS) classification: Classification = 'unclassified';

  @IsOptional() @IsString() @MaxLength(500) source?: string;

  @IsOptional() @IsIn(CONFIDENCE_LEVELS) confidence?: Confidence;
}

/** Fields every change to an existing entry takes. */
export class TransitionFactsDto {
  @IsDateTime()
  occurredAt!: string;

  @IsOptional() @IsString() @MaxLength(500) source?: string;

  @IsOptional() @IsIn(CONFIDENCE_LEVELS) confidence?: Confidence;
}

/** A validated date-only field, for due dates and expiries. */
export const IsDateOnly = () => Matches(DATE_ONLY, { message: '$property must be a date (YYYY-MM-DD)' });

/** A vendor id as the registry knows it, e.g. `huawei`. */
export const IsVendorId = () =>
  Matches(VENDOR_ID_PATTERN, {
    message: '$property must be a vendor id (lower-case letters, digits and dashes)',
  });

/** An assigned ISO 3166-1 alpha-2 code, in either case. */
export const IsCountryCode = () =>
  ValidateBy({
    name: 'isCountryCode',
    validator: {
      validate: (value) =>
        typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) && isAssignedCountryCode(value),
      defaultMessage: () => '$property must be an assigned ISO 3166-1 alpha-2 country code',
    },
  });

/** An object with at most `max` own keys, for free-form maps the domain checks key by key. */
export const MaxKeys = (max: number) =>
  ValidateBy({
    name: 'maxKeys',
    constraints: [max],
    validator: {
      validate: (value) => typeof value === 'object' && value !== null && Object.keys(value).length <= max,
      defaultMessage: () => `$property must have at most ${max} fields`,
    },
  });

export { Type };

/** The fields a partial change actually names: absent ones are left out, explicit nulls kept. */
export function namedFields<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function entryFacts(country: string, dto: EntryFactsDto): EntryFacts {
  return {
    country,
    occurredAt: new Date(dto.occurredAt),
    classification: dto.classification,
    source: dto.source ?? null,
    confidence: dto.confidence ?? null,
  };
}

export function transitionFactsOf(dto: TransitionFactsDto): TransitionFacts {
  return {
    occurredAt: new Date(dto.occurredAt),
    source: dto.source ?? null,
    confidence: dto.confidence ?? null,
  };
}

export function participant(p: ParticipantDto) {
  return { name: p.name, title: p.title, organisation: p.organisation };
}

export function periodOf(p: PeriodDto) {
  return { start: p.start, end: p.end ?? null };
}
