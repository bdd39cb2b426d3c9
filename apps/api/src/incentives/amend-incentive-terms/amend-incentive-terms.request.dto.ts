import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, TransitionFactsDto, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

/** The terms an amendment changes; absent ones stay, `null` clears an amount or an expiry. */
export class IncentiveTermsChangesDto {
  @IsOptional() @ValidateNested() @Type(() => MoneyDto) amount?: MoneyDto | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1_000, { each: true })
  conditions?: string[];

  @IsOptional() @IsDateOnly() @IsISO8601({ strict: true }) expiresOn?: string | null;

  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  description?: string;
}

/** Body of POST /v1/incentive-offers/{id}/amend. */
export class AmendIncentiveTermsRequestDto extends TransitionFactsDto {
  @IsObject() @ValidateNested() @Type(() => IncentiveTermsChangesDto) changes!: IncentiveTermsChangesDto;

  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;
}
