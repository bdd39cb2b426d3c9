import { IsIn, IsString, MaxLength } from 'class-validator';
import { SUPPORT_OUTCOMES, type SupportOutcome } from '#domain';
import { TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/technical-support/{id}/close. */
export class CloseTechnicalSupportRequestDto extends TransitionFactsDto {
  @IsIn(SUPPORT_OUTCOMES) outcome!: SupportOutcome;

  @IsString() @MaxLength(5_000) note!: string;
}
