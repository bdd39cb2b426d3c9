import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TERMINATION_EQUIPMENT, type TerminationEquipment } from '#domain';
import { TransitionFactsDto } from '../../shared/dto.js';

/** Body of POST /v1/contracts/{id}/terminate. */
export class TerminateContractRequestDto extends TransitionFactsDto {
  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;

  /** The awarded vendor's equipment: `decommissioned` (out of service from the termination) or `in-service`. */
  @IsIn(TERMINATION_EQUIPMENT, { message: `equipment must be one of ${TERMINATION_EQUIPMENT.join(', ')}` })
  equipment!: TerminationEquipment;

  /** Units other vendors swapped in under the contract; they stay in service unless this says otherwise. */
  @IsOptional()
  @IsIn(TERMINATION_EQUIPMENT, {
    message: `swappedInEquipment must be one of ${TERMINATION_EQUIPMENT.join(', ')}`,
  })
  swappedInEquipment: TerminationEquipment = 'in-service';
}
