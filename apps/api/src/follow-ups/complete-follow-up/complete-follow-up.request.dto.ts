import { IsString, MaxLength } from 'class-validator';
import { TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/follow-ups/{id}/complete. */
export class CompleteFollowUpRequestDto extends TransitionFactsDto {
  @IsString() @MaxLength(5_000) note!: string;
}
