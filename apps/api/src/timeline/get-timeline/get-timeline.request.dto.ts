import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsDateOrDateTime } from '../../shared/dto.js';

const toList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Query string of GET /v1/countries/{country}/timeline. `from` is inclusive, `to` exclusive, `asOf` inclusive. */
export class GetTimelineRequestDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 50;

  @IsOptional() @IsString() @MaxLength(200) cursor?: string;

  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(50)
  @Matches(/^[A-Z][A-Za-z]{1,80}$/, {
    each: true,
    message: 'type must be event type names such as EnvoyMeetingHeld',
  })
  type?: string[];

  @IsOptional() @IsDateOrDateTime() from?: string;

  @IsOptional() @IsDateOrDateTime() to?: string;

  /** What had happened by then (by occurredAt). A bare date means the end of that day, UTC. */
  @IsOptional() @IsDateOrDateTime() asOf?: string;

  /** What we had recorded by then (by recordedAt), corrections included. */
  @IsOptional()
  @IsDateOrDateTime()
  knownAt?: string;

  @IsOptional() @IsString() @MaxLength(200) topic?: string;

  @IsOptional() @IsString() @MaxLength(200) vendor?: string;

  @IsOptional() @IsString() @MaxLength(200) participant?: string;

  @IsOptional() @Transform(toBoolean) @IsBoolean() includeRetracted = false;
}
