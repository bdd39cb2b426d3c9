import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INCENTIVE_INSTRUMENTS, type IncentiveInstrument } from '#domain';
import { EntryFactsDto, IsDateOnly, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

/** Body of POST /v1/countries/{country}/incentive-offers. */
export class OfferIncentiveRequestDto extends EntryFactsDto {
  @IsIn(INCENTIVE_INSTRUMENTS) instrument!: IncentiveInstrument;

  @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;

  @IsOptional() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto | null = null;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1_000, { each: true })
  conditions: string[] = [];

  /** The date after which the offer lapses; null if open-ended. */
  @IsOptional() @IsDateOnly() @IsISO8601({ strict: true }) expiresOn: string | null = null;

  @IsString() @IsNotEmpty() @MaxLength(20_000) description!: string;
}
