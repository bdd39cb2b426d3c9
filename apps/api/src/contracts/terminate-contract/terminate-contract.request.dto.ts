import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/contracts/{id}/terminate. */
export class TerminateContractRequestDto extends TransitionFactsDto {
  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;
}
