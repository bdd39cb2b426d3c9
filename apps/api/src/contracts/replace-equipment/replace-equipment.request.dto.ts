import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsVendorId, TransitionFactsDto, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

/** Body of POST /v1/contracts/{id}/replace: units of one vendor's equipment swapped for another's. */
export class ReplaceEquipmentRequestDto extends TransitionFactsDto {
  @IsString() @IsVendorId() fromVendorId!: string;

  /** Must be a registered vendor. */
  @IsString() @IsVendorId() toVendorId!: string;

  @IsInt() @Min(1) @Max(100_000_000) units!: number;

  /** Contract value that moves with the units; proportional to them when absent. */
  @IsOptional() @ValidateNested() @Type(() => MoneyDto) value: MoneyDto | null = null;

  @IsString() @MaxLength(5_000) note!: string;
}
