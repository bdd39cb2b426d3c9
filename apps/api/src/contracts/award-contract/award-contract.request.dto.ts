import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NETWORK_DOMAINS, type NetworkDomain, UNIT_KINDS, type UnitKind } from '#domain';
import { EntryFactsDto, IsVendorId, PeriodDto, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

/** Body of POST /v1/countries/{country}/contracts. */
export class AwardContractRequestDto extends EntryFactsDto {
  @IsString() @IsNotEmpty() @MaxLength(200) operator!: string;

  /** A vendor of the registry (GET-able as /v1/vendors/{vendorId} once read endpoints land). */
  @IsString() @IsVendorId() vendorId!: string;

  @IsIn(NETWORK_DOMAINS) domain!: NetworkDomain;

  /** 2G, 3G, 4G, 5G, fixed, or another label. */
  @IsString() @IsNotEmpty() @MaxLength(40) generation!: string;

  @IsInt() @Min(1) @Max(100_000_000) units!: number;

  @IsIn(UNIT_KINDS) unitKind!: UnitKind;

  @IsOptional() @ValidateNested() @Type(() => MoneyDto) value: MoneyDto | null = null;

  @IsOptional() @IsString() @MaxLength(1_000) financing: string | null = null;

  @IsObject() @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;

  @IsString() @IsNotEmpty() @MaxLength(20_000) description!: string;
}
