import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCountryCode } from '../shared/dto.js';

const toUpper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** Query string of GET /v1/search. */
export class SearchRequestDto {
  /** Web-search syntax: words (all must match), "a phrase", `or`, `-word` to leave out. */
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'q must contain something to search for' })
  q!: string;

  /** One country; outside the reader's countries the access guard answers 403. */
  @IsOptional() @IsCountryCode() @Transform(toUpper) country?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit = 20;

  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
