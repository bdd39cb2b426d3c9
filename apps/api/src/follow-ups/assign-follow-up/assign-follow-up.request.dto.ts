import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CLASSIFICATIONS, type Classification } from '#domain';
import { IsDateOnly, TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/follow-ups: an action that came out of a meeting or dialogue round. */
export class AssignFollowUpRequestDto extends TransitionFactsDto {
  @IsUUID() sourceEventId!: string;

  @IsString() @IsNotEmpty() @MaxLength(200) owner!: string;

  @IsDateOnly() @IsISO8601({ strict: true }) dueDate!: string;

  @IsString() @IsNotEmpty() @MaxLength(5_000) action!: string;

  /** Defaults to the source engagement's classification. */
  @IsOptional() @IsIn(CLASSIFICATIONS) classification?: Classification;
}
