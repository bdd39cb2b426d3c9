import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SUPPORT_TYPES, type SupportType } from '#domain';
import { EntryFactsDto, PeriodDto, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

/** Body of POST /v1/countries/{country}/technical-support. */
export class CommitTechnicalSupportRequestDto extends EntryFactsDto {
  @IsIn(SUPPORT_TYPES) supportType!: SupportType;

  @IsString() @IsNotEmpty() @MaxLength(200) provider!: string;

  @IsString() @IsNotEmpty() @MaxLength(200) beneficiary!: string;

  @IsObject() @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;

  @IsOptional() @ValidateNested() @Type(() => MoneyDto) budget: MoneyDto | null = null;

  @IsString() @IsNotEmpty() @MaxLength(20_000) description!: string;
}
