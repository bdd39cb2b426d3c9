import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/technical-support/{id}/milestones. */
export class DeliverMilestoneRequestDto extends TransitionFactsDto {
  @IsString() @IsNotEmpty() @MaxLength(500) milestone!: string;

  @IsString() @MaxLength(5_000) note!: string;
}
