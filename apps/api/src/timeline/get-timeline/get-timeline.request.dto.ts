import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const toList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));

/** Query string of GET /v1/countries/{country}/timeline. `from` is inclusive, `to` exclusive. */
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

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;
}
