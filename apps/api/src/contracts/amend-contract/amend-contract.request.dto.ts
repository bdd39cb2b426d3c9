import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VENDOR_ID_PATTERN } from '../../http/id-param.pipe.js';
import { PeriodDto, TransitionFactsDto, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

/** The terms an amendment changes; absent ones stay, `null` clears the value or the financing. */
export class ContractTermsChangesDto {
  @ValidateIf((_o, v) => v !== undefined) @IsInt() @Min(1) @Max(100_000_000) units?: number;

  @IsOptional() @ValidateNested() @Type(() => MoneyDto) value?: MoneyDto | null;

  @IsOptional() @IsString() @MaxLength(1_000) financing?: string | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;
}

/** Body of POST /v1/contracts/{id}/amend. */
export class AmendContractRequestDto extends TransitionFactsDto {
  @IsObject() @ValidateNested() @Type(() => ContractTermsChangesDto) changes!: ContractTermsChangesDto;

  /** Whose units a change of `units` adds or removes (a vendor holding equipment under the contract); default: the awarded vendor's. */
  @IsOptional()
  @IsString()
  @Matches(VENDOR_ID_PATTERN, { message: 'unitsVendorId must be a vendor id' })
  unitsVendorId?: string;

  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;
}
