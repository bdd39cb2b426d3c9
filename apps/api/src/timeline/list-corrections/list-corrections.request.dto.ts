import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query string of GET /v1/entries/{eventId}/corrections. */
export class ListCorrectionsRequestDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit = 20;

  /** The `nextCursor` of the previous page (or of the entry's `corrections`), as it was given. */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
