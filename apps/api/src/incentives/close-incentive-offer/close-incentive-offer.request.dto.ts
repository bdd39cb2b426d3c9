import { IsString, MaxLength } from 'class-validator';
import { TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/incentive-offers/{id}/accept, /decline, /withdraw and /expire. */
export class CloseIncentiveOfferRequestDto extends TransitionFactsDto {
  @IsString() @MaxLength(5_000) note!: string;
}
