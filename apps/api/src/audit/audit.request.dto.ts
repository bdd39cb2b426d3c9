import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCountryCode, IsDateOrDateTime } from '../shared/dto.js';

const toUpper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/**
 * Query string of GET /v1/audit. `from` is inclusive, `to` exclusive (a bare date is the start of that day, UTC,
 * as on the timeline); both bound when the event was recorded.
 */
export class AuditRequestDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 50;

  @IsOptional() @IsString() @MaxLength(200) cursor?: string;

  /** Who recorded: a token subject, exactly (`system:scheduler` for the service's own jobs). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) actor?: string;

  @IsOptional() @IsCountryCode() @Transform(toUpper) country?: string;

  @IsOptional() @IsDateOrDateTime() from?: string;

  @IsOptional() @IsDateOrDateTime() to?: string;
}
